// `npm run bench`: throughput, latency, ceilings, a reference pipeline (Telegraf) and
// scale, against the real local stack, all in one run on the same machine. Prints a table
// and writes bench-results/<time>.json and bench-results/latest.md.
// Knobs: BENCH_STEP_S (default 60), BENCH_RATES (samples/s, comma list), BENCH_SCALE_DEVICES (10000),
// BENCH_SKIP (comma list of: ceilings,pipeline,latency,reference,scale).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { flux, InfluxDB } from '@influxdata/influxdb-client';
import { Kafka, logLevel } from 'kafkajs';
import mqtt from 'mqtt';
import { deviceIdFor, devicePassword } from '../../services/common/device-credentials.js';
import { ensureTopics } from '../../services/common/kafka.js';
import { loadEnv } from '../../services/common/env-file.js';
import { batchToLines } from '../../services/common/line-protocol.js';
import { Alert, AlertState, VitalsBatch } from '../../services/common/proto.js';
import { createInfluxWriter } from '../../services/writer/influx-writer.js';
import { simulate, type SimulationSummary } from '../../services/simulator/app.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { grantTestAcls } from '../helpers/kafka-acl.js';
import { ingestAccounts } from '../helpers/mqtt-accounts.js';
import type { StackEndpoints } from '../helpers/stack.js';

const REPO = new URL('../../', import.meta.url).pathname;
const STATE = process.env.VITALS_STACK_DIR ?? `${REPO}.stack`;
const STEP_S = Number(process.env.BENCH_STEP_S ?? 60);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const READINGS = 5; // readings of 6 vitals per message: 30 samples, a device batching 5 s of 1 Hz data
const SAMPLES_PER_MSG = READINGS * 6;
const id = `bench-${Date.now().toString(36)}`;
const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => pct(xs, 50);
function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

