// The data path end to end against the real stack: simulator -> Mosquitto -> ingest ->
// Kafka -> writer -> InfluxDB, with loss, duplicate, dead-letter and Last Will checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flux, InfluxDB } from '@influxdata/influxdb-client';
import mqtt from 'mqtt';
import { deviceIdFor, devicePassword } from '../../services/common/device-credentials.js';
import { DeviceState, DeviceStatus, VitalKind } from '../../services/common/proto.js';
import { statusTopic, telemetryTopic } from '../../services/common/topics.js';
import { simulate } from '../../services/simulator/app.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { startPipeline, waitFor } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

async function rows<T>(p: { s: { influx: { url: string; token: string; org: string } }; bucket: string }, query: ReturnType<typeof flux>): Promise<T[]> {
  return new InfluxDB({ url: p.s.influx.url, token: p.s.influx.token }).getQueryApi(p.s.influx.org).collectRows<T>(query);
}

test('K devices x M batches: InfluxDB holds exactly the acknowledged samples, every (device, sequence)', async (t) => {
  const p = await startPipeline(t);
  const K = 6, M = 15;
  await p.provisionFleet(1, K);
  const summary = await simulate({ mqttUrl: p.s.mqttUrl, deviceSecret: p.deviceSecret, devices: K, firstDevice: 1, batches: M, intervalMs: 100, readingsPerBatch: 2 });
  assert.equal(summary.failed, 0, 'every publish acknowledged by the broker');
  assert.equal(summary.acked, K * M);
  const expectedSamples = K * M * 2 * 6;
  assert.equal(summary.samplesAcked, expectedSamples);

  const count = await waitFor('all samples in InfluxDB', async () => {
    const r = await rows<{ _value: number }>(p, flux`from(bucket: ${p.bucket}) |> range(start: -1h) |> filter(fn: (r) => r._measurement == "vitals" and r._field == "value") |> group() |> count()`);
    const n = r[0]?._value ?? 0;
    return n >= expectedSamples ? n : undefined;
  }, 60_000);
  assert.equal(count, expectedSamples, 'exactly M samples, no extra points');

  const seqRows = await rows<{ device_id: string; _value: number }>(p, flux`from(bucket: ${p.bucket}) |> range(start: -1h) |> filter(fn: (r) => r._measurement == "device" and r._field == "seq") |> group() |> keep(columns: ["device_id", "_value"])`);
  const stored = new Set(seqRows.map((r) => `${r.device_id}#${r._value}`));
  for (const d of summary.perDevice) {
    for (const [a, b] of d.acked) for (let seq = a; seq <= b; seq++) assert.ok(stored.has(`${d.deviceId}#${seq}`), `${d.deviceId} seq ${seq} stored`);
  }
  assert.equal(stored.size, K * M);
  // The writer committed what it stored: a restart resumes there instead of re-reading the topic.
  const o = await waitFor('writer offsets committed up to the end', async () => {
    const x = await p.offsets(p.writerGroup, p.topics.vitals);
    return Object.entries(x.high).every(([part, h]) => x.committed[Number(part)] === h) ? x : undefined;
  }, 15_000);
  assert.ok(Object.values(o.high).reduce((a, b) => a + b, 0) >= K * M);
});

test('the same batch delivered twice yields no extra points', async (t) => {
  const p = await startPipeline(t);
  const deviceId = deviceIdFor(7);
  await p.provision(deviceId, 'pat-dup');
  const client = await mqtt.connectAsync(p.s.mqttUrl, { clientId: deviceId, username: deviceId, password: devicePassword(p.deviceSecret, deviceId), protocolVersion: 4, reconnectPeriod: 0 });
  t.after(() => client.endAsync());
  const bytes = Buffer.from(encodeBatch(makeBatch({ deviceId, patientId: 'pat-dup', sequence: 1 })));
  await client.publishAsync(telemetryTopic(deviceId), bytes, { qos: 1 });
  await client.publishAsync(telemetryTopic(deviceId), bytes, { qos: 1, dup: true });
  const vitals = await p.collect(p.topics.vitals);
  await waitFor('both copies in Kafka', () => (vitals.messages.length >= 2 ? true : undefined));
  // Both copies reached Kafka (at least once); InfluxDB holds one set of points. The writer
  // commits an offset only after InfluxDB accepted the batch: once its committed offset covers
  // both copies, both were written, and the count below is final.
  await p.committedToEnd(p.writerGroup, p.topics.vitals);
  const r = await rows<{ _value: number }>(p, flux`from(bucket: ${p.bucket}) |> range(start: -1h) |> filter(fn: (r) => r._measurement == "vitals" and r._field == "value") |> group() |> count()`);
  assert.equal(vitals.messages.length, 2);
  assert.equal(r[0]?._value, 3);
});

