// Broker identity against the real Mosquitto (issue 15): an MQTT account is bound to its client
// id, so nobody takes over the ingest's session or fires another device's Last Will, and only
// device accounts may publish device topics.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import mqtt, { type MqttClient } from 'mqtt';
import { deviceIdFor, devicePassword } from '../../services/common/device-credentials.js';
import { statusTopic, telemetryTopic } from '../../services/common/topics.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { startPipeline, waitFor } from '../helpers/pipeline.js';
import { stack, uid } from '../helpers/stack.js';

const connect = (url: string, opts: mqtt.IClientOptions) => mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000, ...opts });
const refused = /not authori[sz]ed|bad user ?name or password|connection refused/i;

/**
 * Topics `watcher` receives on `filter` (retained replays excluded) from `act` until a marker the
 * watcher publishes after it comes back: the broker delivers in order, so whatever `act` caused
 * arrives before the marker. No waiting window.
 */
async function observe(watcher: MqttClient, filter: string, act: () => Promise<unknown>): Promise<string[]> {
  const got: string[] = [];
  const marker = `identity-test/marker/${uid('m')}`;
  let seen!: () => void;
  const done = new Promise<void>((r) => { seen = r; });
  const onMsg = (topic: string, _p: Buffer, packet: { retain: boolean }) => {
    if (topic === marker) seen();
    else if (!packet.retain) got.push(topic);
  };
  watcher.on('message', onMsg);
  await watcher.subscribeAsync([filter, marker], { qos: 1 });
  await act();
  await watcher.publishAsync(marker, 'x', { qos: 1 });
  await done;
  watcher.off('message', onMsg);
  await watcher.unsubscribeAsync([filter, marker]);
  return got;
}

test("a device cannot take over the ingest's session: refused, and no reading is lost", async (t) => {
  const p = await startPipeline(t, { writer: false, connections: 1 });
  const { messages } = await p.collect(p.topics.vitals);
  const devices = [deviceIdFor(71), deviceIdFor(72)];
  const clients = await Promise.all(devices.map((d) => connect(p.s.mqttUrl, { username: d, password: devicePassword(p.deviceSecret, d), clientId: d })));
  t.after(() => Promise.all(clients.map((c) => c.endAsync())));
  const send = (from: number, to: number) => Promise.all(clients.map(async (c, i) => {
    for (let seq = from; seq <= to; seq++) await c.publishAsync(telemetryTopic(devices[i]!), Buffer.from(encodeBatch(makeBatch({ deviceId: devices[i]!, sequence: seq }))), { qos: 1 });
  }));
  await send(1, 3);
  // A third device, with its own valid password, asks for the ingest's client id and session.
  const intruder = deviceIdFor(73);
  const attempt = connect(p.s.mqttUrl, { username: intruder, password: devicePassword(p.deviceSecret, intruder), clientId: `${p.id}-ingest-0`, clean: false });
  attempt.then((c) => c.endAsync(true), () => undefined);
  await assert.rejects(attempt, refused);
  // So is any service account (a bedside display's clinician account, the alert worker...).
  for (const [username, password] of [[p.s.env.MQTT_CLINICIAN_USERNAME!, p.s.env.MQTT_CLINICIAN_PASSWORD!], [p.s.env.MQTT_ALERTS_USERNAME!, p.s.env.MQTT_ALERTS_PASSWORD!]]) {
    const svc = connect(p.s.mqttUrl, { username, password, clientId: `${p.id}-ingest-0`, clean: false });
    svc.then((c) => c.endAsync(true), () => undefined);
    await assert.rejects(svc, refused, `${username} took over the ingest's session`);
  }
  await send(4, 6);
  // Every reading the broker acknowledged reached Kafka through the ingest's own session.
  await waitFor('all 12 batches in Kafka', () => messages.length >= 12 || undefined, 30_000);
  assert.equal(messages.length, 12);
});

test("a device cannot use another device's client id, so it cannot fire that device's Last Will", async (t) => {
  const s = await stack();
  const victim = deviceIdFor(74), attacker = deviceIdFor(75);
  const admin = await connect(s.mqttUrl, { ...s.mqttAdmin, clientId: uid('watch') });
  t.after(() => admin.endAsync());
  const v = await connect(s.mqttUrl, {
    username: victim, password: devicePassword(s.env.MQTT_DEVICE_SECRET!, victim), clientId: victim,
    will: { topic: statusTopic(victim), payload: Buffer.from('offline'), qos: 1, retain: false },
  });
  t.after(() => v.endAsync());
  let victimClosed = false;
  v.on('close', () => { victimClosed = true; });
  const got = await observe(admin, statusTopic(victim), async () => {
    const attempt = connect(s.mqttUrl, { username: attacker, password: devicePassword(s.env.MQTT_DEVICE_SECRET!, attacker), clientId: victim });
    attempt.then((c) => c.endAsync(true), () => undefined);
    await assert.rejects(attempt, refused);
  });
  assert.deepEqual(got, [], 'no Last Will published for the victim');
  assert.equal(victimClosed, false, 'the victim keeps its connection');
});

test('service accounts cannot publish telemetry or status as a "device"', async (t) => {
  const s = await stack();
  const admin = await connect(s.mqttUrl, { ...s.mqttAdmin, clientId: uid('watch') });
  t.after(() => admin.endAsync());
  const services = [
    ['vitals-ingest-1-0', s.env.MQTT_PASSWORD!], [s.env.MQTT_ALERTS_USERNAME!, s.env.MQTT_ALERTS_PASSWORD!],
    [s.env.MQTT_CLINICIAN_USERNAME!, s.env.MQTT_CLINICIAN_PASSWORD!], [s.env.MQTT_TELEGRAF_USERNAME!, s.env.MQTT_TELEGRAF_PASSWORD!],
  ] as const;
  for (const [username, password] of services) {
    for (const [topic, payload] of [[telemetryTopic(username), Buffer.from(encodeBatch(makeBatch({ deviceId: username })))], [statusTopic(username), Buffer.from('online')]] as const) {
      // Mosquitto closes a v3.1.1 connection after a denied publish: one connection per try.
      const c = await connect(s.mqttUrl, { username, password, clientId: username });
      const got = await observe(admin, 'vitals/v1/devices/#', () => c.publishAsync(topic, payload, { qos: 1 }).catch(() => undefined));
      assert.deepEqual(got, [], `${username} published to ${topic}`);
      await c.endAsync(true);
    }
  }
});
