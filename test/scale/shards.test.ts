// Ingest scale-out by device sharding (issue 17, option (b) of docs/scaling.md), against the
// real stack: two Mosquitto brokers (the stack's own and `mosquitto-2`, started with the
// stack's MQTT_SHARDS knob: same install, config, accounts and persistence), one exclusive
// ingest per broker (real processes), one Kafka, one writer. Devices are registered through
// the sharded device registry (services/api/device-registry.ts), which chooses each one's
// shard, creates its account there only and returns that shard's endpoint; the devices change
// nothing else. While they publish QoS 1 (160 msg/s in all): kill -9 of shard 1's ingest and a
// start back, a restart of shard 2's broker, then a kill -9 of shard 2's broker and a start
// back. After it: every acknowledged (device, sequence) is in InfluxDB, except at most what
// the killed broker acknowledged in its last moments (README, "A broker crash": Mosquitto
// 2.0.11 and 2.0.21 send a PUBACK before the save of the same loop pass), nothing stored that was not
// published, and both shards' readings are there.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { flux, InfluxDB } from '@influxdata/influxdb-client';
import mqtt from 'mqtt';
import { deviceIdFor, patientIdFor } from '../../services/common/device-credentials.js';
import { createDynsec, type Dynsec } from '../../services/common/dynsec.js';
import { parseEnvFile } from '../../services/common/env-file.js';
import { createDeviceRegistry, type DeviceCredentials } from '../../services/api/device-registry.js';
import { tempBucket } from '../helpers/influx.js';
import { grantTestAcls } from '../helpers/kafka-acl.js';
import { ingestAccounts } from '../helpers/mqtt-accounts.js';
import { removeKafkaByPrefix, waitFor } from '../helpers/pipeline.js';
import { startService, waitForLog, type ServiceProcess } from '../helpers/process.js';
import { kafkaFor, REPO_ROOT, stack, STACK_ENV_FILE, uid } from '../helpers/stack.js';
import { provisionDevices } from './provision.js';
import { startFleet, type Fleet } from './shard-devices.js';

