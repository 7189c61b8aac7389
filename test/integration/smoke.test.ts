// Proves the three real parts answer: Mosquitto (QoS 1 round trip), Kafka (kafkajs
// produce/consume against Kafka 4), InfluxDB 2 (write, then read back with Flux).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flux, InfluxDB, Point } from '@influxdata/influxdb-client';
import mqtt from 'mqtt';
import { ensureTopics } from '../../services/common/kafka.js';
import { VitalsBatch } from '../../services/common/proto.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { tempBucket } from '../helpers/influx.js';
import { kafkaFor, stack, uid } from '../helpers/stack.js';

test('mosquitto: a protobuf batch published with QoS 1 is received intact', async (t) => {
  const s = await stack();
  const topic = `smoke/${uid('mqtt')}`;
  const client = await mqtt.connectAsync(s.mqttUrl, { ...s.mqttAdmin, clientId: uid('smoke'), protocolVersion: 4, reconnectPeriod: 0 });
  t.after(() => client.endAsync());
  await client.subscribeAsync(topic, { qos: 1 });
  const received = new Promise<{ payload: Buffer; qos: number }>((resolve) => {
    client.on('message', (_t, payload, packet) => resolve({ payload, qos: packet.qos }));
  });
  const bytes = encodeBatch(makeBatch({ sequence: 42 }));
  // MQTT.js resolves a QoS 1 publish only once the broker's PUBACK for its message id arrived.
  const sent = await client.publishAsync(topic, Buffer.from(bytes), { qos: 1 });
  assert.equal(sent?.cmd, 'publish');
  assert.equal(sent.qos, 1);
  assert.ok(typeof sent.messageId === 'number', 'a QoS 1 publish carries a message id');
  const msg = await received;
  assert.equal(msg.qos, 1);
  assert.ok(Buffer.from(bytes).equals(msg.payload), "payload bytes intact");
  assert.equal(VitalsBatch.decode(msg.payload).sequence, 42);
});

test('mosquitto: anonymous and wrong-password clients are refused', async () => {
  const s = await stack();
  for (const opts of [{}, { username: s.mqttAdmin.username, password: 'wrong-password' }]) {
    await assert.rejects(
      mqtt.connectAsync(s.mqttUrl, { ...opts, clientId: uid('refused'), protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000 }),
      /Not authorized|Bad username or password|Connection refused/,
    );
  }
});

test('kafka: kafkajs produces (acks=all, idempotent) and consumes a record on Kafka 4', async (t) => {
  const s = await stack();
  const kafka = kafkaFor(s, uid('smoke'));
  const topic = uid('smoke');
  const admin = kafka.admin();
  await admin.connect();
  t.after(async () => { await admin.deleteTopics({ topics: [topic] }).catch(() => undefined); await admin.disconnect(); });
  await ensureTopics(admin, [topic], 2);
  assert.ok((await admin.listTopics()).includes(topic));
  const cluster = await admin.describeCluster();
  assert.equal(cluster.brokers.length, 1);

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  t.after(() => producer.disconnect());
  const bytes = Buffer.from(encodeBatch(makeBatch({ sequence: 7 })));
  const [meta] = await producer.send({ topic, acks: -1, messages: [{ key: 'pat-00001', value: bytes, headers: { 'device-id': 'dev-00001' } }] });
  assert.equal(meta?.errorCode, 0);

  const groupId = `${topic}-group`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  t.after(async () => {
    await consumer.disconnect();
    const a = kafka.admin();
    await a.connect();
    await a.deleteGroups([groupId]).catch(() => undefined);
    await a.disconnect();
  });
  await consumer.subscribe({ topic, fromBeginning: true });
  const got = await new Promise<{ key: string; value: Buffer; device: string }>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => resolve({ key: String(message.key), value: message.value!, device: String(message.headers?.['device-id']) }),
    });
  });
  assert.equal(got.key, 'pat-00001');
  assert.equal(got.device, 'dev-00001');
  assert.equal(VitalsBatch.decode(got.value).sequence, 7);
});

test('influxdb: points written with the client are read back with Flux', async (t) => {
  const s = await stack();
  const { bucket, remove } = await tempBucket(s, uid('smoke'));
  t.after(remove);
  const influx = new InfluxDB({ url: s.influx.url, token: s.influx.token });
  const batch = makeBatch();
  const write = influx.getWriteApi(s.influx.org, bucket, 'ms');
  for (const sample of batch.samples!) {
    write.writePoint(new Point('vitals').tag('patient_id', batch.patientId!).tag('device_id', batch.deviceId!)
      .tag('kind', String(sample.kind)).floatField('value', sample.value!).timestamp(new Date(Number(sample.measuredAtMs))));
  }
  await write.close();
  // The client's `flux` template escapes interpolated values as Flux literals.
  const rows = await influx.getQueryApi(s.influx.org).collectRows<{ kind: string; _value: number }>(
    flux`from(bucket: ${bucket}) |> range(start: -1h) |> filter(fn: (r) => r._measurement == "vitals" and r.patient_id == ${batch.patientId!})`,
  );
  assert.equal(rows.length, 3);
  assert.deepEqual(rows.map((r) => r._value).sort((a, b) => a - b), [36.8, 72, 97]);
});
