// Broker access control against the real Mosquitto: a device speaks only for itself,
// clinicians only read alerts, anonymous and wrong passwords are refused.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import mqtt, { type MqttClient } from 'mqtt';
import { pino } from 'pino';
import { z } from 'zod';
import { kafkaSchema, parseConfig } from '../../services/common/config.js';
import { createKafka, ensureTopics } from '../../services/common/kafka.js';
import { deviceIdFor, devicePassword } from '../../services/common/device-credentials.js';
import { telemetryTopic } from '../../services/common/topics.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/pipeline.js';
import { stack, uid } from '../helpers/stack.js';

const connect = (url: string, opts: mqtt.IClientOptions) => mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000, clientId: uid('sec'), ...opts });

/** Messages `watcher` (admin, sees everything) receives on `filter` within `ms`. */
async function observe(watcher: MqttClient, filter: string, act: () => Promise<unknown>, ms = 1500): Promise<string[]> {
  const got: string[] = [];
  // Retained messages replayed on subscribe are old news, not the effect of `act`.
  const onMsg = (topic: string, _p: Buffer, packet: { retain: boolean }) => { if (!packet.retain) got.push(topic); };
  watcher.on('message', onMsg);
  await watcher.subscribeAsync(filter, { qos: 1 });
  await act();
  // A fixed window on purpose: the callers assert that nothing (else) arrives, and no event
  // marks the end of "nothing". Mosquitto forwards an allowed publish within milliseconds.
  await new Promise((r) => setTimeout(r, ms));
  watcher.off('message', onMsg);
  await watcher.unsubscribeAsync(filter);
  return got;
}

test('a device cannot publish as another device; its own topic works', async (t) => {
  const s = await stack();
  const secret = s.env.MQTT_DEVICE_SECRET!;
  const me = deviceIdFor(51), other = deviceIdFor(52);
  const admin = await connect(s.mqttUrl, s.mqttAdmin);
  t.after(() => admin.endAsync());
  const asMe = () => connect(s.mqttUrl, { username: me, password: devicePassword(secret, me), clientId: me });
  const own = await asMe();
  const ok = await observe(admin, 'vitals/v1/devices/+/telemetry', () => own.publishAsync(telemetryTopic(me), Buffer.from(encodeBatch(makeBatch({ deviceId: me }))), { qos: 1 }));
  assert.deepEqual(ok, [telemetryTopic(me)]);
  await own.endAsync();
  // Spoofing and topic tricks: Mosquitto 2 acknowledges the QoS 1 publish, drops it and
  // closes the connection of a v3.1.1 client that tried. Nothing reaches any subscriber.
  const payload = Buffer.from(encodeBatch(makeBatch({ deviceId: other })));
  for (const topic of [telemetryTopic(other), `vitals/v1/devices/${me}/../${other}/telemetry`, `vitals/v1/devices/${other}/status`, 'alerts/v1/patients/pat-00052/news2', `vitals/v1/devices/${me}/telemetry/extra`]) {
    const dev = await asMe();
    const closed = new Promise<boolean>((resolve) => { dev.once('close', () => resolve(true)); setTimeout(() => resolve(false), 3000); });
    const got = await observe(admin, '#', () => dev.publishAsync(topic, payload, { qos: 1 }));
    assert.deepEqual(got.filter((x) => !x.startsWith('$SYS')), [], topic);
    assert.equal(await closed, true, `connection closed after publishing to ${topic}`);
    await dev.endAsync(true);
  }
});