// ---------------------------------------------------------------- stack and processes
execFileSync('bash', [`${REPO}infra/local/stack.sh`, 'up'], { stdio: 'inherit' });
const env = loadEnv(process.env, `${STATE}/env`);
const pool = Number(env.MQTT_DEVICE_POOL ?? 200);
const SCALE_DEVICES = Number(process.env.BENCH_SCALE_DEVICES ?? 10_000);
// Device ranges: ours from 1, the reference from REF_FIRST, the broker ceiling's publishers at the top.
const POOL = SCALE_DEVICES + 15_000;
const REF_FIRST = SCALE_DEVICES + 5_001;
const CEIL_FIRST = POOL - 20;
if (pool < POOL) {
  log(`provisioning ${POOL} device accounts`);
  execFileSync('bash', [`${REPO}infra/local/stack.sh`, 'provision', String(POOL)], { stdio: 'inherit' });
}
const mosquittoPid = () => Number(readFileSync(`${STATE}/run/mosquitto.pid`, 'utf8'));
if (!/Max open files\s+(\d+)/.exec(readFileSync(`/proc/${mosquittoPid()}/limits`, 'utf8')) || Number(/Max open files\s+(\d+)/.exec(readFileSync(`/proc/${mosquittoPid()}/limits`, 'utf8'))![1]) < SCALE_DEVICES + 1000) {
  log('restarting mosquitto with a higher open-file limit');
  execFileSync('bash', [`${REPO}infra/local/stack.sh`, 'restart', 'mosquitto'], { stdio: 'inherit' });
}
const E = { ...loadEnv(process.env, `${STATE}/env`) } as Record<string, string>;
// The bench's own tools connect as the stack's Kafka `admin` (issue 16); its services as their own principals.
const adminSasl = E.KAFKA_ADMIN_PASSWORD ? { mechanism: 'scram-sha-512' as const, username: 'admin', password: E.KAFKA_ADMIN_PASSWORD } : undefined;
const kafka = new Kafka({ clientId: id, brokers: E.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING, ...(adminSasl ? { sasl: adminSasl } : {}) });
/** Java/Telegraf client settings for `admin`, in a mode-600 file (never argv). */
function adminClientProps(): string {
  const file = `${STATE}/bench-kafka-admin.properties`;
  writeFileSync(file, adminSasl ? ['security.protocol=SASL_PLAINTEXT', 'sasl.mechanism=SCRAM-SHA-512',
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${adminSasl.password}";`, ''].join('\n') : '', { mode: 0o600 });
  return file;
}
const influx = new InfluxDB({ url: E.INFLUX_URL!, token: E.INFLUX_TOKEN!, timeout: 120_000 });
const query = influx.getQueryApi(E.INFLUX_ORG!);

async function influxApi(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${E.INFLUX_URL}${path}`, { method, headers: { Authorization: `Token ${E.INFLUX_TOKEN}`, 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!r.ok) throw new Error(`influx ${method} ${path}: ${r.status} ${await r.text()}`);
  return r.status === 204 ? {} : (await r.json()) as Record<string, unknown>;
}
async function bucket(name: string): Promise<string> {
  const orgs = await influxApi('GET', `/api/v2/orgs?org=${E.INFLUX_ORG}`) as { orgs: { id: string }[] };
  await influxApi('POST', '/api/v2/buckets', { orgID: orgs.orgs[0]!.id, name, retentionRules: [] });
  return name;
}

const children: ChildProcess[] = [];
process.on('exit', () => { for (const c of children) c.kill('SIGKILL'); });
function service(name: string, extra: Record<string, string>): Promise<ChildProcess> {
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the services under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'services/cli.ts', name], { cwd: REPO, env: { ...process.env, LOG_LEVEL: 'info', ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); if (out.length > 100_000) out = out.slice(-50_000); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const poll = setInterval(() => {
      if (/"ops server listening"|opsPort/.test(out)) { clearInterval(poll); resolve(child); }
      else if (child.exitCode !== null || Date.now() - t0 > 120_000) { clearInterval(poll); reject(new Error(`${name} did not start: ${out.slice(-2000)}`)); }
    }, 100);
  });
}

// ---------------------------------------------------------------- resource sampling
interface Usage { cpuPct: number; rssMb: number }
const CLK = 100;
function procStat(pid: number): { cpu: number; rss: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    return { cpu: (Number(stat[11]) + Number(stat[12])) / CLK, rss };
  } catch { return null; }
}
function sampler(pids: Record<string, () => number | undefined>) {
  const first: Record<string, { cpu: number; t: number }> = {};
  const rssMax: Record<string, number> = {};
  const t0 = Date.now();
  for (const [k, f] of Object.entries(pids)) { const pid = f(); const s = pid ? procStat(pid) : null; if (s) first[k] = { cpu: s.cpu, t: t0 }; }
  const timer = setInterval(() => {
    for (const [k, f] of Object.entries(pids)) { const pid = f(); const s = pid ? procStat(pid) : null; if (s) rssMax[k] = Math.max(rssMax[k] ?? 0, s.rss); }
  }, 1000);
  return (): Record<string, Usage> => {
    clearInterval(timer);
    const out: Record<string, Usage> = {};
    const dt = (Date.now() - t0) / 1000;
    for (const [k, f] of Object.entries(pids)) {
      const pid = f(); const s = pid ? procStat(pid) : null;
      if (s && first[k]) out[k] = { cpuPct: Math.round(((s.cpu - first[k]!.cpu) / dt) * 1000) / 10, rssMb: Math.round(Math.max(rssMax[k] ?? 0, s.rss)) };
    }
    return out;
  };
}
const pidFile = (name: string) => () => { try { return Number(readFileSync(`${STATE}/run/${name}.pid`, 'utf8')); } catch { return undefined; } };

// ---------------------------------------------------------------- checks
/**
 * The step's devices are new and its data starts at `sinceMs`, so a time range selects it
 * without a device filter (Flux `contains()` over hundreds of ids cost seconds per poll at
 * high rates, inflating the drain time it was measuring, for both pipelines alike).
 */
async function storedCount(bkt: string, measurement: string, sinceMs: number): Promise<number> {
  const rows = await query.collectRows<{ _value: number }>(flux`from(bucket: ${bkt}) |> range(start: ${new Date(sinceMs)}) |> filter(fn: (r) => r._measurement == ${measurement} and r._field == "seq") |> group() |> count()`);
  return rows[0]?._value ?? 0;
}
async function storedSeqs(bkt: string, measurement: string, sinceMs: number): Promise<Set<string>> {
  const rows = await query.collectRows<{ device_id: string; _value: number }>(flux`from(bucket: ${bkt}) |> range(start: ${new Date(sinceMs)}) |> filter(fn: (r) => r._measurement == ${measurement} and r._field == "seq") |> group() |> keep(columns: ["device_id", "_value"])`);
  return new Set(rows.map((r) => `${r.device_id}#${r._value}`));
}
function ackedSet(s: SimulationSummary): Set<string> {
  const out = new Set<string>();
  for (const d of s.perDevice) for (const [a, b] of d.acked) for (let q = a; q <= b; q++) out.add(`${d.deviceId}#${q}`);
  return out;
}
/**
 * Time until every acknowledged (device, sequence) of the step is queryable: a cheap count
 * is polled every 500 ms; once it is high enough, the exact set is checked (and polling
 * goes on if a reading is missing). Returns the readings still missing at the timeout.
 */
async function drained(bkt: string, s: SimulationSummary, measurement: string, sinceMs: number, timeoutMs: number): Promise<{ lost: number; drainMs: number }> {
  const want = ackedSet(s);
  const t0 = Date.now();
  let have = new Set<string>();
  while (Date.now() - t0 < timeoutMs) {
    if (await storedCount(bkt, measurement, sinceMs) >= want.size) {
      const drainMs = Date.now() - t0;
      have = await storedSeqs(bkt, measurement, sinceMs);
      if ([...want].every((k) => have.has(k))) return { lost: 0, drainMs };
    }
    await sleep(500);
  }
  have = await storedSeqs(bkt, measurement, sinceMs);
  return { lost: [...want].filter((k) => !have.has(k)).length, drainMs: Date.now() - t0 };
}

/** Time until a consumer group has committed up to the topic's end (the alert worker keeps up too). */
async function groupCaughtUp(groupId: string, topic: string, timeoutMs: number): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const t0 = Date.now();
  try {
    while (Date.now() - t0 < timeoutMs) {
      const high = await admin.fetchTopicOffsets(topic);
      const [c] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = new Map((c?.partitions ?? []).map((x) => [x.partition, Number(x.offset)]));
      if (high.every((h) => Number(h.high) === 0 || committed.get(h.partition) === Number(h.high))) return Date.now() - t0;
      await sleep(500);
    }
    return Infinity;
  } finally {
    await admin.disconnect();
  }
}

interface Step { rate: number; devices: number; intervalMs: number; achieved: number; acked: number; failed: number; lost: number; drainMs: number; alertsDrainMs?: number; pass: boolean; usage: Record<string, Usage> }

let nextDevice = 1;
type StepOpts = { format?: 'protobuf' | 'line'; topicFor?: (d: string) => string; durationS?: number; alertsGroup?: { groupId: string; topic: string } };
async function step(label: string, rate: number, bkt: string, measurement: string, pids: Record<string, () => number | undefined>, opts: StepOpts = {}): Promise<Step> {
  const stepS = opts.durationS ?? STEP_S;
  const devices = Math.min(1000, Math.max(20, Math.ceil(rate / 150)));
  const intervalMs = Math.round((devices * SAMPLES_PER_MSG * 1000) / rate);
  const batches = Math.max(2, Math.round((stepS * 1000) / intervalMs));
  const first = nextDevice;
  nextDevice += devices;
  log(`${label}: ${rate} samples/s (${devices} devices, every ${intervalMs} ms, ${batches} batches each, ${stepS} s)`);
  const stop = sampler(pids);
  const t0 = Date.now();
  let last = 0;
  const summary = await simulate({
    mqttUrl: E.MQTT_URL!, deviceSecret: E.MQTT_DEVICE_SECRET!, devices, firstDevice: first, batches, intervalMs, readingsPerBatch: READINGS, keepaliveS: 60, rampMs: intervalMs,
    ...(opts.format ? { format: opts.format } : {}),
    ...(opts.topicFor ? { topicFor: opts.topicFor } : {}),
    onProgress: (p) => { if (process.stdout.isTTY && Date.now() - last > 5000) { last = Date.now(); log(`  sent ${p.sent} acked ${p.acked} failed ${p.failed}`); } },
  });
  const elapsed = (Date.now() - t0) / 1000;
  const usage = stop();
  const achieved = Math.round(summary.samplesAcked / elapsed);
  const endedAt = Date.now();
  const { lost, drainMs } = await drained(bkt, summary, measurement, t0, 90_000);
  // Our alert worker must keep up as well: its committed offsets reach the end of the vitals topic.
  const alertsDrainMs = opts.alertsGroup ? (Date.now() - endedAt) + await groupCaughtUp(opts.alertsGroup.groupId, opts.alertsGroup.topic, 60_000) : undefined;
  const pass = summary.failed === 0 && lost === 0 && achieved >= rate * 0.9 && drainMs < 30_000 && (alertsDrainMs ?? 0) < 30_000;
  log(`  -> achieved ${achieved}/s, acked ${summary.acked}, failed ${summary.failed}, lost ${lost}, drained in ${(drainMs / 1000).toFixed(1)} s${alertsDrainMs !== undefined ? `, alert worker caught up in ${(alertsDrainMs / 1000).toFixed(1)} s` : ''}: ${pass ? 'PASS' : 'FAIL'}`);
  return { rate, devices, intervalMs, achieved, acked: summary.acked, failed: summary.failed, lost, drainMs, ...(alertsDrainMs !== undefined ? { alertsDrainMs } : {}), pass, usage };
}

async function stepUp(label: string, rates: number[], bkt: string, measurement: string, pids: Record<string, () => number | undefined>, opts: StepOpts = {}): Promise<{ steps: Step[]; sustained: number }> {
  // Warm-up (not reported): consumer groups joined, JIT warm, connections open.
  await step(`${label} warm-up`, rates[0]!, bkt, measurement, pids, { ...opts, durationS: 15 });
  const steps: Step[] = [];
  let sustained = 0;
  for (const rate of rates) {
    const s = await step(label, rate, bkt, measurement, pids, opts);
    steps.push(s);
    if (!s.pass) break;
    sustained = rate;
  }
  return { steps, sustained };
}

// ---------------------------------------------------------------- ceilings
async function brokerCeiling(): Promise<{ msgsPerS: number; samplesPerS: number }> {
  const payload = Buffer.from(encodeBatch(makeBatch({ samples: Array.from({ length: SAMPLES_PER_MSG }, (_, i) => ({ kind: 1 + (i % 6), value: 70, unit: '', measuredAtMs: Date.now() })) })));
  const sub = await mqtt.connectAsync(E.MQTT_URL!, { username: 'admin', password: E.MQTT_ADMIN_PASSWORD!, clientId: `${id}-ceil-sub`, protocolVersion: 4 });
  let received = 0;
  sub.on('message', () => { received++; });
  await sub.subscribeAsync(`bench/v1/devices/+/telemetry`, { qos: 1 });
  const pubs = await Promise.all(Array.from({ length: 16 }, (_, i) => {
    const d = deviceIdFor(CEIL_FIRST + i);
    return mqtt.connectAsync(E.MQTT_URL!, { username: d, password: devicePassword(E.MQTT_DEVICE_SECRET!, d), clientId: d, protocolVersion: 4 });
  }));
  const durationMs = 15_000;
  const end = Date.now() + durationMs;
  let startCount = -1, t0 = 0;
  setTimeout(() => { startCount = received; t0 = Date.now(); }, 3000); // skip warm-up
  await Promise.all(pubs.map(async (c, i) => {
    const d = deviceIdFor(CEIL_FIRST + i);
    const inflight = new Set<Promise<unknown>>();
    while (Date.now() < end) {
      const p = c.publishAsync(`bench/v1/devices/${d}/telemetry`, payload, { qos: 1 }).finally(() => inflight.delete(p));
      inflight.add(p);
      if (inflight.size >= 50) await Promise.race(inflight);
    }
    await Promise.all(inflight);
  }));
  const msgsPerS = Math.round((received - startCount) / ((Date.now() - t0) / 1000));
  await Promise.all([...pubs, sub].map((c) => c.endAsync()));
  return { msgsPerS, samplesPerS: msgsPerS * SAMPLES_PER_MSG };
}

/** InfluxDB alone: the pipeline's line protocol in 5000-line requests, 2 in flight, 15 s (first 3 s dropped). */
async function influxCeiling(): Promise<{ pointsPerS: number; samplesPerS: number }> {
  const bkt = await bucket(`${id}-ceiling`);
  const writer = createInfluxWriter({ url: E.INFLUX_URL!, token: E.INFLUX_TOKEN!, org: E.INFLUX_ORG!, bucket: bkt });
  const base = Date.now() - 3_600_000;
  let seq = 0, written = 0, startCount = -1, t0 = 0;
  const end = Date.now() + 15_000;
  setTimeout(() => { startCount = written; t0 = Date.now(); }, 3000);
  const linesPerReq = 5000;
  const batchesPerReq = Math.ceil(linesPerReq / (SAMPLES_PER_MSG + 1));
  await Promise.all([0, 1].map(async () => {
    while (Date.now() < end) {
      const lines: string[] = [];
      for (let b = 0; b < batchesPerReq; b++) {
        seq++;
        const d = deviceIdFor(1 + (seq % 300));
        const at = base + seq;
        lines.push(...batchToLines(VitalsBatch.create({ deviceId: d, patientId: `pat-${d.slice(4)}`, sequence: seq, sentAtMs: at, batteryPercent: 80,
          samples: Array.from({ length: SAMPLES_PER_MSG }, (_, i) => ({ kind: 1 + (i % 6), value: 70 + (i % 5), unit: '', measuredAtMs: at - (i % 5) * 40 })) })));
      }
      await writer.write(lines);
      written += lines.length;
    }
  }));
  writer.close();
  const pointsPerS = Math.round((written - startCount) / ((Date.now() - t0) / 1000));
  // Each message stores SAMPLES_PER_MSG vitals points + 1 device point.
  return { pointsPerS, samplesPerS: Math.round((pointsPerS * SAMPLES_PER_MSG) / (SAMPLES_PER_MSG + 1)) };
}

async function kafkaCeiling(): Promise<{ recordsPerS: number; samplesPerS: number; mbPerS: number }> {
  const lib = execFileSync('bash', [`${REPO}infra/local/install-kafka.sh`]).toString().trim();
  const topic = `${id}.ceiling`;
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [topic], 6);
  const size = encodeBatch(makeBatch({ samples: Array.from({ length: SAMPLES_PER_MSG }, (_, i) => ({ kind: 1 + (i % 6), value: 70, unit: '', measuredAtMs: Date.now() })) })).length;
  const out = execFileSync('java', ['-Xmx256m', '-Dkafka.log.name=tools', '-cp', `${lib}/*`, 'org.apache.kafka.tools.ProducerPerformance', '--topic', topic, '--num-records', '300000', '--record-size', String(size), '--throughput', '-1',
    '--producer.config', adminClientProps(), '--producer-props', `bootstrap.servers=${E.KAFKA_BROKERS}`, 'acks=all', 'enable.idempotence=true', 'linger.ms=5', 'batch.size=65536'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 }).toString();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  const m = /([\d.]+) records\/sec \(([\d.]+) MB\/sec\)[^\n]*\n?$/.exec(out.trim()) ?? /([\d.]+) records\/sec \(([\d.]+) MB\/sec\)/.exec(out);
  const recordsPerS = Math.round(Number(m?.[1] ?? 0));
  return { recordsPerS, samplesPerS: recordsPerS * SAMPLES_PER_MSG, mbPerS: Number(m?.[2] ?? 0) };
}

