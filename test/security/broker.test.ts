// Broker durability (issue 16): kill -9 of Mosquitto must not lose a message it acknowledged
// to a device and queued for the ingest's persistent session. Restarts the stack's Mosquitto.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { deviceIdFor } from '../../services/common/device-credentials.js';
import { VitalsBatch } from '../../services/common/proto.js';
import { telemetryTopic } from '../../services/common/topics.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { ingestAccounts } from '../helpers/mqtt-accounts.js';
import { waitFor } from '../helpers/pipeline.js';
import { REPO_ROOT, stack, uid } from '../helpers/stack.js';
import { connectDevice } from './helpers.js';

const STATE_DIR = process.env.VITALS_STACK_DIR ?? `${REPO_ROOT}.stack`;
const stackUp = (part: string) => new Promise<void>((resolve, reject) => {
  execFile('bash', [`${REPO_ROOT}infra/local/stack.sh`, 'up', part], { timeout: 120_000 }, (err, _o, stderr) => (err ? reject(new Error(`stack up ${part}: ${err.message}\n${stderr}`)) : resolve()));
});

test('kill -9 mosquitto right after it acknowledged messages queued for an offline persistent session: every one saved before the kill is delivered (window: the last event-loop pass)', async (t) => {
  const s = await stack();
  // An ingest connection's own account, bound to its client id (issue 15).
  const prefix = uid('durable');
  const removeAccounts = await ingestAccounts(s, prefix, 1);
  const clientId = `${prefix}-0`;
  const ingest = { username: clientId, password: s.env.MQTT_PASSWORD! };
  const id = deviceIdFor(71);
  // The ingest's persistent session: subscribed with QoS 1, then offline (messages queue at the broker).
  const session = await mqtt.connectAsync(s.mqttUrl, { ...ingest, clientId, clean: false, protocolVersion: 4, reconnectPeriod: 0 });
  await session.subscribeAsync(telemetryTopic(id), { qos: 1 });
  await session.endAsync();
  t.after(() => removeAccounts().catch(() => undefined));
  const { client } = await connectDevice(t, s, 71);
  const N = 40;
  for (let seq = 1; seq <= N; seq++) {
    // Resolves on the broker's PUBACK: from here the broker owns the message.
    await client.publishAsync(telemetryTopic(id), Buffer.from(encodeBatch(makeBatch({ deviceId: id, patientId: 'pat-durable', sequence: seq }))), { qos: 1 });
  }
  client.end(true);
  const pid = Number(readFileSync(`${STATE_DIR}/run/mosquitto.pid`, 'utf8').trim());
  process.kill(pid, 'SIGKILL');
  await waitFor('mosquitto gone', () => { try { process.kill(pid, 0); return undefined; } catch { return true; } }, 10_000, 20);
  await stackUp('mosquitto');
  const got = new Set<number>();
  // The handler is on before CONNACK: a resumed session's queue follows it at once.
  const back = mqtt.connect(s.mqttUrl, { ...ingest, clientId, clean: false, protocolVersion: 4, reconnectPeriod: 0 });
  t.after(() => back.endAsync(true));
  back.on('message', (_topic, payload) => { got.add(VitalsBatch.decode(payload).sequence); });
  // Queued messages arrive right after CONNACK; a persistent session keeps its subscription.
  // Mosquitto 2.0 sends a PUBACK before it saves, in the same pass of its event loop (save
  // after every change: autosave_on_changes, autosave_interval 1). The crash window is that
  // pass: here at most the last message, as the device awaits each PUBACK. Every earlier one
  // was saved before the kill and must be delivered.
  await waitFor(`messages 1..${N - 1} delivered after kill -9`, () => (got.size >= N - 1 ? true : undefined), 15_000).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}; delivered ${got.size} of ${N}`);
  });
  for (let seq = 1; seq < N; seq++) assert.ok(got.has(seq), `message ${seq} delivered`);
  console.log(`[broker] kill -9 right after the last PUBACK: ${got.size} of ${N} delivered (the last one ${got.has(N) ? 'too' : 'was in the unsaved pass'})`);
});

