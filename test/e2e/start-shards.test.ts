// `vitals start --shards 2` end to end (issue 17, docs/scaling.md): the supervisor starts the
// second broker (`mosquitto-2`) and its exclusive ingest (`ingest-2`) beside the main stack,
// the API's registry places registered devices on both shards, every reading a device's own
// broker acknowledged (QoS 1) is queryable, and on SIGTERM the supervisor stops what it
// started: no shard-2 broker or ingest process left, its port closed, the env files back to
// one shard. Topics, groups, bucket, accounts and sessions are the test's own and removed.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { flux, InfluxDB } from '@influxdata/influxdb-client';
import mqtt from 'mqtt';
import { deviceIdFor, patientIdFor } from '../../services/common/device-credentials.js';
import { createDynsec } from '../../services/common/dynsec.js';
import { parseEnvFile } from '../../services/common/env-file.js';
import { telemetryTopic } from '../../services/common/topics.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { tempBucket } from '../helpers/influx.js';
import { grantTestAcls } from '../helpers/kafka-acl.js';
import { ingestAccounts } from '../helpers/mqtt-accounts.js';
import { removeKafkaByPrefix, waitFor } from '../helpers/pipeline.js';
import { REPO_ROOT, STACK_ENV_FILE, kafkaFor, stack, uid } from '../helpers/stack.js';
import { alive, freePort, supervisorEnv } from '../helpers/supervisor.js';

const FIRST = 95_001; // registered device ids dev-95001 ...: outside the stack's pool and the shard test's
const PER_SHARD = 2; // devices publishing through each shard's broker
const BATCHES = 5; // QoS 1 batches per device
const MAX_REGISTERED = 40; // registrations allowed to put PER_SHARD on each shard (the least-loaded rule)
const INGEST_CONNECTIONS = 8; // the supervisor's ingests: the service's default