// ---------------------------------------------------------------- latency
async function latency(rate: number, bkt: string, topics: { vitals: string; alerts: string }) {
  const devices = Math.min(1000, Math.max(20, Math.ceil(rate / 150)));
  const intervalMs = Math.round((devices * SAMPLES_PER_MSG * 1000) / rate);
  const batches = Math.max(2, Math.round((STEP_S * 1000) / intervalMs));
  const first = nextDevice;
  nextDevice += devices;
  const published = new Map<string, number>();
  const byDevice = new Map<string, { at: number; lastMeasured: number }[]>();
  const toKafka: number[] = [], toInflux: number[] = [], toAlert: number[] = [], probeQuery: number[] = [];
  const consumer = kafka.consumer({ groupId: `${id}-lat`, maxWaitTimeInMs: 10 });
  await consumer.connect();
  await consumer.subscribe({ topic: topics.vitals, fromBeginning: false });
  await consumer.subscribe({ topic: topics.alerts, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const now = Date.now();
      if (topic === topics.vitals) {
        const at = published.get(`${message.headers?.['device-id']}#${message.headers?.sequence}`);
        if (at) toKafka.push(now - at);
      } else {
        const a = Alert.decode(message.value!);
        // The raise only: later messages of the same alert (latched, escalated) are not alert latency.
        if (a.state !== AlertState.ALERT_STATE_OPEN || a.change !== 'raised' || !a.kind.startsWith('limit:spo2')) return;
        const b = byDevice.get(a.deviceId)?.find((x) => x.lastMeasured >= a.raisedAtMs);
        if (b) toAlert.push(now - b.at);
      }
    },
  });
  await sleep(2000);
  // Desaturations on one device in ten, staggered, so alerts happen all through the run.
  const scenarios = Array.from({ length: Math.floor(devices / 10) }, (_, i) => ({ name: 'desaturation' as const, device: i * 10 + 1, startMs: 2000 + (i * (STEP_S * 1000 - 30_000)) / Math.max(1, devices / 10), durationMs: 20_000 }));
  let probing = true;
  let probed = '';
  const probe = (async () => {
    while (probing) {
      const latest = [...published.entries()].pop();
      // Each batch is measured once. (Re-measuring the last batch after the simulation had
      // ended added a series of ever older "latencies", 0.3 to 5 s: the p95/p99 of earlier runs.)
      if (latest && latest[0] !== probed) {
        probed = latest[0];
        const [key, at] = latest;
        const [dev, seq] = key.split('#') as [string, string];
        for (let i = 0; i < 400 && probing; i++) {
          const q0 = Date.now();
          const r = await query.collectRows(flux`from(bucket: ${bkt}) |> range(start: -5m) |> filter(fn: (r) => r._measurement == "device" and r._field == "seq" and r.device_id == ${dev} and r._value == ${Number(seq)}) |> limit(n: 1)`);
          probeQuery.push(Date.now() - q0); // the probe's own cost is part of each figure: reported beside it
          if (r.length > 0) { toInflux.push(Date.now() - at); break; }
          await sleep(25);
        }
      }
      await sleep(300);
    }
  })();
  const stop = sampler({});
  await simulate({
    mqttUrl: E.MQTT_URL!, deviceSecret: E.MQTT_DEVICE_SECRET!, devices, firstDevice: first, batches, intervalMs, readingsPerBatch: READINGS, keepaliveS: 60, rampMs: intervalMs, scenarios,
    onPublish: (d, seq, at, lastMeasured) => {
      published.set(`${d}#${seq}`, at);
      const list = byDevice.get(d) ?? [];
      list.push({ at, lastMeasured });
      byDevice.set(d, list);
    },
  });
  stop();
  await sleep(5000);
  probing = false;
  await probe;
  await consumer.disconnect();
  const stats = (xs: number[]) => ({ n: xs.length, p50: median(xs), p95: pct(xs, 95), p99: pct(xs, 99) });
  return { rate, publishToKafka: stats(toKafka), publishToInflux: stats(toInflux), publishToAlert: stats(toAlert), influxProbeQuery: stats(probeQuery) };
}

