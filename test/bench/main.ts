// `npm run bench`: throughput, cost per sample, latency, ceilings, a reference pipeline
// (Telegraf) and scale, against the real local stack, all in one run on the same machine.
// Prints a table and writes bench-results/<time>.json and bench-results/latest.md.
// Knobs: BENCH_STEP_S (60), BENCH_RATES (samples/s, comma list), BENCH_SCALE_DEVICES (10000),
// BENCH_SKIP (comma list of: ceilings,pipeline,latency,reference,scale), BENCH_NODE_ARGS,
// BENCH_LATENCY_RATE (default half the sustained rate), BENCH_LATENCY_ALARMS (120),
// BENCH_LATENCY_SETTLE_S (60: longest wait for the broker at rest before the latency step), BENCH_RUNTIME
// (dist, the default: the services compiled, as production runs them; tsx: the sources),
// BENCH_PURGE_SESSIONS=1 (end the broker's persistent sessions on the device topics before the
// run; without it the bench refuses to start while any exists: see broker-state.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import mqtt from 'mqtt';
import { deviceIdFor, patientIdFor } from '../../services/common/device-credentials.js';
import { grantTestAcls, testAclNames } from '../helpers/kafka-acl.js';
import { ingestAccounts } from '../helpers/mqtt-accounts.js';
import { purgeSession } from '../helpers/pipeline.js';
import { createProvisioner } from '../helpers/provision.js';
import { backlogSessions, describe, endSessions, readStore, saveNow, type StoreState } from './broker-state.js';
import { brokerSettle } from './broker-settle.js';
import { brokerCeiling, influxCeiling, kafkaCeiling } from './ceilings.js';
import { IDLE_S, log, openBench, REPO, RUNTIME, SAMPLES_PER_MSG, SKIP, sleep, STATE, STEP_S } from './context.js';
import { latency } from './latency.js';
import { reference } from './reference.js';
import { ratios, writeReport } from './report.js';
import { scale, stepUp } from './steps.js';
import { brokerIdleWarning, idleUsage, MOSQUITTO_DB, MOSQUITTO_LOG } from './usage.js';

/** A counter from a service's metrics (its ops port is in its log); throws if it cannot be read. */
async function ingestCounter(output: string, name: string): Promise<number> {
  const port = /"opsPort":(\d+)/.exec(output)?.[1];
  if (!port) throw new Error(`${name}: the service logged no ops port`);
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`${name}: not in the service's metrics`);
  return Number(line.split(' ')[1]);
}

