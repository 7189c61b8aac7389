// Hostile input at the ingest, against the real Mosquitto and Kafka (issue 16).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { pino } from 'pino';
import { ensureTopics } from '../../services/common/kafka.js';
import { DeviceState, DeviceStatus } from '../../services/common/proto.js';
import { statusTopic, telemetryTopic } from '../../services/common/topics.js';
import { DEFAULT_LIMITS } from '../../services/common/validate.js';
import { createIngest } from '../../services/ingest/app.js';
import { createPatientRegistry } from '../../services/common/patient-registry.js';
import { KafkaForwarder } from '../../services/ingest/kafka-forwarder.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { startPipeline, waitFor } from '../helpers/pipeline.js';
import { kafkaFor, stack, uid } from '../helpers/stack.js';
import { connectDevice, header } from './helpers.js';

test('an oversized poison message (just under the broker packet limit) is dead-lettered as a truncated copy with size and sha256; later readings flow', async (t) => {
  // Exclusive (the production default): one connection, so the poison is ahead of the reading.
  const p = await startPipeline(t, { writer: false, subscription: 'exclusive' });
  const { id, client } = await connectDevice(t, p.s, 61);
  // Just under Mosquitto's max_packet_size (1 MiB): accepted by the broker, and larger than
  // Kafka's message.max.bytes once in a record.
  const poison = Buffer.alloc(Number(p.s.env.MQTT_MAX_PACKET_BYTES ?? 1_048_576) - 176, 0x5a);
  const vitals = await p.collect(p.topics.vitals);
  const dlq = await p.collect(p.topics.deadLetter);
  await client.publishAsync(telemetryTopic(id), poison, { qos: 1 });
  await client.publishAsync(telemetryTopic(id), Buffer.from(encodeBatch(makeBatch({ deviceId: id, patientId: 'pat-poison', sequence: 2 }))), { qos: 1 });
  await waitFor('the reading after the poison reaches Kafka', () => (vitals.messages.length >= 1 ? true : undefined), 30_000);
  // Sent in one produce request with the poison, that reading may reach Kafka regardless; the
  // stall shows on the next one and on the PUBACKs the ingest holds.
  await client.publishAsync(telemetryTopic(id), Buffer.from(encodeBatch(makeBatch({ deviceId: id, patientId: 'pat-poison', sequence: 3 }))), { qos: 1 });
  await waitFor('a later reading reaches Kafka', () => (vitals.messages.some((m) => header(m.headers, 'sequence') === '3') ? true : undefined), 20_000);
  await waitFor('every message acknowledged to the broker', async () => ((await p.ingest.registry.getSingleMetric('vitals_ingest_inflight_messages')!.get()).values[0]?.value === 0 ? true : undefined), 10_000);
  const dead = await waitFor('the poison in the dead-letter topic', () => dlq.messages[0], 10_000);
  assert.equal(header(dead.headers, 'reason'), 'INGEST_ERR_TOO_LARGE');
  assert.equal(header(dead.headers, 'payload-bytes'), String(poison.length));
  assert.equal(header(dead.headers, 'payload-sha256'), createHash('sha256').update(poison).digest('hex'));
  assert.equal(header(dead.headers, 'truncated'), 'true');
  assert.ok(dead.value && dead.value.length < poison.length && dead.value.length > 0, 'a truncated copy');
  assert.ok(poison.subarray(0, dead.value.length).equals(dead.value), 'the copy is the payload\'s head');
});