// ---------------------------------------------------------------- scale
async function scale(pids: Record<string, () => number | undefined>) {
  const first = nextDevice;
  nextDevice += SCALE_DEVICES;
  log(`scale: ${SCALE_DEVICES} concurrent device connections, one batch every 30 s each, 75 s`);
  const stop = sampler(pids);
  let peak = 0;
  const watch = setInterval(() => {
    try {
      const n = readFileSync(`/proc/${mosquittoPid()}/net/tcp`, 'utf8').split('\n').length + readFileSync(`/proc/${mosquittoPid()}/net/tcp6`, 'utf8').split('\n').length;
      peak = Math.max(peak, n);
    } catch { /* ignore */ }
  }, 2000);
  const summary = await simulate({
    mqttUrl: E.MQTT_URL!, deviceSecret: E.MQTT_DEVICE_SECRET!, devices: SCALE_DEVICES, firstDevice: first, batches: 2, intervalMs: 30_000, readingsPerBatch: READINGS,
    keepaliveS: 120, rampMs: 20_000, connectConcurrency: 200,
  });
  clearInterval(watch);
  const usage = stop();
  return { devices: SCALE_DEVICES, acked: summary.acked, failed: summary.failed, durationMs: summary.durationMs, usage };
}

// ---------------------------------------------------------------- main
const results: Record<string, unknown> = {
  id,
  when: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, kernel: os.release() },
  stepSeconds: STEP_S,
  samplesPerMessage: SAMPLES_PER_MSG,
  versions: Object.fromEntries(readFileSync(`${STATE}/versions`, 'utf8').trim().split('\n').map((l) => l.split('='))),
};
const rates = (process.env.BENCH_RATES ?? '6000,12000,24000,36000,48000,60000,72000,90000').split(',').map(Number);
const stackPids = { mosquitto: mosquittoPid, kafka: pidFile('kafka'), influxdb: pidFile('influxd') };