const b = await openBench();
const { E, id } = b;
const results: Record<string, unknown> = {
  id,
  when: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, servicesRun: RUNTIME, kernel: os.release(), loadAvg: os.loadavg().map((x) => Math.round(x * 10) / 10).join(' ') },
  stepSeconds: STEP_S,
  samplesPerMessage: SAMPLES_PER_MSG,
  versions: Object.fromEntries(readFileSync(`${STATE}/versions`, 'utf8').trim().split('\n').map((l) => l.split('='))),
};
// The broker's state at each phase boundary, from its save file (a save follows every change).
const storeFile = `${STATE}/mosquitto/data/mosquitto.db`;
const brokerState: Record<string, unknown> = {};
const noteBroker = async (at: string): Promise<StoreState> => {
  await saveNow(b.s, { username: E.MQTT_ADMIN_USERNAME!, password: E.MQTT_ADMIN_PASSWORD! }, `${STATE}/logs/mosquitto.log`);
  const st = readStore(storeFile);
  brokerState[at] = { storeKb: Math.round(st.bytes / 1024), storedMessages: st.storedMessages, retained: st.retained, sessions: st.sessions.map((x) => ({ clientId: x.clientId, messages: x.messages, subscriptions: x.subscriptions })) };
  log(`broker ${at}: store ${Math.round(st.bytes / 1024)} KB, ${st.storedMessages} stored messages (${st.retained} retained), ${st.sessions.length} persistent sessions${st.sessions.length ? `: ${st.sessions.map(describe).join('; ')}` : ''}`);
  return st;
};
results.broker = brokerState;
const telegrafCreds = { username: E.MQTT_TELEGRAF_USERNAME!, password: E.MQTT_TELEGRAF_PASSWORD! };
{
  // A persistent session on the device topics (an ingest stopped without ending its session, an
  // interrupted run's) gets a copy of every reading this run publishes: the broker's store grows
  // by the whole load and every save (one per change) rewrites it, so the broker's CPU, and the
  // pipelines that share the machine with it, would measure the broker's history, not the run.
  // The reference's own session (Telegraf's account) is the bench's: ended without asking.
  await purgeSession(b.s, telegrafCreds.username, telegrafCreds);
  const stale = backlogSessions(await noteBroker('at start'));
  if (stale.length && process.env.BENCH_PURGE_SESSIONS === '1') {
    log(`ending ${stale.length} persistent sessions on the device topics (BENCH_PURGE_SESSIONS=1; their queued messages are discarded)`);
    const failed = await endSessions(b.s, stale.map((x) => x.clientId), E.MQTT_PASSWORD ?? '');
    if (failed.length) throw new Error(`bench: could not end the broker sessions ${failed.join(', ')}; end them (a clean-session connect as each) and run again`);
    await noteBroker('after ending them');
  } else if (stale.length) {
    console.error(`bench: the broker holds ${stale.length} persistent sessions that would receive a copy of every reading this run publishes:\n  ${stale.map(describe).join('\n  ')}\n` +
      'With a save after every change, Mosquitto would rewrite all of it on every save and the figures would measure that (docs/benchmarks.md). ' +
      'If their queued messages are not needed (e.g. an ingest of an interrupted run or test), run again with BENCH_PURGE_SESSIONS=1 to end them; if a running ingest owns one, stop it first.');
    process.exit(2);
  }
}
const rates = (process.env.BENCH_RATES ?? '6000,12000,24000,36000,48000,60000,72000,90000').split(',').map(Number);
const stackPids = { mosquitto: b.mosquittoPid, kafka: b.pidFile('kafka'), influxdb: b.pidFile('influxd') };

if (!SKIP.has('ceilings')) {
  log('ceiling: broker alone (16 QoS 1 publishers, 50 in flight each, one QoS 1 subscriber, 15 s)');
  results.brokerCeiling = await brokerCeiling(b);
  log('  ->', results.brokerCeiling);
  log('ceiling: Kafka alone (ProducerPerformance, acks=all, idempotent, 300k records)');
  results.kafkaCeiling = await kafkaCeiling(b);
  log('  ->', results.kafkaCeiling);
  log('ceiling: InfluxDB alone (our line protocol, 5000-line requests, 2 in flight, 15 s)');
  results.influxCeiling = await influxCeiling(b);
  log('  ->', results.influxCeiling);
}