test('a device reads nothing; a clinician reads alerts only', async (t) => {
  const s = await stack();
  const me = deviceIdFor(53);
  const dev = await connect(s.mqttUrl, { username: me, password: devicePassword(s.env.MQTT_DEVICE_SECRET!, me), clientId: me });
  t.after(() => dev.endAsync());
  const clin = await connect(s.mqttUrl, { username: s.env.MQTT_CLINICIAN_USERNAME!, password: s.env.MQTT_CLINICIAN_PASSWORD!, clientId: s.env.MQTT_CLINICIAN_USERNAME! });
  t.after(() => clin.endAsync());
  const admin = await connect(s.mqttUrl, s.mqttAdmin);
  t.after(() => admin.endAsync());
  const devGot: string[] = [], clinGot: string[] = [];
  dev.on('message', (topic, _p, packet) => { if (!packet.retain) devGot.push(topic); });
  clin.on('message', (topic, _p, packet) => { if (!packet.retain) clinGot.push(topic); });
  // The broker refuses these subscriptions outright (SUBACK 0x80: dynamic-security roles, issue 15).
  await assert.rejects(dev.subscribeAsync(['alerts/v1/#', 'vitals/v1/devices/+/telemetry'], { qos: 1 }), /subscribe error/i);
  await assert.rejects(clin.subscribeAsync('vitals/v1/devices/+/telemetry', { qos: 1 }), /subscribe error/i);
  await clin.subscribeAsync('alerts/v1/#', { qos: 1 });
  await admin.publishAsync('alerts/v1/patients/pat-sec/test', 'alert', { qos: 1 });
  await admin.publishAsync(telemetryTopic(deviceIdFor(54)), 'vitals', { qos: 1 });
  // The clinician's alert arrives (a fact), then a fixed window in which the device must get nothing.
  await waitFor('the alert at the clinician', () => (clinGot.length > 0 ? true : undefined), 5_000, 20);
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(devGot, []);
  assert.deepEqual(clinGot, ['alerts/v1/patients/pat-sec/test']);
  // A clinician cannot publish alerts or vitals.
  for (const topic of ['alerts/v1/patients/pat-sec/fake', telemetryTopic(me)]) {
    const c = await connect(s.mqttUrl, { username: s.env.MQTT_CLINICIAN_USERNAME!, password: s.env.MQTT_CLINICIAN_PASSWORD!, clientId: s.env.MQTT_CLINICIAN_USERNAME! });
    const pub = await observe(admin, '#', () => c.publishAsync(topic, 'x', { qos: 1 }));
    assert.deepEqual(pub.filter((x) => !x.startsWith('$SYS')), [], topic);
    await c.endAsync(true);
  }
});

test('anonymous, wrong-password and unknown-device connections are refused', async () => {
  const s = await stack();
  const refused = /Not authorized|Bad username or password|Connection refused/;
  await assert.rejects(connect(s.mqttUrl, {}), refused);
  await assert.rejects(connect(s.mqttUrl, { username: 'ingest', password: 'guess' }), refused);
  await assert.rejects(connect(s.mqttUrl, { username: deviceIdFor(51), password: devicePassword('some-other-secret', deviceIdFor(51)) }), refused);
  await assert.rejects(connect(s.mqttUrl, { username: 'dev-99999-unknown', password: 'x'.repeat(32) }), refused);
});

test('TLS listener: a device connects with the stack CA and its data flows; a client without the CA is refused', async (t) => {
  const s = await stack();
  const url = s.env.MQTT_TLS_URL, ca = s.env.MQTT_TLS_CA_FILE;
  assert.ok(url && ca, 'MQTT_TLS_URL and MQTT_TLS_CA_FILE are in the stack file');
  const { readFileSync } = await import('node:fs');
  const me = deviceIdFor(55);
  const admin = await connect(s.mqttUrl, s.mqttAdmin);
  t.after(() => admin.endAsync());
  const dev = await connect(url, { username: me, password: devicePassword(s.env.MQTT_DEVICE_SECRET!, me), clientId: me, ca: readFileSync(ca) });
  t.after(() => dev.endAsync());
  const got = await observe(admin, 'vitals/v1/devices/+/telemetry', () => dev.publishAsync(telemetryTopic(me), Buffer.from(encodeBatch(makeBatch({ deviceId: me }))), { qos: 1 }));
  assert.deepEqual(got, [telemetryTopic(me)]);
  // Without the CA the certificate is not trusted.
  await assert.rejects(connect(url, { username: me, password: devicePassword(s.env.MQTT_DEVICE_SECRET!, me), clientId: me }), /self[- ]signed|unable to verify|certificate/i);
});