if (!SKIP.has('ceilings')) {
  log('ceiling: broker alone (16 QoS 1 publishers, 50 in flight each, one QoS 1 subscriber, 15 s)');
  results.brokerCeiling = await brokerCeiling();
  log('  ->', results.brokerCeiling);
  log('ceiling: Kafka alone (ProducerPerformance, acks=all, idempotent, 300k records)');
  results.kafkaCeiling = await kafkaCeiling();
  log('  ->', results.kafkaCeiling);
  log('ceiling: InfluxDB alone (our line protocol, 5000-line requests, 2 in flight, 15 s)');
  results.influxCeiling = await influxCeiling();
  log('  ->', results.influxCeiling);
}

const topics = { vitals: `${id}.vitals`, status: `${id}.status`, deadLetter: `${id}.dlq`, alerts: `${id}.alerts` };
const ours = await bucket(`${id}-ours`);
const svcEnv = {
  KAFKA_TOPIC_VITALS: topics.vitals, KAFKA_TOPIC_STATUS: topics.status, KAFKA_TOPIC_DEAD_LETTER: topics.deadLetter, KAFKA_TOPIC_ALERTS: topics.alerts,
  KAFKA_TOPIC_ALERT_COMMANDS: `${id}.commands`, KAFKA_TOPIC_ALERT_STATE: `${id}.state`, KAFKA_TOPIC_PARTITIONS: '6', INFLUX_BUCKET: ours,
  MQTT_CLIENT_ID: `${id}-ingest`, MQTT_SHARE_GROUP: `${id}-share`, WRITER_GROUP_ID: `${id}-writer`, ALERTS_GROUP_ID: `${id}-alerts`,
  INFLUX_WRITE_TOKEN: '', INFLUX_READ_TOKEN: '',
};
// The services' Kafka ACL rows on the bench's names (issue 16).
await grantTestAcls({ env: E } as unknown as StackEndpoints, kafka, id, { commands: `${id}.commands`, state: `${id}.state` });
// One broker account per ingest connection, bound to its client id (issue 15).
const removeIngestAccounts = await ingestAccounts({ mqttUrl: E.MQTT_URL!, env: E }, `${id}-ingest`, 8);
const ingest = await service('ingest', svcEnv);
const writer = await service('writer', svcEnv);
const alerts = await service('alerts', svcEnv);
const ourPids = { ingest: () => ingest.pid, writer: () => writer.pid, alerts: () => alerts.pid, simulator: () => process.pid, ...stackPids };

