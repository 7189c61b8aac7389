// The alert worker against hostile records that reach Kafka (issues 13 and 16): real Kafka and Mosquitto.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { createAlertWorker } from '../../services/alerts/app.js';
import { DEFAULT_ENGINE_CONFIG } from '../../services/alerts/engine.js';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import { encodeCommand } from '../../services/common/alert-contract-commands.js';
import { Alert, AlertCommand as WireCommand, AlertState, DeviceState, DeviceStatus } from '../../services/common/proto.js';
import { startPipeline, waitFor } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

test('a status record whose patient id is an MQTT wildcard never makes the worker publish to a wildcard topic; later alerts still reach MQTT', async (t) => {
  const p = await startPipeline(t, { writer: false });
  const id = uid('alerts');
  const mqttClient = await mqtt.connectAsync(p.s.mqttUrl, { username: p.s.env.MQTT_ALERTS_USERNAME!, password: p.s.env.MQTT_ALERTS_PASSWORD!, clientId: p.s.env.MQTT_ALERTS_USERNAME!, protocolVersion: 4 });
  p.cleanup(() => mqttClient.endAsync(true));
  const worker = createAlertWorker({
    kafka: p.kafka,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    mqtt: mqttClient,
    options: {
      groupId: `${id}-group`,
      topics: { vitals: p.topics.vitals, status: p.topics.status, commands: `${p.topics.alerts}.commands`, state: `${p.topics.alerts}.state`, alerts: p.topics.alerts },
      partitions: 3,
      tickMs: 500,
      engine: { ...DEFAULT_ENGINE_CONFIG, rules: DEFAULT_RULES },
    },
  });
  p.cleanup(() => worker.stop());
  await worker.start();
  const bedside = await mqtt.connectAsync(p.s.mqttUrl, { username: p.s.env.MQTT_CLINICIAN_USERNAME!, password: p.s.env.MQTT_CLINICIAN_PASSWORD!, clientId: p.s.env.MQTT_CLINICIAN_USERNAME!, protocolVersion: 4 });
  t.after(() => bedside.endAsync(true));
  const got: string[] = [];
  bedside.on('message', (topic) => got.push(topic));
  const patient = uid('pat');
  await bedside.subscribeAsync(`alerts/v1/patients/${patient}/#`, { qos: 1 });
  let disconnects = 0;
  mqttClient.on('close', () => { disconnects++; });
  // Straight into Kafka, as anything with access to the status topic could (the ingest refuses it).
  const producer = p.kafka.producer();
  await producer.connect();
  p.cleanup(() => producer.disconnect());
  const status = (deviceId: string, patientId: string) => Buffer.from(DeviceStatus.encode(DeviceStatus.create({ deviceId, patientId, state: DeviceState.DEVICE_STATE_OFFLINE, reason: 'last-will', atMs: Date.now() })).finish());
  await producer.send({ topic: p.topics.status, messages: [{ key: 'x/#', value: status('dev-00063', 'x/#') }] });
  await producer.send({ topic: p.topics.status, messages: [{ key: patient, value: status('dev-00064', patient) }] });
  await waitFor('the real patient\'s offline alert on MQTT', () => (got.some((topic) => topic.startsWith(`alerts/v1/patients/${patient}/device-offline`)) ? true : undefined), 20_000);
  assert.equal(disconnects, 0, 'the broker never disconnected the worker');
});