test('InfluxDB least privilege: the writer token cannot read, the API token cannot write', async () => {
  const s = await stack();
  const w = s.env.INFLUX_WRITE_TOKEN, r = s.env.INFLUX_READ_TOKEN;
  assert.ok(w && r, 'INFLUX_WRITE_TOKEN and INFLUX_READ_TOKEN are in the stack file');
  const write = (token: string) => fetch(`${s.influx.url}/api/v2/write?org=${s.influx.org}&bucket=${s.influx.bucket}&precision=ms`, {
    method: 'POST', headers: { Authorization: `Token ${token}` }, body: `security_probe,device_id=dev-sec value=1.0 ${Date.now()}`,
  });
  const read = (token: string) => fetch(`${s.influx.url}/api/v2/query?org=${s.influx.org}`, {
    method: 'POST', headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/vnd.flux' },
    body: `from(bucket: "${s.influx.bucket}") |> range(start: -1m) |> filter(fn: (r) => r._measurement == "security_probe") |> limit(n: 1)`,
  });
  assert.equal((await write(w)).status, 204, 'writer token writes');
  assert.ok([401, 403, 404].includes((await read(w)).status), 'writer token cannot read');
  assert.equal((await read(r)).status, 200, 'API token reads');
  assert.ok([401, 403, 404].includes((await write(r)).status), 'API token cannot write');
  // Neither can touch another bucket or manage the org.
  const buckets = await fetch(`${s.influx.url}/api/v2/buckets`, { method: 'POST', headers: { Authorization: `Token ${w}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'nope', orgID: 'x' }) });
  assert.ok(buckets.status >= 400);
});

/** Creates a topic of its own (removed after the test), sends one record with acks = all and returns its error code. */
async function produceOne(t: TestContext, kafka: Kafka, prefix: string, value: string): Promise<number | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  const topic = uid(prefix);
  t.after(async () => { await admin.deleteTopics({ topics: [topic] }).catch(() => undefined); await admin.disconnect(); });
  await ensureTopics(admin, [topic], 1);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  t.after(() => producer.disconnect());
  const [meta] = await producer.send({ topic, acks: -1, messages: [{ key: 'k', value }] });
  return meta?.errorCode;
}

test('Kafka SASL/SCRAM through the services\' KAFKA_SASL_* settings: right credentials work, wrong ones are refused', async (t) => {
  const s = await stack();
  // The listener every service uses (issue 16); admin, to create this test's topic.
  const brokers = s.env.KAFKA_BROKERS, user = s.env.KAFKA_ADMIN_USERNAME, password = s.env.KAFKA_ADMIN_PASSWORD;
  assert.ok(brokers && user && password, 'KAFKA_BROKERS and the admin principal are in the stack file');
  const log = pino({ level: 'silent' });
  const config = (pw: string) => parseConfig(z.object(kafkaSchema), { KAFKA_BROKERS: brokers, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: user, KAFKA_SASL_PASSWORD: pw });
  const kafka = createKafka(config(password), log);
  assert.equal(await produceOne(t, kafka, 'sasl', 'over SASL'), 0);
  const wrong = createKafka({ ...config(password), KAFKA_SASL_PASSWORD: 'not-the-password', KAFKA_BROKERS: [brokers] }, log).admin();
  await assert.rejects(wrong.connect(), /SASL|Authentication|authentication/);
});

test('Kafka TLS through KAFKA_SSL + KAFKA_CA_FILE: trusted with the stack CA, refused without it', async (t) => {
  const s = await stack();
  const brokers = s.env.KAFKA_SSL_BROKERS, ca = s.env.MQTT_TLS_CA_FILE;
  assert.ok(brokers && ca && s.env.KAFKA_ADMIN_PASSWORD, 'KAFKA_SSL_BROKERS, the CA file and the admin principal are in the stack file');
  const log = pino({ level: 'silent' });
  // SASL_SSL: the same SCRAM principals over TLS (issue 16).
  const kafka = createKafka(parseConfig(z.object(kafkaSchema), {
    KAFKA_BROKERS: brokers, KAFKA_SSL: 'true', KAFKA_CA_FILE: ca, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'admin', KAFKA_SASL_PASSWORD: s.env.KAFKA_ADMIN_PASSWORD,
  }), log);
  assert.equal(await produceOne(t, kafka, 'tls', 'over TLS'), 0);
  // Without the CA (system trust only) the handshake fails; no retries, so it fails at once.
  const untrusted = new Kafka({ brokers: brokers.split(','), ssl: true, retry: { retries: 0 }, logLevel: logLevel.NOTHING }).admin();
  await assert.rejects(untrusted.connect(), /certificate|self[- ]signed|verify/i);
});