test('each class of bad input ends in the dead-letter topic with its reason; ingest keeps running', async (t) => {
  const p = await startPipeline(t, { writer: false });
  const admin = await mqtt.connectAsync(p.s.mqttUrl, { ...p.s.mqttAdmin, clientId: uid('bad'), protocolVersion: 4, reconnectPeriod: 0 });
  t.after(() => admin.endAsync());
  const dev = deviceIdFor(8);
  const now = Date.now();
  const cases: [string, Buffer, string][] = [
    ['garbage', Buffer.from('this is not protobuf \u00ff\u00fe'), 'INGEST_ERR_DECODE'],
    ['truncated', Buffer.from(encodeBatch(makeBatch({ deviceId: dev }))).subarray(0, 25), 'INGEST_ERR_DECODE'],
    ['wrong-device', Buffer.from(encodeBatch(makeBatch({ deviceId: deviceIdFor(9) }))), 'INGEST_ERR_DEVICE_MISMATCH'],
    ['out-of-range', Buffer.from(encodeBatch(makeBatch({ deviceId: dev, samples: [{ kind: VitalKind.VITAL_KIND_HEART_RATE, value: 900, unit: '/min', measuredAtMs: now }] }))), 'INGEST_ERR_RANGE'],
    ['oversized', Buffer.alloc(70_000, 7), 'INGEST_ERR_TOO_LARGE'],
    ['far-future', Buffer.from(encodeBatch(makeBatch({ deviceId: dev, samples: [{ kind: VitalKind.VITAL_KIND_SPO2, value: 97, unit: '%', measuredAtMs: now + 86_400_000 }] }))), 'INGEST_ERR_FUTURE'],
  ];
  const dlq = await p.collect(p.topics.deadLetter);
  for (const [, payload] of cases) await admin.publishAsync(telemetryTopic(dev), payload, { qos: 1 });
  // Wrong QoS: a valid batch published with QoS 0 is kept in the dead-letter topic too.
  const qos0 = Buffer.from(encodeBatch(makeBatch({ deviceId: dev, sequence: 99 })));
  cases.push(['qos0', qos0, 'INGEST_ERR_QOS']);
  await admin.publishAsync(telemetryTopic(dev), qos0, { qos: 0 });
  // A good batch after the bad ones: the ingest is still working.
  await admin.publishAsync(telemetryTopic(dev), Buffer.from(encodeBatch(makeBatch({ deviceId: dev }))), { qos: 1 });
  const vitals = await p.collect(p.topics.vitals);
  await waitFor('all dead letters', () => (dlq.messages.length >= cases.length ? true : undefined));
  await waitFor('the good batch', () => (vitals.messages.length >= 1 ? true : undefined));
  const reasons = dlq.messages.map((m) => String(m.headers?.reason)).sort();
  assert.deepEqual(reasons, cases.map((c) => c[2]).sort());
  for (const m of dlq.messages) {
    assert.equal(String(m.headers?.['mqtt-topic']), telemetryTopic(dev));
    assert.ok(Number(m.headers?.['received-at-ms']) >= now - 1000);
    assert.ok(String(m.headers?.detail).length > 0);
  }
  const original = cases.find((c) => c[2] === 'INGEST_ERR_DEVICE_MISMATCH')![1];
  assert.ok(dlq.messages.some((m) => m.value?.equals(original)), 'original bytes kept');
  assert.deepEqual(p.ingest.readiness(), []);
  const metrics = await p.ingest.registry.getSingleMetricAsString('vitals_ingest_rejected_total');
  assert.match(metrics, /reason="INGEST_ERR_RANGE"} 1/);
});

