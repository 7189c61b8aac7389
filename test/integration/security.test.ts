// Broker access control against the real Mosquitto: a device speaks only for itself,
// clinicians only read alerts, anonymous and wrong passwords are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import mqtt, { type MqttClient } from 'mqtt';
import { deviceIdFor, devicePassword } from '../../services/common/device-credentials.js';
import { telemetryTopic } from '../../services/common/topics.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { stack, uid } from '../helpers/stack.js';

const connect = (url: string, opts: mqtt.IClientOptions) => mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000, clientId: uid('sec'), ...opts });

/** Messages `watcher` (admin, sees everything) receives on `filter` within `ms`. */
async function observe(watcher: MqttClient, filter: string, act: () => Promise<unknown>, ms = 1500): Promise<string[]> {
  const got: string[] = [];
  const onMsg = (topic: string) => got.push(topic);
  watcher.on('message', onMsg);
  await watcher.subscribeAsync(filter, { qos: 1 });
  await act();
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
  const dev = await connect(s.mqttUrl, { username: me, password: devicePassword(secret, me) });
  t.after(() => dev.endAsync());
  const payload = Buffer.from(encodeBatch(makeBatch({ deviceId: other })));
  // Mosquitto accepts the QoS 1 publish (PUBACK) but drops it: nothing reaches any subscriber.
  const spoofed = await observe(admin, 'vitals/v1/devices/+/telemetry', () => dev.publishAsync(telemetryTopic(other), payload, { qos: 1 }));
  assert.deepEqual(spoofed, []);
  const own = await observe(admin, 'vitals/v1/devices/+/telemetry', () => dev.publishAsync(telemetryTopic(me), Buffer.from(encodeBatch(makeBatch({ deviceId: me }))), { qos: 1 }));
  assert.deepEqual(own, [telemetryTopic(me)]);
  // Topic tricks do not get around the ACL either.
  const tricks = await observe(admin, '#', async () => {
    for (const topic of [`vitals/v1/devices/${me}/../${other}/telemetry`, `vitals/v1/devices/${other}/status`, 'alerts/v1/patients/pat-00052/news2', `vitals/v1/devices/${me}/telemetry/extra`]) {
      await dev.publishAsync(topic, payload, { qos: 1 });
    }
  });
  assert.deepEqual(tricks.filter((x) => !x.startsWith('$SYS')), []);
});

test('a device reads nothing; a clinician reads alerts only', async (t) => {
  const s = await stack();
  const me = deviceIdFor(53);
  const dev = await connect(s.mqttUrl, { username: me, password: devicePassword(s.env.MQTT_DEVICE_SECRET!, me) });
  t.after(() => dev.endAsync());
  const clin = await connect(s.mqttUrl, { username: s.env.MQTT_CLINICIAN_USERNAME!, password: s.env.MQTT_CLINICIAN_PASSWORD! });
  t.after(() => clin.endAsync());
  const admin = await connect(s.mqttUrl, s.mqttAdmin);
  t.after(() => admin.endAsync());
  const devGot: string[] = [], clinGot: string[] = [];
  dev.on('message', (topic) => devGot.push(topic));
  clin.on('message', (topic) => clinGot.push(topic));
  await dev.subscribeAsync(['alerts/v1/#', 'vitals/v1/devices/+/telemetry'], { qos: 1 });
  await clin.subscribeAsync(['alerts/v1/#', 'vitals/v1/devices/+/telemetry'], { qos: 1 });
  await admin.publishAsync('alerts/v1/patients/pat-sec/test', 'alert', { qos: 1 });
  await admin.publishAsync(telemetryTopic(deviceIdFor(54)), 'vitals', { qos: 1 });
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(devGot, []);
  assert.deepEqual(clinGot, ['alerts/v1/patients/pat-sec/test']);
  // A clinician cannot publish alerts or vitals.
  const pub = await observe(admin, '#', async () => {
    await clin.publishAsync('alerts/v1/patients/pat-sec/fake', 'x', { qos: 1 });
    await clin.publishAsync(telemetryTopic(me), 'x', { qos: 1 });
  });
  assert.deepEqual(pub.filter((x) => !x.startsWith('$SYS')), []);
});

test('anonymous, wrong-password and unknown-device connections are refused', async () => {
  const s = await stack();
  const refused = /Not authorized|Bad username or password|Connection refused/;
  await assert.rejects(connect(s.mqttUrl, {}), refused);
  await assert.rejects(connect(s.mqttUrl, { username: 'ingest', password: 'guess' }), refused);
  await assert.rejects(connect(s.mqttUrl, { username: deviceIdFor(51), password: devicePassword('some-other-secret', deviceIdFor(51)) }), refused);
  await assert.rejects(connect(s.mqttUrl, { username: 'dev-99999-unknown', password: 'x'.repeat(32) }), refused);
});