const PER_SHARD = 8; // publishing devices per shard, one batch every 100 ms each: 80 msg/s per shard
const INTERVAL_MS = 100;
// A kill -9 of a broker may lose what it acknowledged in its last loop pass, before that
// pass's save: at most one batch per device, acknowledged within this long before the kill.
const CRASH_WINDOW_MS = 250;
const FIRST = 90_001; // registered device ids dev-90001 ...: outside the stack's simulated pool
const MAX_REGISTERED = 60; // registrations allowed to fill both shards (the least-loaded rule)
const PUBLISH_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const stackSh = (args: string[], shards = 2) => new Promise<string>((resolve, reject) => {
  // Asynchronous: the devices go on publishing while a broker restarts (a blocked event loop would not).
  execFile('bash', [`${REPO_ROOT}infra/local/stack.sh`, ...args], { env: { ...process.env, MQTT_SHARDS: String(shards) }, timeout: 120_000 }, (err, _out, stderr) => (err ? reject(new Error(`stack.sh ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stderr)));
});

test('device sharding: 2 brokers, one exclusive ingest each, devices placed by the registry; kill -9 one ingest, restart one broker and kill -9 it: 0 acknowledged readings lost but the crash window, both shards stored', { timeout: 240_000 }, async (t) => {
  const s = await stack();
  const id = uid('shard');
  const topics = { vitals: `${id}.vitals`, status: `${id}.status`, deadLetter: `${id}.dlq` };
  const kafka = kafkaFor(s, id);
  const procs: { name: string; proc: ServiceProcess }[] = [];
  // Undone last-in first-out, then the test's Kafka names; the second broker (if this test
  // started it) goes last, once nothing needs it.
  const undo: (() => Promise<unknown>)[] = [];
  let startedShard = false;
  t.after(async () => {
    for (const fn of undo.reverse()) await fn().catch((err: unknown) => console.error('cleanup:', (err as Error).message));
    mkdirSync(`${REPO_ROOT}test-results`, { recursive: true });
    procs.forEach(({ name, proc }) => writeFileSync(`${REPO_ROOT}test-results/shards-${name}.log`, proc.output()));
    await removeKafkaByPrefix(kafka, id);
    // Stopped again, and the env files back to one shard (an API reading MQTT_SHARD_URLS must not look for it).
    if (startedShard) { await stackSh(['down', 'mosquitto-2']); await stackSh(['up', 'mosquitto'], 1); }
  });
  const shardPid = `${dirname(STACK_ENV_FILE)}/shard-2/run/mosquitto.pid`;
  startedShard = !existsSync(shardPid) || !alive(Number(readFileSync(shardPid, 'utf8')));
  await stackSh(['up', 'mosquitto-2']);
  const urls = (parseEnvFile(readFileSync(STACK_ENV_FILE, 'utf8')).MQTT_SHARD_URLS ?? '').split(',');
  assert.equal(urls.length, 2, `two shard endpoints in ${STACK_ENV_FILE} (MQTT_SHARD_URLS)`);
  const env = { env: s.env };
  const { bucket, remove } = await tempBucket(s, id);
  undo.push(remove);
  undo.push(await grantTestAcls(s, kafka, id));

  // The registry's view of both brokers: its own account (dynamic-security control topic) on each.
  const dynsecs: Dynsec[] = [];
  undo.push(async () => { for (const d of dynsecs) await d.close(); });
  for (const url of urls) dynsecs.push(await createDynsec({ url, username: s.env.MQTT_REGISTRY_USERNAME ?? 'registry', password: s.env.MQTT_REGISTRY_PASSWORD ?? '' }));
  const shards = urls.map((url, i) => ({ id: `shard-${i + 1}`, endpoint: url, dynsec: dynsecs[i]! }));
  const registry = createDeviceRegistry(shards);
  // Registered devices are removed from whichever broker holds them (also a previous run's).
  const forget = async (deviceId: string) => {
    for (const d of dynsecs) {
      await d.run({ command: 'deleteClient', username: deviceId }).catch(() => undefined);
      await d.run({ command: 'deleteRole', rolename: `device/${deviceId}` }).catch(() => undefined);
    }
  };
  const registered: DeviceCredentials[] = [];
  undo.push(async () => { for (const c of registered) await forget(c.deviceId); });
  // Register until each shard has PER_SHARD devices: the registry places each on the shard with
  // the fewest accounts, so earlier tests' leftovers on one broker only delay the balance.
  const onShard = (shard: string) => registered.filter((c) => c.shard === shard);
  for (let n = 0; onShard('shard-1').length < PER_SHARD || onShard('shard-2').length < PER_SHARD; n++) {
    assert.ok(n < MAX_REGISTERED, `the registry filled both shards within ${MAX_REGISTERED} registrations (${onShard('shard-1').length} / ${onShard('shard-2').length})`);
    const deviceId = deviceIdFor(FIRST + n);
    await forget(deviceId);
    const creds = await registry.register({ deviceId, model: 'WX-200', firmware: '2.1.0' });
    registered.push(creds);
    assert.equal(creds.mqttUrl, shards.find((x) => x.id === creds.shard)!.endpoint, 'the registration returns its shard\'s endpoint');
    assert.equal((await registry.get(deviceId))?.shard, creds.shard, 'the shard is recorded with the device');
  }
  const fleetDevices = [...onShard('shard-1').slice(0, PER_SHARD), ...onShard('shard-2').slice(0, PER_SHARD)];
  // Each account exists on its own shard only: the other broker refuses the device.
  const stranger = fleetDevices[0]!;
  const otherUrl = urls.find((u) => u !== stranger.mqttUrl)!;
  await assert.rejects(mqtt.connectAsync(otherUrl, { clientId: stranger.deviceId, username: stranger.deviceId, password: stranger.password, protocolVersion: 4, reconnectPeriod: 0 }), /not authori[sz]ed|bad user name or password|Connection refused/i);

  // Every registered device admitted and assigned (attribution is by the registry) before the ingests start.
  const prov = await provisionDevices(s, id, FIRST, registered.length);
  undo.push(prov.remove);
  const patientOf = (deviceId: string) => patientIdFor(Number(deviceId.slice(4)));

  // One exclusive ingest per broker, each on its own accounts (bound client ids) on its broker.
  const common = {
    KAFKA_TOPIC_VITALS: topics.vitals, KAFKA_TOPIC_STATUS: topics.status, KAFKA_TOPIC_DEAD_LETTER: topics.deadLetter, KAFKA_TOPIC_PARTITIONS: '3',
    INFLUX_BUCKET: bucket, INFLUX_WRITE_TOKEN: '', INFLUX_READ_TOKEN: '', INFLUX_TOKEN: s.influx.token, WRITER_GROUP_ID: `${id}-writer`, WRITER_FLUSH_INTERVAL_MS: '100',
    ...prov.env,
  };
  const ingestEnv = (shard: number) => ({ ...common, MQTT_URL: urls[shard - 1]!, MQTT_CLIENT_ID: `${id}-ingest-s${shard}`, MQTT_SUBSCRIPTION: 'exclusive', INGEST_CONNECTIONS: '1' });
  for (const shard of [1, 2]) undo.push(await ingestAccounts({ mqttUrl: urls[shard - 1]!, ...env }, `${id}-ingest-s${shard}`, 1));
  let n = 0;
  const start = async (kind: 'ingest' | 'writer', extra: Record<string, string>) => {
    const proc = startService(t, kind, { ...common, ...extra });
    const name = `${kind}-${++n}`;
    procs.push({ name, proc });
    undo.push(() => proc.kill('SIGTERM'));
    await waitForLog(proc, `${kind} started`, 120_000);
    return proc;
  };
  const [ingest1] = await Promise.all([start('ingest', ingestEnv(1)), start('ingest', ingestEnv(2)), start('writer', {})]);

  // The faults, while every device publishes.
  const fleet: Fleet = await startFleet(fleetDevices.map((c) => ({ deviceId: c.deviceId, patientId: patientOf(c.deviceId), mqttUrl: c.mqttUrl!, password: c.password })), { durationMs: PUBLISH_MS, intervalMs: INTERVAL_MS });
  undo.push(() => fleet.close());
  const t0 = Date.now();
  await sleep(6_000);
  await ingest1!.kill('SIGKILL');
  console.log(`[shards] kill -9 shard 1's ingest at ${Date.now() - t0} ms`);
  await sleep(3_000);
  await start('ingest', ingestEnv(1));
  console.log(`[shards] shard 1's ingest started back at ${Date.now() - t0} ms`);
  await sleep(Math.max(0, 16_000 - (Date.now() - t0)));
  const restartAt = Date.now() - t0;
  await stackSh(['restart', 'mosquitto-2']);
  console.log(`[shards] shard 2's broker restarted at ${restartAt}-${Date.now() - t0} ms`);
  // Then a crash of the same broker (its store was saved after every change, MQTT_AUTOSAVE_CHANGES=1).
  await sleep(Math.max(0, 23_000 - (Date.now() - t0)));
  const killedAt = Date.now();
  const brokerPid = Number(readFileSync(shardPid, 'utf8').trim());
  process.kill(brokerPid, 'SIGKILL');
  // Gone (reaped), not only signalled: until then stack.sh takes the pid for a live broker
  // and starts nothing (a first run left shard 2 down).
  await waitFor('shard 2\'s broker gone', () => (alive(brokerPid) ? undefined : true), 30_000, 20);
  await sleep(Math.max(0, killedAt + 1_000 - Date.now()));
  await stackSh(['up', 'mosquitto-2']);
  console.log(`[shards] kill -9 of shard 2's broker at ${killedAt - t0} ms, started back at ${Date.now() - t0} ms`);
  await fleet.done;

  // 0 acknowledged readings lost (but the crash window): the exact (device, sequence) set, per shard.
  const key = (d: string, q: number) => `${d}#${q}`;
  const acked = new Set(fleet.runs.flatMap((r) => [...r.acked].map((q) => key(r.deviceId, q))));
  const published = new Set(fleet.runs.flatMap((r) => [...r.published].map((q) => key(r.deviceId, q))));
  const failed = fleet.runs.reduce((x, r) => x + r.failed, 0);
  const ids = fleetDevices.map((c) => c.deviceId);
  const query = new InfluxDB({ url: s.influx.url, token: s.influx.token, timeout: 60_000 }).getQueryApi(s.influx.org);
  // What the crashed broker may have lost: shard 2's batches acknowledged just before its kill.
  const shard2 = new Set(fleetDevices.filter((c) => c.shard === 'shard-2').map((c) => c.deviceId));
  const crashWindow = new Set(fleet.runs.filter((r) => shard2.has(r.deviceId)).flatMap((r) => [...r.ackedAt].filter(([, at]) => at >= killedAt - CRASH_WINDOW_MS && at <= killedAt + CRASH_WINDOW_MS).map(([q]) => key(r.deviceId, q))));
  let stored = new Set<string>();
  let missing: string[] = [];
  await waitFor('every acknowledged batch stored', async () => {
    const rows = await query.collectRows<{ device_id: string; _value: number }>(flux`from(bucket: ${bucket}) |> range(start: -1h) |> filter(fn: (r) => r._measurement == "device" and r._field == "seq" and contains(value: r.device_id, set: ${ids})) |> group() |> keep(columns: ["device_id", "_value"])`);
    stored = new Set(rows.map((x) => key(x.device_id, x._value)));
    missing = [...acked].filter((k) => !stored.has(k));
    return missing.every((k) => crashWindow.has(k)) ? true : undefined;
  }, 90_000, 1000).catch((err: unknown) => { throw new Error(`${(err as Error).message}; ${missing.length} of ${acked.size} acknowledged missing: ${missing.slice(0, 30).join(' ')}`); });
  // Settled: what is still missing after a further 5 s is lost (only the crash window may be).
  await sleep(5_000);
  const rows = await query.collectRows<{ device_id: string; _value: number }>(flux`from(bucket: ${bucket}) |> range(start: -1h) |> filter(fn: (r) => r._measurement == "device" and r._field == "seq" and contains(value: r.device_id, set: ${ids})) |> group() |> keep(columns: ["device_id", "_value"])`);
  stored = new Set(rows.map((x) => key(x.device_id, x._value)));
  missing = [...acked].filter((k) => !stored.has(k));
  const lostPerDevice = new Map<string, number>();
  for (const k of missing) lostPerDevice.set(k.split('#')[0]!, (lostPerDevice.get(k.split('#')[0]!) ?? 0) + 1);
  assert.deepEqual(missing.filter((k) => !crashWindow.has(k)), [], 'nothing acknowledged lost outside the broker crash window');
  assert.ok([...lostPerDevice.values()].every((n) => n <= 1), `at most one batch lost per device in the broker crash: ${missing.join(' ')}`);
  const perShard = (shard: string) => {
    const devs = new Set(fleetDevices.filter((c) => c.shard === shard).map((c) => c.deviceId));
    const mine = (set: Set<string>) => [...set].filter((k) => devs.has(k.split('#')[0]!)).length;
    return { devices: devs.size, published: mine(published), acked: mine(acked), stored: mine(stored) };
  };
  const row = { shard1: perShard('shard-1'), shard2: perShard('shard-2'), failedPublishes: failed, lost: missing.length, lostInCrashWindow: missing.filter((k) => crashWindow.has(k)), crashWindowAcked: crashWindow.size };
  console.log(`[shards] ${JSON.stringify(row)}`);
  mkdirSync(`${REPO_ROOT}test-results`, { recursive: true });
  writeFileSync(`${REPO_ROOT}test-results/shards.json`, JSON.stringify(row, null, 2));
  assert.ok([...stored].every((k) => published.has(k)), 'nothing stored that a device did not publish');
  assert.ok(row.shard1.acked > 0 && row.shard1.stored >= row.shard1.acked, 'shard 1\'s readings stored');
  assert.ok(row.shard2.acked > 0 && row.shard2.stored >= row.shard2.acked - row.lostInCrashWindow.length, 'shard 2\'s readings stored (but for the crash window)');
  // Each device published on through both faults: a device's publishes settle once its broker acknowledged them.
  assert.equal(failed, 0, 'no publish failed (devices resend across the broker restart)');

  // Rotation and revocation reach the broker that holds the account.
  await fleet.close();
  const connect = (c: { mqttUrl?: string | undefined; deviceId: string; password: string }) =>
    mqtt.connectAsync(c.mqttUrl!, { clientId: c.deviceId, username: c.deviceId, password: c.password, protocolVersion: 4, reconnectPeriod: 0 });
  const onTwo = fleetDevices[PER_SHARD]!;
  assert.equal(onTwo.shard, 'shard-2');
  await registry.revoke(onTwo.deviceId);
  assert.equal((await registry.get(onTwo.deviceId))?.revoked, true, 'revoked in the registry');
  await assert.rejects(connect(onTwo), /not authori[sz]ed|bad user name or password|Connection refused/i, 'shard 2 refuses the revoked device');
  const rotated = await registry.rotate(fleetDevices[0]!.deviceId);
  assert.deepEqual([rotated.shard, rotated.mqttUrl], ['shard-1', urls[0]], 'rotation answers with the device\'s own shard');
  await assert.rejects(connect(fleetDevices[0]!), /not authori[sz]ed|bad user name or password|Connection refused/i, 'the old password stops working');
  await (await connect(rotated)).endAsync();
});
