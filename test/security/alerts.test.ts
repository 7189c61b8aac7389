// The alert worker against hostile records that reach Kafka (issue 16): real Kafka and Mosquitto.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { createAlertWorker } from '../../services/alerts/app.js';
import { DEFAULT_ENGINE_CONFIG } from '../../services/alerts/engine.js';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import { DeviceState, DeviceStatus } from '../../services/common/proto.js';
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
