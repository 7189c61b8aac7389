// Webhook delivery (issue 16): at least once through a restart, dead-lettered when refused.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { createAlertWorker } from '../../services/alerts/app.js';
import { DEFAULT_ENGINE_CONFIG } from '../../services/alerts/engine.js';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import { DeviceState, DeviceStatus } from '../../services/common/proto.js';
import { startPipeline, waitFor, type Pipeline } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';
import { header } from './helpers.js';

async function worker(p: Pipeline, groupId: string, url: string, attempts = 3) {
  const client = await mqtt.connectAsync(p.s.mqttUrl, { username: p.s.env.MQTT_ALERTS_USERNAME!, password: p.s.env.MQTT_ALERTS_PASSWORD!, clientId: p.s.env.MQTT_ALERTS_USERNAME!, protocolVersion: 4 });
  const w = createAlertWorker({
    kafka: p.kafka, log: pino({ level: 'silent' }), mqtt: client,
    options: {
      groupId, partitions: 3, tickMs: 500, webhookUrl: url, webhookRetry: { attempts, maxDelayMs: 200 },
      topics: { vitals: p.topics.vitals, status: p.topics.status, commands: `${p.topics.alerts}.commands`, state: `${p.topics.alerts}.state`, alerts: p.topics.alerts, deadLetter: p.topics.deadLetter },
      engine: { ...DEFAULT_ENGINE_CONFIG, rules: DEFAULT_RULES },
    },
  });
  await w.start();
  return { w, stop: async () => { await w.stop(); await client.endAsync(true); } };
}

async function receiver(t: TestContext, respond: () => number) {
  const got: { id: string; state: string; patientId: string; path: string }[] = [];
  let calls = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; }).on('end', () => {
      calls++;
      const status = respond();
      if (status < 300) got.push({ ...(JSON.parse(body) as { id: string; state: string; patientId: string }), path: req.url ?? '' });
      res.writeHead(status); res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  t.after(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, calls: () => calls };
}

const offline = (patientId: string) => Buffer.from(DeviceStatus.encode(DeviceStatus.create({ deviceId: 'dev-00073', patientId, state: DeviceState.DEVICE_STATE_OFFLINE, reason: 'last-will', atMs: Date.now() })).finish());

test('webhook: a receiver that refuses (4xx) or stays down past the retry budget gets the alert dead-lettered, counted', async (t) => {
  const p = await startPipeline(t, { writer: false });
  const hook = await receiver(t, () => 400);
  const dlq = await p.collect(p.topics.deadLetter);
  const { w, stop } = await worker(p, uid('wh'), hook.url);
  p.cleanup(stop);
  const producer = p.kafka.producer();
  await producer.connect();
  p.cleanup(() => producer.disconnect());
  const patient = uid('pat');
  await producer.send({ topic: p.topics.status, messages: [{ key: patient, value: offline(patient) }] });
  const dead = await waitFor('the alert in the dead-letter topic', () => dlq.messages.find((m) => header(m.headers, 'reason') === 'ALERTS_ERR_WEBHOOK'), 30_000);
  assert.match(String(header(dead.headers, 'detail')), /HTTP 400/);
  assert.match(await w.registry.metrics(), /vitals_alerts_webhook_deliveries_total\{result="dead-letter"\} 1/);
});

// Last in the file: a stopped kafkajs client of this test refreshes metadata for the
// deleted topics a few seconds later, which node:test reports against a following test.
test('webhook: an alert the receiver could not take before the worker restarted is delivered after the restart (at least once)', async (t) => {
  const p = await startPipeline(t, { writer: false });
  let up = false;
  const hook = await receiver(t, () => (up ? 204 : 503));
  const group = uid('wh');
  // Each worker calls its own path: the first one's in-memory retries would go on after its
  // stop() in this process, which a crashed process does not do.
  const first = await worker(p, group, `${hook.url}?worker=1`, 1000);
  const producer = p.kafka.producer();
  await producer.connect();
  p.cleanup(() => producer.disconnect());
  const patient = uid('pat');
  await producer.send({ topic: p.topics.status, messages: [{ key: patient, value: offline(patient) }] });
  await waitFor('a webhook attempt', () => (hook.calls() > 0 ? true : undefined), 20_000);
  // The worker has committed the status record: a restart does not evaluate it again, so
  // only a durable outbox can still deliver its alert.
  await waitFor('the worker\'s offsets committed', async () => {
    const o = await p.offsets(group, p.topics.status);
    return Object.entries(o.high).every(([part, h]) => h === 0 || o.committed[Number(part)] === h) ? true : undefined;
  }, 20_000);
  await first.stop();
  up = true;
  const second = await worker(p, group, `${hook.url}?worker=2`, 1000);
  const got = await waitFor('the alert delivered by the restarted worker', () => hook.got.find((h) => h.patientId === patient && h.state === 'open' && h.path.endsWith('worker=2')), 30_000);
  assert.ok(got.id);
  // Stopped here, before the topics go: a worker stopped by the cleanup raced the deletion.
  await second.stop();
});