test('the ingest refuses to start when Kafka\'s max.message.bytes is below the largest record it produces', async (t) => {
  const s = await stack();
  const id = uid('size');
  const kafka = kafkaFor(s, id);
  const topics = { vitals: `${id}.vitals`, status: `${id}.status`, deadLetter: `${id}.dlq` };
  const admin = kafka.admin();
  await admin.connect();
  const patientTopics = { patients: `${id}.patients`, assignments: `${id}.assignments` };
  t.after(async () => { await admin.deleteTopics({ topics: [...Object.values(topics), ...Object.values(patientTopics)] }).catch(() => undefined); await admin.disconnect(); });
  await ensureTopics(admin, Object.values(topics), 1, [{ name: 'max.message.bytes', value: '16384' }]);
  const patients = createPatientRegistry({ kafka, log: pino({ level: 'silent' }), topics: patientTopics, groupId: `${id}-patients` });
  t.after(() => patients.stop());
  const ingest = createIngest({
    kafka,
    patients,
    log: pino({ level: 'silent' }),
    options: { mqtt: { url: s.mqttUrl, username: s.env.MQTT_USERNAME!, password: s.env.MQTT_PASSWORD! }, clientId: id, connections: 1, shareGroup: id, subscription: 'exclusive', keepaliveS: 10, topics, partitions: 1, limits: DEFAULT_LIMITS, lingerMs: 2, maxBatch: 500 },
  });
  t.after(() => ingest.stop());
  await assert.rejects(ingest.start(), /max\.message\.bytes is 16384/);
});