const STATE_DIR = dirname(STACK_ENV_FILE);
const SHARD2_PID = `${STATE_DIR}/shard-2/run/mosquitto.pid`;
const pidIn = (file: string) => (existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : 0);
const stackSh = (args: string[], shards: number) => new Promise<void>((resolve, reject) => {
  execFile('bash', [`${REPO_ROOT}infra/local/stack.sh`, ...args], { env: { ...process.env, MQTT_SHARDS: String(shards) }, timeout: 120_000 }, (err, _out, stderr) => (err ? reject(new Error(`stack.sh ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve()));
});
const portOpen = (port: number) => new Promise<boolean>((resolve) => {
  const sock = net.connect({ host: '127.0.0.1', port });
  sock.once('connect', () => { sock.destroy(); resolve(true); });
  sock.once('error', () => resolve(false));
});

test('vitals start --shards 2: devices on both shards, every acknowledged reading stored, shard 2\'s broker and ingest gone after the stop', { timeout: 300_000 }, async (t) => {
  const s = await stack();
  assert.ok(!alive(pidIn(SHARD2_PID)), `mosquitto-2 is already running (${SHARD2_PID}): this test checks that \`vitals start --shards 2\` starts and stops it; stop it first (MQTT_SHARDS=2 npm run stack -- down mosquitto-2)`);
  const id = uid('startsh');
  const kafka = kafkaFor(s, id);
  const { bucket, remove } = await tempBucket(s, id);
  const revokeAcls = await grantTestAcls(s, kafka, id, { commands: `${id}.commands`, state: `${id}.state` });
  // Both ingests take MQTT_CLIENT_ID from the environment, so each broker gets this test's
  // ingest accounts (bound client ids). Shard 2's broker keeps its accounts in its own file
  // across restarts: they are made on it before the supervisor starts it, then it is stopped.
  const removeAccounts1 = await ingestAccounts(s, `${id}-ingest`, INGEST_CONNECTIONS);
  await stackSh(['up', 'mosquitto-2'], 2);
  const url2 = (parseEnvFile(readFileSync(STACK_ENV_FILE, 'utf8')).MQTT_SHARD_URLS ?? '').split(',')[1];
  assert.ok(url2, `the second shard's endpoint in ${STACK_ENV_FILE} (MQTT_SHARD_URLS)`);
  await ingestAccounts({ mqttUrl: url2, env: s.env }, `${id}-ingest`, INGEST_CONNECTIONS);
  await stackSh(['down', 'mosquitto-2'], 2);
  const registered: string[] = [];
  const registry = (url: string) => createDynsec({ url, username: s.env.MQTT_REGISTRY_USERNAME ?? 'registry', password: s.env.MQTT_REGISTRY_PASSWORD ?? '' });
  t.after(async () => {
    // Shard 2 once more, to remove what this test made on it, then down again.
    await stackSh(['up', 'mosquitto-2'], 2);
    try {
      for (const url of [s.mqttUrl, url2]) {
        const d = await registry(url);
        try {
          for (const dev of registered) {
            await d.run({ command: 'deleteClient', username: dev }).catch(() => undefined);
            await d.run({ command: 'deleteRole', rolename: `device/${dev}` }).catch(() => undefined);
          }
          if (url !== url2) continue;
          // Shard 2's ingest sessions (clean start ends them), then its accounts.
          for (let i = 0; i < INGEST_CONNECTIONS; i++) {
            const cid = `${id}-ingest-${i}`;
            const c = await mqtt.connectAsync(url, { username: cid, password: s.env.MQTT_PASSWORD!, clientId: cid, clean: true, protocolVersion: 4, reconnectPeriod: 0 }).catch(() => undefined);
            await c?.endAsync();
            await d.run({ command: 'deleteClient', username: cid }).catch(() => undefined);
          }
        } finally { await d.close(); }
      }
    } finally {
      await stackSh(['down', 'mosquitto-2'], 2);
      await stackSh(['up', 'mosquitto'], 1); // the env files back to one shard
    }
    await removeAccounts1().catch(() => undefined);
    await revokeAcls().catch(() => undefined);
    await removeKafkaByPrefix(kafka, id);
    await remove();
  });

  const port = await freePort();
  const env = supervisorEnv(s, id, bucket, { INGEST_CONNECTIONS: String(INGEST_CONNECTIONS) });
  const sup = spawn(process.execPath, ['bin/vitals.js', 'start', '--shards', '2', '--no-demo', '--port', String(port)], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const records: Record<string, unknown>[] = [];
  let stderr = '';
  createInterface({ input: sup.stdout! }).on('line', (line) => { records.push(JSON.parse(line) as Record<string, unknown>); });
  sup.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | null>((resolve) => sup.once('exit', (code) => resolve(code)));
  // On a failure half-way: the supervisor's own ordered stop (its children and the shard it
  // started), and SIGKILL only if that hangs.
  t.after(async () => {
    if (sup.exitCode !== null) return;
    sup.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000))]);
    if (code === 'timeout') sup.kill('SIGKILL');
  });
  const ready = await waitFor('the supervisor to log "pipeline ready"', () => {
    if (sup.exitCode !== null) throw new Error(`vitals start exited (${sup.exitCode}):\n${stderr.slice(-2000)}`);
    return records.find((r) => r.service === 'vitals' && r.msg === 'pipeline ready');
  }, 180_000);
  const pids = ready.pids as Record<string, number>;
  assert.deepEqual(Object.keys(pids).sort(), ['alerts', 'api', 'ingest', 'ingest-2', 'writer']);
  const broker2 = pidIn(SHARD2_PID);
  assert.ok(alive(broker2), 'the supervisor started mosquitto-2');
  const port2 = Number(new URL(url2).port);
  assert.match(stderr, new RegExp(`Shards +${s.mqttUrl.replace(/[.]/g, '\\.')},${url2.replace(/[.]/g, '\\.')}`));

  // Devices registered through the API's sharded registry until each shard has PER_SHARD;
  // each admitted and assigned to its patient (readings are attributed through the registry).
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { Authorization: `Bearer ${s.env.API_OPERATOR_TOKEN!}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: r.status, body: await r.json() as Record<string, unknown> };
  };
  const devices: { deviceId: string; patientId: string; password: string; mqttUrl: string; shard: string }[] = [];
  const onShard = (shard: string) => devices.filter((d) => d.shard === shard).length;
  for (let n = 0; onShard('shard-1') < PER_SHARD || onShard('shard-2') < PER_SHARD; n++) {
    assert.ok(n < MAX_REGISTERED, `the registry placed ${PER_SHARD} devices on each shard within ${MAX_REGISTERED} registrations (${onShard('shard-1')} / ${onShard('shard-2')})`);
    const deviceId = deviceIdFor(FIRST + n);
    registered.push(deviceId);
    const reg = await api('POST', '/api/v1/devices', { deviceId, model: 'WX-200', firmware: '2.1.0' });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const shard = String(reg.body.shard);
    assert.equal(reg.body.mqttUrl, shard === 'shard-1' ? s.mqttUrl : url2, 'the registration returns its shard\'s endpoint');
    if (onShard(shard) >= PER_SHARD) continue;
    const patientId = patientIdFor(FIRST + n);
    assert.equal((await api('POST', '/api/v1/admissions', { patientId, displayName: `Patient ${n}`, ward: 'ward-s', bed: String(n) })).status, 201);
    assert.equal((await api('POST', '/api/v1/assignments', { deviceId, patientId, from: new Date(Date.now() - 60_000).toISOString() })).status, 201);
    devices.push({ deviceId, patientId, password: String(reg.body.password), mqttUrl: String(reg.body.mqttUrl), shard });
  }

  // QoS 1 batches through each device's own broker; what each broker acknowledged must be stored.
  const acked = new Set<string>();
  await Promise.all(devices.map(async (d) => {
    const c = await mqtt.connectAsync(d.mqttUrl, { clientId: d.deviceId, username: d.deviceId, password: d.password, protocolVersion: 4, clean: true, reconnectPeriod: 0 });
    try {
      let lastSentAt = 0;
      for (let seq = 1; seq <= BATCHES; seq++) {
        // A strictly increasing clock: InfluxDB keys a batch's device line by (device, sent-at
        // ms), so two batches sent in one millisecond would be one point (a first run lost one so).
        const at = (lastSentAt = Math.max(Date.now(), lastSentAt + 1));
        await c.publishAsync(telemetryTopic(d.deviceId), Buffer.from(encodeBatch(makeBatch({ deviceId: d.deviceId, patientId: d.patientId, sequence: seq }, at))), { qos: 1 });
        acked.add(`${d.deviceId}#${seq}`);
      }
    } finally { await c.endAsync(); }
  }));
  assert.equal(acked.size, devices.length * BATCHES, 'every batch acknowledged by its broker');
  const query = new InfluxDB({ url: s.influx.url, token: s.influx.token }).getQueryApi(s.influx.org);
  const ids = devices.map((d) => d.deviceId);
  let missing: string[] = [];
  await waitFor('every acknowledged batch queryable', async () => {
    const rows = await query.collectRows<{ device_id: string; patient_id?: string; _value: number }>(flux`from(bucket: ${bucket}) |> range(start: -1h) |> filter(fn: (r) => r._measurement == "device" and r._field == "seq" and contains(value: r.device_id, set: ${ids})) |> group()`);
    const stored = new Set(rows.map((x) => `${x.device_id}#${x._value}`));
    missing = [...acked].filter((k) => !stored.has(k));
    return missing.length === 0 ? rows : undefined;
  }, 60_000, 500).catch((err: unknown) => { throw new Error(`${(err as Error).message}; missing: ${missing.join(' ')}`); });
  // SIGTERM: ordered stop with both ingests in the ingest step, exit 0; shard 2's broker and ingest gone.
  const before = records.length;
  sup.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 120_000))]);
  assert.equal(code, 0, `vitals start did not exit 0 after SIGTERM:\n${stderr.slice(-2000)}`);
  const stops = records.slice(before).filter((r) => r.msg === 'stopping').map((r) => (r.services as string[]).join('+'));
  assert.deepEqual(stops, ['ingest+ingest-2', 'writer+alerts', 'api']);
  assert.ok(records.find((r) => r.msg === 'stopping the shards this command started' && r.shards === 'mosquitto-2'));
  await waitFor('no service process left', () => Object.values(pids).every((p) => !alive(p)) || undefined, 10_000);
  await waitFor('shard 2\'s broker gone', () => !alive(broker2) || undefined, 10_000);
  assert.equal(await portOpen(port2), false, `shard 2's port ${port2} still answers`);
  assert.equal(existsSync(`${STATE_DIR}/services/ingest-2.env`), false, 'no ingest-2.env left');
  assert.equal(parseEnvFile(readFileSync(STACK_ENV_FILE, 'utf8')).MQTT_SHARD_URLS, s.mqttUrl, 'the env files back to one shard');
  // The main stack was up before, so it stays up.
  assert.ok(alive(pidIn(`${STATE_DIR}/run/mosquitto.pid`)), 'the main broker still runs');
  console.log(`[start-shards] ${devices.length} devices (${onShard('shard-1')} / ${onShard('shard-2')}), ${acked.size} batches acknowledged and stored; ${registered.length} registrations`);
});
