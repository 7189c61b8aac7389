// Retention by policy (issue 16): vitals and dead letters kept >= 7 days by default, bounded
// on disk; the API's open alerts do not depend on the alert history's retention.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { createAlertWorker } from '../../services/alerts/app.js';
import { DEFAULT_ENGINE_CONFIG } from '../../services/alerts/engine.js';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import { createLiveView } from '../../services/api/live-view.js';
import { DeviceState, DeviceStatus } from '../../services/common/proto.js';
import { startPipeline, waitFor } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

const WEEK_MS = 7 * 24 * 3600_000;

test('the ingest\'s topics keep vitals, status and dead letters at least 7 days, with a per-partition byte bound', async (t) => {
  const p = await startPipeline(t, { writer: false });
  const admin = p.kafka.admin();
  await admin.connect();
  t.after(() => admin.disconnect());
  const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [p.topics.vitals, p.topics.status, p.topics.deadLetter].map((name) => ({ type: 2, name, configNames: ['retention.ms', 'retention.bytes'] })) });
  for (const r of resources) {
    const get = (n: string) => Number(r.configEntries.find((c) => c.configName === n)?.configValue);
    assert.ok(get('retention.ms') >= WEEK_MS, `${r.resourceName} retention.ms ${get('retention.ms')} >= 7 days`);
    assert.ok(get('retention.bytes') > 0, `${r.resourceName} retention.bytes bounded (${get('retention.bytes')})`);
    assert.ok(get('retention.bytes') >= 1024 ** 3, `${r.resourceName} retention.bytes at least 1 GiB per partition`);
  }
});

test('the API rebuilds open alerts from the compacted state topic: they survive the alert history being deleted by retention', async (t) => {
  const p = await startPipeline(t, { writer: false });
  const id = uid('ret');
  const state = `${p.topics.alerts}.state`, commands = `${p.topics.alerts}.commands`;
  const mqttClient = await mqtt.connectAsync(p.s.mqttUrl, { username: p.s.env.MQTT_ALERTS_USERNAME!, password: p.s.env.MQTT_ALERTS_PASSWORD!, clientId: p.s.env.MQTT_ALERTS_USERNAME!, protocolVersion: 4 });
  p.cleanup(() => mqttClient.endAsync(true));
  const worker = createAlertWorker({
    kafka: p.kafka, log: pino({ level: 'silent' }), mqtt: mqttClient,
    options: { groupId: `${id}-group`, topics: { vitals: p.topics.vitals, status: p.topics.status, commands, state, alerts: p.topics.alerts }, partitions: 3, tickMs: 500, engine: { ...DEFAULT_ENGINE_CONFIG, rules: DEFAULT_RULES } },
  });
  p.cleanup(() => worker.stop());
  p.cleanup(async () => { const a = p.kafka.admin(); await a.connect(); await a.deleteTopics({ topics: [state, commands] }).catch(() => undefined); await a.disconnect(); });
  await worker.start();
  const patient = uid('pat');
  const producer = p.kafka.producer();
  await producer.connect();
  p.cleanup(() => producer.disconnect());
  await producer.send({ topic: p.topics.status, messages: [{ key: patient, value: Buffer.from(DeviceStatus.encode(DeviceStatus.create({ deviceId: 'dev-00072', patientId: patient, state: DeviceState.DEVICE_STATE_OFFLINE, reason: 'last-will', atMs: Date.now() })).finish()) }] });
  const history = await p.collect(p.topics.alerts);
  await waitFor('the offline alert in the history topic', () => (history.messages.length > 0 ? true : undefined), 20_000);
  await history.stop();
  // What retention does to an old alert: the history topic's records before now are gone.
  const admin = p.kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(p.topics.alerts);
  await admin.deleteTopicRecords({ topic: p.topics.alerts, partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })) });
  await admin.disconnect();
  // A restarted API.
  const view = createLiveView({ kafka: p.kafka, log: pino({ level: 'silent' }), topics: { alerts: p.topics.alerts, status: p.topics.status, commands, vitals: p.topics.vitals, state }, instanceId: `${id}-api` });
  p.cleanup(() => view.stop());
  await view.start();
  const open = await waitFor('the open alert in the restarted API', () => [...view.alerts.values()].find((a) => a.patientId === patient && a.state === 'open'), 15_000);
  assert.match(open.kind, /^device-offline/);
});