const topics = { vitals: `${id}.vitals`, status: `${id}.status`, deadLetter: `${id}.dlq`, alerts: `${id}.alerts` };
// The ingest attributes readings to patients only through the registry (issue 15): the bench's
// own registry topics (named as its ACL rows name them), where every device of ours is admitted
// and assigned before its step publishes (b.devices); without it no alert would be evaluated.
const { patients: patientsTopic, assignments: assignmentsTopic } = testAclNames(id);
const registryTopics = { patients: patientsTopic!, assignments: assignmentsTopic! };
const ours = await b.bucket(`${id}-ours`);
const svcEnv = {
  KAFKA_TOPIC_VITALS: topics.vitals, KAFKA_TOPIC_STATUS: topics.status, KAFKA_TOPIC_DEAD_LETTER: topics.deadLetter, KAFKA_TOPIC_ALERTS: topics.alerts,
  KAFKA_TOPIC_ALERT_COMMANDS: `${id}.commands`, KAFKA_TOPIC_ALERT_STATE: `${id}.state`, KAFKA_TOPIC_PARTITIONS: '6', INFLUX_BUCKET: ours,
  KAFKA_TOPIC_PATIENTS: registryTopics.patients, KAFKA_TOPIC_ASSIGNMENTS: registryTopics.assignments,
  MQTT_CLIENT_ID: `${id}-ingest`, MQTT_SHARE_GROUP: `${id}-share`, WRITER_GROUP_ID: `${id}-writer`, ALERTS_GROUP_ID: `${id}-alerts`,
  // The services' own env files (.stack/services/*.env) hold tokens scoped to the stack's
  // bucket; the bench writes to its own, so the writer and the alert worker get the stack's
  // all-access token (without it every write failed and every step "lost" all its readings).
  INFLUX_WRITE_TOKEN: '', INFLUX_READ_TOKEN: '', INFLUX_TOKEN: b.s.influx.token,
};
// The services' Kafka ACL rows on the bench's names (issue 16).
const revokeAcls = await grantTestAcls(b.s, b.kafka, id, { commands: `${id}.commands`, state: `${id}.state` });
// One broker account per ingest connection, bound to its client id (issue 15). Removed (sessions
// first) once our phase is over, so our stopped ingest does not queue the reference phase's
// device statuses; once only, whichever of that, an interrupt or the final clean-up comes first.
const removeAccounts = await ingestAccounts(b.s, `${id}-ingest`, 8);
let accountsRemoved: Promise<void> | null = null;
const removeIngestAccounts = () => (accountsRemoved ??= removeAccounts());
// Bulk: records produced in batches, then awaited in this reader (at the topics' end offsets).
const provisioner = await createProvisioner(b.kafka, registryTopics, `${id}-provision`);
b.provisionWith((first, count) => provisioner.provisionMany(first, count));
// An interrupted run must not leave the ingest's persistent sessions behind: they would queue
// every later message and, with a save per change, make every later run crawl (a killed run's
// sessions grew the broker's store to 52 MB within minutes, and the next run measured that).
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: removing the ingest's sessions and accounts`);
    void b.close().then(removeIngestAccounts).then(() => provisioner.close())
      .then(() => purgeSession(b.s, telegrafCreds.username, telegrafCreds)).finally(() => process.exit(130));
  });
}
const ingest = await b.service('ingest', svcEnv);
const writer = await b.service('writer', svcEnv);
const alerts = await b.service('alerts', svcEnv);
const ourPids = { ingest: () => ingest.child.pid, writer: () => writer.child.pid, alerts: () => alerts.child.pid, simulator: () => process.pid, ...stackPids };

let sustained = 0;
if (!SKIP.has('pipeline') && IDLE_S > 0) {
  // Settle first (connections, consumer group joins, the registry loaded), then nothing is published.
  await sleep(5000);
  log(`idle: services up, no load, ${IDLE_S} s`);
  const idle = await idleUsage({ ingest: ourPids.ingest, writer: ourPids.writer, alerts: ourPids.alerts, ...stackPids }, IDLE_S);
  results.idle = idle;
  log('  ->', JSON.stringify(idle));
  const warning = brokerIdleWarning('ours', idle, IDLE_S);
  if (warning) log(warning);
}
if (!SKIP.has('pipeline')) {
  const r = await stepUp(b, 'pipeline', rates, ours, 'device', ourPids, { alertsGroup: { groupId: `${id}-alerts`, topic: topics.vitals }, unassigned: () => ingestCounter(ingest.output(), 'vitals_ingest_unassigned_samples_total') });
  sustained = r.sustained;
  results.pipeline = r;
}
// BENCH_LATENCY_RATE: the latency step's rate when it is not to follow the stepped run's
// (e.g. the stepped run skipped, or failed on a machine shared with other work).
const latencyRate = Number(process.env.BENCH_LATENCY_RATE ?? 0) || Math.round(sustained / 2);
if (!SKIP.has('latency') && latencyRate > 0) {
  // A steady state, not the recovery from the step before: the broker at rest first (every
  // PUBACK of the last step read; broker-settle.ts). If it is not within BENCH_LATENCY_SETTLE_S,
  // the step still runs and is reported as what it is: a broker still working off a backlog.
  const settleS = Number(process.env.BENCH_LATENCY_SETTLE_S ?? 60);
  const brokerBefore = await brokerSettle(MOSQUITTO_LOG, MOSQUITTO_DB, { timeoutMs: settleS * 1000 });
  log(brokerBefore.settled
    ? `broker at rest after ${(brokerBefore.settleMs / 1000).toFixed(1)} s (store ${brokerBefore.storeKbAfter} KB)`
    : `WARNING: the broker is NOT at rest after ${settleS} s (${brokerBefore.saves} saves, store ${brokerBefore.storeKbBefore} -> ${brokerBefore.storeKbAfter} KB): the latency step measures its recovery from the load before it, not a steady state`);
  log(`latency at ${process.env.BENCH_LATENCY_RATE ? 'BENCH_LATENCY_RATE' : '50% of the sustained rate'} (${latencyRate} samples/s, ${STEP_S} s)`);
  results.latency = { ...await latency(b, latencyRate, ours, topics, { ingest: ourPids.ingest, alerts: ourPids.alerts, mosquitto: stackPids.mosquitto }), brokerBefore };
  log('  ->', JSON.stringify(results.latency));
}
if (!SKIP.has('scale')) {
  results.scale = await scale(b, ourPids);
  log('  ->', JSON.stringify(results.scale));
}
// Every sample of ours was attributed (a reading of an unprovisioned device is stored under the device only and never alerts).
results.unassignedSamples = await ingestCounter(ingest.output(), 'vitals_ingest_unassigned_samples_total');
log(`ingest: ${results.unassignedSamples} samples of devices with no assignment${results.unassignedSamples === 0 ? '' : ' (NOT 0: those readings were never evaluated for alarms)'}`);
for (const c of [ingest, writer, alerts]) await c.kill('SIGTERM');
b.provisionWith(null); // the reference pipeline has no registry
await provisioner.close();
mkdirSync(`${REPO}bench-results`, { recursive: true });
for (const [name, c] of Object.entries({ ingest, writer, alerts })) writeFileSync(`${REPO}bench-results/${id}-${name}.log`, c.output());
await removeIngestAccounts().catch((err: unknown) => log('  ingest accounts cleanup failed:', (err as Error).message));
await sleep(3000);
await noteBroker('after our pipeline');