let sustained = 0;
if (!SKIP.has('pipeline')) {
  const r = await stepUp('pipeline', rates, ours, 'device', ourPids, { alertsGroup: { groupId: `${id}-alerts`, topic: topics.vitals } });
  sustained = r.sustained;
  results.pipeline = r;
}
if (!SKIP.has('latency') && sustained > 0) {
  log(`latency at 50% of the sustained rate (${Math.round(sustained / 2)} samples/s, ${STEP_S} s)`);
  results.latency = await latency(Math.round(sustained / 2), ours, topics);
  log('  ->', JSON.stringify(results.latency));
}
if (!SKIP.has('scale')) {
  results.scale = await scale(ourPids);
  log('  ->', JSON.stringify(results.scale));
}
for (const c of [ingest, writer, alerts]) c.kill('SIGTERM');
await sleep(3000);

if (!SKIP.has('reference')) {
  nextDevice = REF_FIRST;
  log('reference pipeline: Telegraf (mqtt_consumer -> kafka, kafka_consumer -> influxdb_v2), line protocol payloads');
  const telegraf = execFileSync('bash', [`${REPO}infra/local/install-telegraf.sh`], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();
  const refTopic = `${id}.ref`;
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [refTopic], 6);
  await admin.disconnect();
  const refBucket = await bucket(`${id}-ref`);
  const brokers = E.KAFKA_BROKERS!.split(',').join('","');
  const render = (tpl: string, vars: Record<string, string>) => {
    let s = readFileSync(`${REPO}infra/telegraf/${tpl}`, 'utf8');
    for (const [k, v] of Object.entries(vars)) s = s.split(`@${k}@`).join(v);
    const out = `${STATE}/${tpl.replace('.template', '')}`;
    writeFileSync(out, s, { mode: 0o600 });
    return out;
  };
  const mqttUrl = E.MQTT_URL!.replace('mqtt://', 'tcp://');
  const ksasl = { KAFKA_USERNAME: adminSasl ? 'admin' : '', KAFKA_PASSWORD: adminSasl?.password ?? '' };
  const c1 = render('mqtt-to-kafka.conf.template', { ...ksasl, MQTT_URL: mqttUrl, MQTT_USERNAME: 'telegraf', MQTT_PASSWORD: E.MQTT_TELEGRAF_PASSWORD!, KAFKA_BROKERS: brokers, KAFKA_TOPIC: refTopic, MQTT_TOPIC: 'bench/v1/devices/+/telemetry', CLIENT_ID: E.MQTT_TELEGRAF_USERNAME! });
  const c2 = render('kafka-to-influx.conf.template', { ...ksasl, KAFKA_BROKERS: brokers, KAFKA_TOPIC: refTopic, GROUP: `${id}-telegraf`, INFLUX_URL: E.INFLUX_URL!, INFLUX_TOKEN: E.INFLUX_TOKEN!, INFLUX_ORG: E.INFLUX_ORG!, INFLUX_BUCKET: refBucket });
  const t1 = spawn(telegraf, ['--config', c1], { stdio: 'ignore' });
  const t2 = spawn(telegraf, ['--config', c2], { stdio: 'ignore' });
  children.push(t1, t2);
  await sleep(5000);
  const refPids = { 'telegraf-mqtt-kafka': () => t1.pid, 'telegraf-kafka-influx': () => t2.pid, simulator: () => process.pid, ...stackPids };
  const r = await stepUp('reference', rates, refBucket, 'device', refPids, { format: 'line', topicFor: (d: string) => `bench/v1/devices/${d}/telemetry` });
  results.reference = r;
  t1.kill('SIGTERM');
  t2.kill('SIGTERM');
}