test('a malformed alert command is dead-lettered with its reason, a legacy JSON one is still applied, and later commands still work (issue 13)', async (t) => {
  const p = await startPipeline(t, { writer: false });
  const id = uid('alerts');
  const commands = `${p.topics.alerts}.commands`;
  const worker = createAlertWorker({
    kafka: p.kafka,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    options: {
      groupId: `${id}-group`,
      topics: { vitals: p.topics.vitals, status: p.topics.status, commands, state: `${p.topics.alerts}.state`, alerts: p.topics.alerts, deadLetter: p.topics.deadLetter },
      partitions: 3,
      tickMs: 500,
      engine: { ...DEFAULT_ENGINE_CONFIG, rules: DEFAULT_RULES },
    },
  });
  p.cleanup(() => worker.stop());
  await worker.start();
  const alerts = await p.collect(p.topics.alerts);
  const dead = await p.collect(p.topics.deadLetter);
  const producer = p.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  p.cleanup(() => producer.disconnect());
  const patient = uid('pat');
  const offline = (deviceId: string) => Buffer.from(DeviceStatus.encode(DeviceStatus.create({ deviceId, patientId: patient, state: DeviceState.DEVICE_STATE_OFFLINE, reason: 'last-will', atMs: Date.now() })).finish());
  await producer.send({ topic: p.topics.status, acks: -1, messages: [{ key: patient, value: offline('dev-00065') }, { key: patient, value: offline('dev-00066') }] });
  const raised = (deviceId: string) => waitFor(`offline alert of ${deviceId}`, () => alerts.messages.map((m) => Alert.decode(m.value!)).find((a) => a.kind === `device-offline:${deviceId}` && a.state === AlertState.ALERT_STATE_OPEN), 20_000);
  const [first, second] = [await raised('dev-00065'), await raised('dev-00066')];
  const acknowledged = (alertId: string) => waitFor(`${alertId} acknowledged`, () => alerts.messages.map((m) => Alert.decode(m.value!)).find((a) => a.alertId === alertId && a.state === AlertState.ALERT_STATE_ACKNOWLEDGED), 20_000);

  // A forged record, a command naming no alert, and then the previous release's JSON form: in order, on one partition.
  const forged = Buffer.from([0x0a, 0x05, 0xff, 0xff]);
  const noAlert = encodeCommandLoose({ type: 'acknowledge', patientId: patient, alertId: 'not-an-alert-id', by: 'nurse-1', at: Date.now() });
  await producer.send({ topic: commands, acks: -1, messages: [
    { key: patient, value: forged },
    { key: patient, value: noAlert },
    { key: patient, value: JSON.stringify({ type: 'acknowledge', patientId: patient, alertId: first.alertId, by: 'nurse-1', at: Date.now() }) },
  ] });
  const acked = await acknowledged(first.alertId);
  assert.equal(acked.acknowledgedBy, 'nurse-1', 'the legacy JSON command was applied');
  const letters = await waitFor('two dead letters', () => (dead.messages.length >= 2 ? dead.messages : undefined), 20_000);
  assert.equal(letters.length, 2);
  const headers = letters.map((m) => Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])));
  assert.deepEqual(headers.map((h) => [h.reason, h['source-topic']]), [['ALERTS_ERR_COMMAND', commands], ['ALERTS_ERR_COMMAND', commands]]);
  assert.match(headers[0]!.detail!, /not a vitals\.v1\.AlertCommand/);
  assert.match(headers[1]!.detail!, /alert id must be 24 lowercase hex digits/);
  assert.deepEqual(letters[0]!.value, forged, 'the original bytes are kept');
  assert.deepEqual(letters[1]!.value, noAlert);
  // The worker goes on: a command in the current form after them is applied.
  await producer.send({ topic: commands, acks: -1, messages: [{ key: patient, value: encodeCommand({ type: 'acknowledge', patientId: patient, alertId: second.alertId, by: 'nurse-2', at: Date.now() }) }] });
  assert.equal((await acknowledged(second.alertId)).acknowledgedBy, 'nurse-2');
  assert.equal(dead.messages.length, 2, 'nothing else dead-lettered');
});

/** A vitals.v1.AlertCommand as a buggy or hostile writer could make it: unchecked (encodeCommand refuses it). */
function encodeCommandLoose(c: { type: 'acknowledge'; patientId: string; alertId: string; by: string; at: number }): Buffer {
  return Buffer.from(WireCommand.encode({ patientId: c.patientId, author: c.by, atMs: c.at, acknowledge: { alertId: c.alertId } }).finish());
}
