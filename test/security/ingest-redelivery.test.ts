// QoS 1 redeliveries are not rate abuse (issue 17), against the real Mosquitto and Kafka.
// Under broker stress the ingest's connection drops with messages in flight (taken, not yet
// acknowledged); the broker then redelivers them (MQTT 3.1.1 4.4.0-1, DUP set: 3.3.1.1), and
// a device that lost its PUBACKs resends them itself. Before the fix those copies were metered
// again by the per-device rate limit and dead-lettered as INGEST_ERR_RATE, so well-behaved
// devices showed up as flooding. A redelivery is forwarded, not counted; a real flood (new
// sequences, even with the DUP flag set by the device) still is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDynsec } from '../../services/common/dynsec.js';
import { aclBindings, createAcls, deleteAcls, loadAclTable } from '../../services/common/kafka-acls.js';
import { telemetryTopic } from '../../services/common/topics.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { testAclNames } from '../helpers/kafka-acl.js';
import { startPipeline, waitFor } from '../helpers/pipeline.js';
import { connectDevice, header } from './helpers.js';

const LIMITS = { ratePerS: 0.1, burst: 5, maxPatients: 3, patientWindowMs: 3_600_000, maxDevices: 1000 };

test('redelivered copies (the broker\'s after a dropped ingest connection, a device\'s own resend) are forwarded, not dead-lettered as INGEST_ERR_RATE; a real flood still is', { timeout: 180_000 }, async (t) => {
  const p = await startPipeline(t, { writer: false, subscription: 'exclusive', connections: 1, deviceLimits: LIMITS });
  const vitals = await p.collect(p.topics.vitals);
  const dlq = await p.collect(p.topics.deadLetter);
  const a = await connectDevice(t, p.s, 67);
  const b = await connectDevice(t, p.s, 68);
  await p.provision(a.id, 'pat-00067');
  await p.provision(b.id, 'pat-00068');
  const base = Date.now();
  const batch = (deviceId: string, patientId: string, seq: number, at = base + seq) => Buffer.from(encodeBatch(makeBatch({ deviceId, patientId, sequence: seq }, at)));
  const of = (list: { headers?: Record<string, unknown> }[], id: string) => list.filter((m) => header(m.headers, 'device-id') === id);
  const seqs = (list: { headers?: Record<string, unknown> }[], id: string) => new Set(of(list, id).map((m) => Number(header(m.headers, 'sequence'))));
  const rateRefused = (id: string) => of(dlq.messages, id).filter((m) => header(m.headers, 'reason') === 'INGEST_ERR_RATE');
  const inflight = async () => (await p.ingest.registry.getSingleMetric('vitals_ingest_inflight_messages')!.get()).values[0]?.value ?? 0;

  // 1. The broker's redelivery. Kafka stops acknowledging the vitals topic (the ingest
  //    principal's Write removed: back-pressure, the ingest holds the PUBACKs), device A sends
  //    its burst (5), then the broker drops the ingest's connection (its account disabled and
  //    enabled again, as a missed keepalive would): the 5 are redelivered to the new connection.
  const write = aclBindings(loadAclTable(), testAclNames(p.id), { principals: ['ingest'], names: ['vitals'] }).filter((x) => x.operation === 4);
  assert.equal(write.length, 1, 'the ingest\'s Write on the vitals topic');
  const admin = p.kafka.admin();
  await admin.connect();
  t.after(() => admin.disconnect());
  await deleteAcls(admin, write);
  for (let seq = 1; seq <= LIMITS.burst; seq++) await a.client.publishAsync(telemetryTopic(a.id), batch(a.id, 'pat-00067', seq), { qos: 1 });
  await waitFor('device A\'s burst taken by the ingest and held (Kafka refuses)', async () => ((await inflight()) >= LIMITS.burst ? true : undefined), 30_000, 100);
  const dynsec = await createDynsec({ url: p.s.mqttUrl, username: p.s.env.MQTT_REGISTRY_USERNAME ?? 'registry', password: p.s.env.MQTT_REGISTRY_PASSWORD ?? '' });
  t.after(() => dynsec.close());
  const ingestAccount = `${p.id}-ingest-0`;
  await dynsec.run({ command: 'disableClient', username: ingestAccount });
  await dynsec.run({ command: 'enableClient', username: ingestAccount });
  await waitFor('the ingest reconnected', () => (p.ingest.readiness().some((r) => r.includes('mqtt connections down')) ? undefined : true), 30_000, 100);
  // The copies arrive on the new connection; nothing counted them as the device's.
  await waitFor('the redelivered copies handled', async () => ((await inflight()) + of(dlq.messages, a.id).length >= 2 * LIMITS.burst ? true : undefined), 30_000, 100);
  await createAcls(admin, write);
  await waitFor('device A\'s 5 readings in Kafka', () => (seqs(vitals.messages, a.id).size === LIMITS.burst ? true : undefined), 60_000);
  await waitFor('every message acknowledged to the broker', async () => ((await inflight()) === 0 ? true : undefined), 60_000, 100);
  assert.deepEqual(rateRefused(a.id).map((m) => header(m.headers, 'sequence')), [], 'no redelivered copy of device A dead-lettered as INGEST_ERR_RATE');
  assert.equal(of(dlq.messages, a.id).length, 0, 'nothing of device A dead-lettered');

  // 2. A device's own resend: B sends its burst, then sends the same 5 batches again (its
  //    PUBACKs lost). The broker takes them as new messages (no DUP reaches the ingest).
  for (let seq = 1; seq <= LIMITS.burst; seq++) await b.client.publishAsync(telemetryTopic(b.id), batch(b.id, 'pat-00068', seq), { qos: 1 });
  for (let seq = 1; seq <= LIMITS.burst; seq++) await b.client.publishAsync(telemetryTopic(b.id), batch(b.id, 'pat-00068', seq), { qos: 1 });
  await waitFor('device B\'s 10 messages handled', () => (of(vitals.messages, b.id).length + of(dlq.messages, b.id).length >= 2 * LIMITS.burst ? true : undefined), 30_000);
  assert.equal(rateRefused(b.id).length, 0, 'device B\'s resent copies not dead-lettered as INGEST_ERR_RATE');

  // 3. A real flood is still refused: 10 new sequences at once past an exhausted bucket, half
  //    of them with the DUP flag set by the device (the broker does not pass it on: 3.3.1.1).
  const flood = Date.now();
  await Promise.all(Array.from({ length: 10 }, (_, i) => b.client.publishAsync(telemetryTopic(b.id), batch(b.id, 'pat-00068', 100 + i, flood), { qos: 1, dup: i % 2 === 0 })));
  await waitFor('the flood handled', () => (of(vitals.messages, b.id).length + of(dlq.messages, b.id).length >= 2 * LIMITS.burst + 10 ? true : undefined), 30_000);
  // The bucket was empty after the burst; at 0.1/s at most a couple of tokens came back.
  assert.ok(rateRefused(b.id).length >= 7, `the flood past the burst refused (${rateRefused(b.id).length} of 10)`);
  assert.deepEqual([...seqs(vitals.messages, b.id)].filter((q) => q < 100).sort((x, y) => x - y), [1, 2, 3, 4, 5], 'device B\'s burst reached Kafka');
});