// ---------------------------------------------------------------- report
const ceilB = (results.brokerCeiling as { samplesPerS: number } | undefined)?.samplesPerS;
const ceilK = (results.kafkaCeiling as { samplesPerS: number } | undefined)?.samplesPerS;
const ceilI = (results.influxCeiling as { samplesPerS: number } | undefined)?.samplesPerS;
const refSustained = (results.reference as { sustained: number } | undefined)?.sustained;
results.ratios = {
  oursVsReference: refSustained ? Math.round((sustained / refSustained) * 100) / 100 : null,
  oursVsBrokerCeiling: ceilB ? Math.round((sustained / ceilB) * 1000) / 1000 : null,
  oursVsKafkaCeiling: ceilK ? Math.round((sustained / ceilK) * 1000) / 1000 : null,
  oursVsMinCeiling: ceilB && ceilK ? Math.round((sustained / Math.min(ceilB, ceilK)) * 1000) / 1000 : null,
  oursVsInfluxCeiling: ceilI ? Math.round((sustained / ceilI) * 1000) / 1000 : null,
  referenceVsInfluxCeiling: ceilI && refSustained ? Math.round((refSustained / ceilI) * 1000) / 1000 : null,
};
mkdirSync(`${REPO}bench-results`, { recursive: true });
const file = `${REPO}bench-results/${results.when as string}.json`.replace(/:/g, '-');
writeFileSync(file, JSON.stringify(results, null, 2));