test("a device's Last Will reaches the device-status topic when its connection is cut", async (t) => {
  const p = await startPipeline(t, { writer: false });
  const status = await p.collect(p.topics.status);
  // A stack that ran this before still holds that run's retained Will: only this run's count.
  const since = Date.now();
  await p.provisionFleet(11, 1);
  const summary = await simulate({ mqttUrl: p.s.mqttUrl, deviceSecret: p.deviceSecret, devices: 1, firstDevice: 11, batches: 6, intervalMs: 200, scenarios: [{ name: 'dropout', startMs: 500 }] });
  assert.ok(summary.acked >= 1);
  const dev = deviceIdFor(11);
  const will = await waitFor('the Last Will on the device-status topic', () => {
    const decoded = status.messages.map((m) => DeviceStatus.decode(m.value!));
    return decoded.find((d) => d.deviceId === dev && d.state === DeviceState.DEVICE_STATE_OFFLINE && d.reason === 'last-will' && Number(d.atMs) >= since);
  }, 20_000);
  assert.equal(will.patientId, 'pat-00011');
  const online = status.messages.map((m) => DeviceStatus.decode(m.value!)).find((d) => d.deviceId === dev && d.state === DeviceState.DEVICE_STATE_ONLINE && Number(d.atMs) >= since);
  assert.ok(online, 'the online status came first');
  // The broker also keeps it retained on the status topic.
  const c = await mqtt.connectAsync(p.s.mqttUrl, { ...p.s.mqttAdmin, clientId: uid('ret'), protocolVersion: 4, reconnectPeriod: 0 });
  t.after(() => c.endAsync());
  const retained = new Promise<Buffer>((resolve) => c.on('message', (_t, payload, pkt) => { if (pkt.retain) resolve(payload); }));
  await c.subscribeAsync(statusTopic(dev), { qos: 1 });
  assert.equal(DeviceStatus.decode(await retained).reason, 'last-will');
});

test('the writer dead-letters a record InfluxDB refuses or that does not decode, and writes the rest', async (t) => {
  const p = await startPipeline(t);
  const dlq = await p.collect(p.topics.deadLetter);
  const producer = p.kafka.producer();
  await producer.connect();
  t.after(() => producer.disconnect());
  const now = Date.now();
  const good = (seq: number) => Buffer.from(encodeBatch(makeBatch({ deviceId: deviceIdFor(12), patientId: 'pat-00012', sequence: seq }, now + seq)));
  // A batch from another producer, past the ingest's checks: a time InfluxDB cannot store (year 2300).
  const refused = Buffer.from(encodeBatch(makeBatch({ deviceId: deviceIdFor(12), patientId: 'pat-00012', sequence: 2, sentAtMs: 10_500_000_000_000 }, 10_500_000_000_000)));
  // Same key: one partition, so the good records are written in the same requests as the bad.
  await producer.send({ topic: p.topics.vitals, acks: -1, messages: [good(1), refused, Buffer.from('not protobuf'), good(3)].map((value) => ({ key: 'pat-00012', value })) });
  await waitFor('two records dead-lettered by the writer', () => (dlq.messages.length >= 2 ? true : undefined), 60_000);
  const reasons = dlq.messages.map((m) => String(m.headers?.reason));
  assert.deepEqual(reasons, ['WRITER_ERR_RECORD', 'WRITER_ERR_RECORD']);
  const refusedDl = dlq.messages.find((m) => m.value?.equals(refused));
  assert.ok(refusedDl, 'the refused record keeps its bytes');
  assert.match(String(refusedDl.headers?.detail), /HTTP 4\d\d/, 'refused by InfluxDB, not by the decoder');
  assert.ok(dlq.messages.every((m) => String(m.headers?.['source-topic']) === p.topics.vitals && m.headers?.['source-offset'] !== undefined));
  const seqs = await waitFor('the good batches stored', async () => {
    const r = await rows<{ _value: number }>(p, flux`from(bucket: ${p.bucket}) |> range(start: -1h) |> filter(fn: (r) => r._measurement == "device" and r._field == "seq" and r.device_id == ${deviceIdFor(12)})`);
    return r.length >= 2 ? r.map((x) => x._value).sort() : undefined;
  });
  assert.deepEqual(seqs, [1, 3]);
});