test('a record Kafka refuses for itself (MESSAGE_TOO_LARGE) is dead-lettered by the forwarder; the records batched with it are stored', async (t) => {
  const s = await stack();
  const id = uid('fwd');
  const kafka = kafkaFor(s, id);
  const small = `${id}.small`, dlq = `${id}.dlq`;
  const admin = kafka.admin();
  await admin.connect();
  t.after(async () => { await admin.deleteTopics({ topics: [small, dlq] }).catch(() => undefined); await admin.disconnect(); });
  await ensureTopics(admin, [small], 1, [{ name: 'max.message.bytes', value: '8192' }]);
  await ensureTopics(admin, [dlq], 1);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  t.after(() => producer.disconnect());
  const forwarder = new KafkaForwarder(producer, pino({ level: 'silent' }), {
    lingerMs: 50,
    maxBatch: 500,
    toDeadLetter: (r, type) => ({ topic: dlq, key: r.key, value: r.value.subarray(0, 100), headers: { reason: type } }),
  });
  t.after(() => forwarder.close());
  const rec = (n: number) => ({ topic: small, key: 'k', value: Buffer.alloc(n, 1), headers: {} });
  const sent = Promise.all([forwarder.send(rec(100)), forwarder.send(rec(20_000)), forwarder.send(rec(200))]);
  await waitFor('all three settled', async () => { await sent; return true; }, 20_000);
  const ends = async (topic: string) => (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
  assert.equal(await ends(dlq), 1, 'the oversized record in the dead-letter topic');
  assert.ok(await ends(small) >= 2, 'the small records stored');
});

test('status messages are validated like telemetry: a patient id with MQTT wildcards or a newline, or a free-text reason, is dead-lettered', async (t) => {
  const s = await stack();
  const { id, client } = await connectDevice(t, s, 62);
  // A retained status another suite left for this device would reach the new ingest too: clear it first.
  await client.publishAsync(statusTopic(id), Buffer.alloc(0), { qos: 1, retain: true });
  const p = await startPipeline(t, { writer: false, subscription: 'exclusive' });
  const status = await p.collect(p.topics.status);
  const dlq = await p.collect(p.topics.deadLetter);
  const now = Date.now();
  const bad: Partial<ReturnType<typeof DeviceStatus.create>>[] = [
    { patientId: 'x/#' },
    { patientId: 'pat-1\nkind=forged' },
    { reason: 'r'.repeat(500) },
    { reason: 'line\nbreak' },
  ];
  for (const b of bad) {
    await client.publishAsync(statusTopic(id), Buffer.from(DeviceStatus.encode(DeviceStatus.create({ deviceId: id, state: DeviceState.DEVICE_STATE_ONLINE, atMs: now, reason: 'connect', patientId: 'pat-00062', ...b })).finish()), { qos: 1 });
  }
  // A good one last: once it is in Kafka, every bad one before it has been handled.
  await client.publishAsync(statusTopic(id), Buffer.from(DeviceStatus.encode(DeviceStatus.create({ deviceId: id, state: DeviceState.DEVICE_STATE_ONLINE, atMs: now, reason: 'connect', patientId: 'pat-00062' })).finish()), { qos: 1 });
  // Other devices' retained statuses arrive too (the ingest subscribes to every device's).
  const mine = (list: { headers?: Record<string, unknown> }[]) => list.filter((m) => header(m.headers, 'device-id') === id);
  await waitFor('the valid status in Kafka', () => (mine(status.messages).length >= 1 ? true : undefined), 20_000);
  await waitFor('four dead letters', () => (mine(dlq.messages).length >= bad.length ? true : undefined), 10_000);
  assert.equal(mine(status.messages).length, 1, 'only the valid status reaches the status topic');
  assert.deepEqual(mine(dlq.messages).map((m) => header(m.headers, 'reason')), bad.map(() => 'INGEST_ERR_SCHEMA'));
});

test('per-device limits: a device inventing patient ids or flooding is dead-lettered past its cap and rate; other devices flow', async (t) => {
  const p = await startPipeline(t, { writer: false, subscription: 'exclusive', deviceLimits: { ratePerS: 5, burst: 20, maxPatients: 3, patientWindowMs: 3_600_000, maxDevices: 1000 } });
  const vitals = await p.collect(p.topics.vitals);
  const dlq = await p.collect(p.topics.deadLetter);
  const { id, client } = await connectDevice(t, p.s, 65);
  // Five patient ids from one device: the first three pass, the next two do not.
  for (let seq = 1; seq <= 5; seq++) await client.publishAsync(telemetryTopic(id), Buffer.from(encodeBatch(makeBatch({ deviceId: id, patientId: `pat-inv-${seq}`, sequence: seq }))), { qos: 1 });
  // Then a flood from the same (first) patient: 40 at once against a burst of 20.
  await Promise.all(Array.from({ length: 40 }, (_, i) => client.publishAsync(telemetryTopic(id), Buffer.from(encodeBatch(makeBatch({ deviceId: id, patientId: 'pat-inv-1', sequence: 100 + i }))), { qos: 1 })));
  const other = await connectDevice(t, p.s, 66);
  await other.client.publishAsync(telemetryTopic(other.id), Buffer.from(encodeBatch(makeBatch({ deviceId: other.id, patientId: 'pat-other', sequence: 1 }))), { qos: 1 });
  await waitFor('the other device\'s reading', () => (vitals.messages.some((m) => header(m.headers, 'device-id') === other.id) ? true : undefined), 20_000);
  const fromId = (list: { headers?: Record<string, unknown> }[]) => list.filter((m) => header(m.headers, 'device-id') === id);
  await waitFor('all 45 of the flooding device handled', () => (fromId(vitals.messages).length + fromId(dlq.messages).length >= 45 ? true : undefined), 10_000);
  const reasons = fromId(dlq.messages).map((m) => header(m.headers, 'reason'));
  assert.equal(reasons.filter((r) => r === 'INGEST_ERR_PATIENT_LIMIT').length, 2, 'patients 4 and 5 refused');
  assert.ok(reasons.filter((r) => r === 'INGEST_ERR_RATE').length >= 15, `the flood past the burst refused (${reasons.length} dead letters)`);
  const passed = vitals.messages.filter((m) => header(m.headers, 'device-id') === id);
  const seqs = new Set(passed.map((m) => Number(header(m.headers, 'sequence'))));
  assert.deepEqual([1, 2, 3, 4, 5].filter((q) => seqs.has(q)), [1, 2, 3], 'the batches naming patients 1-3 passed, 4 and 5 did not');
  // Issue 15: an unassigned device's readings are keyed by the device, never by the ids it claims.
  assert.deepEqual([...new Set(passed.map((m) => m.key?.toString()))], [id]);
  assert.ok(passed.every((m) => header(m.headers, 'attribution') === 'unassigned'));
});