const md: string[] = [];
const m = results.machine as Record<string, unknown>;
md.push(`# Benchmark run ${results.when as string}`, '', `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memGb} GiB, Node ${m.node}, kernel ${m.kernel}. Versions: ${JSON.stringify(results.versions)}.`);
md.push(`Load: ${SAMPLES_PER_MSG} samples per MQTT message (5 readings of 6 vitals), QoS 1, steps of ${STEP_S} s. Pass = no publish failed, every acknowledged (device, sequence) in InfluxDB, >= 90% of the target rate achieved, backlog drained within 30 s (for ours, the alert worker's committed offsets too).`, '');
const stepTable = (title: string, r?: { steps: Step[]; sustained: number }) => {
  if (!r) return;
  md.push(`## ${title}: sustained ${r.sustained} samples/s`, '', '| target samples/s | achieved | devices | acked msgs | failed | lost | drain (s) | alert worker caught up (s) | result | CPU % / RSS MB per process |', '|---|---|---|---|---|---|---|---|---|---|');
  for (const s of r.steps) md.push(`| ${s.rate} | ${s.achieved} | ${s.devices} | ${s.acked} | ${s.failed} | ${s.lost} | ${(s.drainMs / 1000).toFixed(1)} | ${s.alertsDrainMs === undefined ? '-' : (s.alertsDrainMs / 1000).toFixed(1)} | ${s.pass ? 'pass' : 'FAIL'} | ${Object.entries(s.usage).map(([k, u]) => `${k} ${u.cpuPct}/${u.rssMb}`).join(', ')} |`);
  md.push('');
};
if (results.brokerCeiling || results.kafkaCeiling) {
  md.push('## Ceilings (same machine, same run)', '', '| part alone | messages/s | samples/s equivalent |', '|---|---|---|');
  if (results.brokerCeiling) md.push(`| Mosquitto QoS 1 publish -> subscribe (MQTT.js, 16 publishers) | ${(results.brokerCeiling as { msgsPerS: number }).msgsPerS} | ${ceilB} |`);
  if (results.kafkaCeiling) md.push(`| Kafka ProducerPerformance (acks=all, idempotent) | ${(results.kafkaCeiling as { recordsPerS: number }).recordsPerS} | ${ceilK} |`);
  if (results.influxCeiling) md.push(`| InfluxDB write API (our line protocol, 5000 lines per request; points/s in the first column) | ${(results.influxCeiling as { pointsPerS: number }).pointsPerS} | ${(results.influxCeiling as { samplesPerS: number }).samplesPerS} |`);
  md.push('');
}
stepTable('This pipeline (ingest -> Kafka -> writer -> InfluxDB, with the alert worker running)', results.pipeline as never);
stepTable('Reference: Telegraf mqtt_consumer -> kafka -> kafka_consumer -> influxdb_v2', results.reference as never);
if (results.latency) {
  const l = results.latency as Record<string, { n: number; p50: number; p95: number; p99: number }> & { rate: number };
  md.push(`## Latency at ${l.rate} samples/s (ms)`, '', '| path | n | p50 | p95 | p99 |', '|---|---|---|---|---|');
  for (const k of ['publishToKafka', 'publishToInflux', 'publishToAlert', 'influxProbeQuery'] as const) if (l[k]) md.push(`| ${k} | ${l[k].n} | ${l[k].p50} | ${l[k].p95} | ${l[k].p99} |`);
  md.push('', 'publishToAlert is measured from the publish of the batch holding the sample that completed the alarm delay. publishToInflux polls one query at a time (25 ms apart) for the newest published batch; influxProbeQuery is how long each of those queries took, so a reading can have been queryable up to one query earlier than measured.', '');
}
if (results.scale) {
  const s = results.scale as { devices: number; acked: number; failed: number; usage: Record<string, Usage> };
  md.push('## Scale', '', `${s.devices} concurrent device connections: ${s.acked} batches acknowledged, ${s.failed} failed.`, '', '| process | CPU % | peak RSS MB |', '|---|---|---|');
  for (const [k, u] of Object.entries(s.usage)) md.push(`| ${k} | ${u.cpuPct} | ${u.rssMb} |`);
  md.push('');
}
md.push('## Ratios', '', '```json', JSON.stringify(results.ratios, null, 2), '```', '', `Raw figures: \`${file.replace(REPO, '')}\`.`);
writeFileSync(`${REPO}bench-results/latest.md`, md.join('\n'));
console.log(`\n${md.join('\n')}`);
for (const c of children) c.kill('SIGTERM');

// Leave the broker as we found it: the services' persistent sessions would otherwise queue
// every later message forever (the broker's store grew to 570 MB after a few runs), and
// thousands of retained device statuses would be replayed to every new ingest (tests too).
log('cleaning up: persistent sessions and retained device statuses');
const purge = async (clientId: string, username: string, password: string) => {
  const c = await mqtt.connectAsync(E.MQTT_URL!, { username, password, clientId, clean: true, protocolVersion: 4, reconnectPeriod: 0 });
  await c.endAsync();
};
await removeIngestAccounts().catch((err: unknown) => log('  ingest accounts cleanup failed:', (err as Error).message));
await purge(E.MQTT_TELEGRAF_USERNAME!, E.MQTT_TELEGRAF_USERNAME!, E.MQTT_TELEGRAF_PASSWORD!).catch((err: unknown) => log('  telegraf session purge failed:', (err as Error).message));
{
  const admin = await mqtt.connectAsync(E.MQTT_URL!, { username: E.MQTT_ADMIN_USERNAME!, password: E.MQTT_ADMIN_PASSWORD!, clientId: `${id}-cleanup`, protocolVersion: 4 });
  const inflight = new Set<Promise<unknown>>();
  for (let n = 1; n <= POOL; n++) {
    const p = admin.publishAsync(`vitals/v1/devices/${deviceIdFor(n)}/status`, Buffer.alloc(0), { qos: 1, retain: true }).finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= 200) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  await admin.endAsync();
}
process.exit(0);