if (!SKIP.has('reference')) {
  const ref = await reference(b, rates, stackPids);
  results.reference = { steps: ref.steps, sustained: ref.sustained };
  if (ref.idle) results.referenceIdle = ref.idle;
}

if (!SKIP.has('reference')) await noteBroker('after the reference');
results.ratios = ratios(results, sustained);
console.log(`\n${writeReport(results)}`);
await b.close();

// Leave the broker as we found it: the services' persistent sessions would otherwise queue
// every later message forever (the broker's store grew to 570 MB after a few runs), and
// thousands of retained device statuses would be replayed to every new ingest (tests too).
log('cleaning up: persistent sessions, retained device statuses and retained alerts');
await revokeAcls().catch((err: unknown) => log('  ACL cleanup failed:', (err as Error).message));
await removeIngestAccounts().catch((err: unknown) => log('  ingest accounts cleanup failed:', (err as Error).message));
await purgeSession(b.s, telegrafCreds.username, telegrafCreds).catch((err: unknown) => log('  telegraf session purge failed:', (err as Error).message));
{
  const admin = await mqtt.connectAsync(E.MQTT_URL!, { username: E.MQTT_ADMIN_USERNAME!, password: E.MQTT_ADMIN_PASSWORD!, clientId: `${id}-cleanup`, protocolVersion: 4 });
  const inflight = new Set<Promise<unknown>>();
  // Only the devices this run used: with a save per change, clearing all 25,000 took minutes
  // and overlapped the next run's first steps.
  const devices = b.used().flatMap(([a, z]) => Array.from({ length: z - a + 1 }, (_, i) => a + i));
  for (const n of devices) {
    const p = admin.publishAsync(`vitals/v1/devices/${deviceIdFor(n)}/status`, Buffer.alloc(0), { qos: 1, retain: true }).finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= 200) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  // The alert worker publishes each alert retained (alerts/v1/patients/{id}/{kind}): the latency
  // step's desaturations left about 256 that every later bedside client was handed. Only this
  // run's patients: what the broker hands a new subscriber within 3 s of quiet.
  const patients = new Set(devices.map(patientIdFor));
  const stale = new Set<string>();
  let last = Date.now();
  admin.on('message', (topic, payload, packet) => {
    last = Date.now();
    if (packet.retain && payload.length > 0 && patients.has(topic.split('/')[3] ?? '')) stale.add(topic);
  });
  await admin.subscribeAsync('alerts/v1/patients/+/+', { qos: 0 });
  while (Date.now() - last < 3_000) await sleep(500);
  await admin.unsubscribeAsync('alerts/v1/patients/+/+');
  for (const topic of stale) await admin.publishAsync(topic, Buffer.alloc(0), { qos: 1, retain: true });
  log(`  ${stale.size} retained alerts of this run's patients cleared`);
  await admin.endAsync();
}
process.exit(0);
