// Stepped throughput: one step publishes a target rate of samples for BENCH_STEP_S with new
// devices, then waits for every acknowledged (device, sequence) to be queryable (and, for
// ours, for the alert worker to commit the end of the vitals topic). stepUp raises the rate
// until a step fails. Also the scale step (many concurrent device connections).
import { readFileSync } from 'node:fs';
import { simulate, type SimulationSummary } from '../../services/simulator/app.js';
import { flux, log, READINGS, SAMPLES_PER_MSG, SCALE_DEVICES, sleep, STEP_S, type Bench } from './context.js';
import { brokerSettle, type BrokerSettle } from './broker-settle.js';
import { MOSQUITTO_DB, MOSQUITTO_LOG, sampler, type Pids, type Usage } from './usage.js';

/**
 * The step's devices are new and its data starts at `sinceMs`, so a time range selects it
 * without a device filter (Flux `contains()` over hundreds of ids cost seconds per poll at
 * high rates, inflating the drain time it was measuring, for both pipelines alike).
 */
async function storedCount(b: Bench, bkt: string, measurement: string, sinceMs: number): Promise<number> {
  const rows = await b.query.collectRows<{ _value: number }>(flux`from(bucket: ${bkt}) |> range(start: ${new Date(sinceMs)}) |> filter(fn: (r) => r._measurement == ${measurement} and r._field == "seq") |> group() |> count()`);
  return rows[0]?._value ?? 0;
}
async function storedSeqs(b: Bench, bkt: string, measurement: string, sinceMs: number): Promise<Set<string>> {
  const rows = await b.query.collectRows<{ device_id: string; _value: number }>(flux`from(bucket: ${bkt}) |> range(start: ${new Date(sinceMs)}) |> filter(fn: (r) => r._measurement == ${measurement} and r._field == "seq") |> group() |> keep(columns: ["device_id", "_value"])`);
  return new Set(rows.map((r) => `${r.device_id}#${r._value}`));
}
export function ackedSet(s: SimulationSummary): Set<string> {
  const out = new Set<string>();
  for (const d of s.perDevice) for (const [a, b] of d.acked) for (let q = a; q <= b; q++) out.add(`${d.deviceId}#${q}`);
  return out;
}
/**
 * Time until every acknowledged (device, sequence) of the step is queryable: a cheap count
 * is polled every 500 ms; once it is high enough, the exact set is checked (and polling
 * goes on if a reading is missing). Returns the readings still missing at the timeout.
 */
async function drained(b: Bench, bkt: string, s: SimulationSummary, measurement: string, sinceMs: number, timeoutMs: number): Promise<{ lost: number; drainMs: number }> {
  const want = ackedSet(s);
  const t0 = Date.now();
  let have = new Set<string>();
  while (Date.now() - t0 < timeoutMs) {
    if (await storedCount(b, bkt, measurement, sinceMs) >= want.size) {
      const drainMs = Date.now() - t0;
      have = await storedSeqs(b, bkt, measurement, sinceMs);
      if ([...want].every((k) => have.has(k))) return { lost: 0, drainMs };
    }
    await sleep(500);
  }
  have = await storedSeqs(b, bkt, measurement, sinceMs);
  return { lost: [...want].filter((k) => !have.has(k)).length, drainMs: Date.now() - t0 };
}

/** Time until a consumer group has committed up to the topic's end (the alert worker keeps up too). */
export async function groupCaughtUp(b: Bench, groupId: string, topic: string, timeoutMs: number): Promise<number> {
  const admin = b.kafka.admin();
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

export interface Step { rate: number; devices: number; intervalMs: number; achieved: number; acked: number; samplesAcked: number; failed: number; lost: number; drainMs: number; alertsDrainMs?: number; unassigned?: number; pass: boolean;
  /** Seconds from the step's start until its work was done (the CPU-seconds window). */
  windowS?: number; usage: Record<string, Usage>;
  /** After the drain: how long the broker took to be at rest (its subscribers' PUBACKs all read; broker-settle.ts). */
  broker?: BrokerSettle }
/** `unassigned`: the ingest's count of samples from devices with no assignment (ours: a step that adds any fails, its alarms went unevaluated). */
export type StepOpts = { format?: 'protobuf' | 'line'; topicFor?: (d: string) => string; durationS?: number; alertsGroup?: { groupId: string; topic: string }; unassigned?: () => Promise<number> };

/** Device count and publish interval for a rate: about 150 samples/s per device, 20 to 1000 devices. */
export function shape(rate: number, stepS: number) {
  const devices = Math.min(1000, Math.max(20, Math.ceil(rate / 150)));
  const intervalMs = Math.round((devices * SAMPLES_PER_MSG * 1000) / rate);
  const batches = Math.max(2, Math.round((stepS * 1000) / intervalMs));
  return { devices, intervalMs, batches };
}

export async function step(b: Bench, label: string, rate: number, bkt: string, measurement: string, pids: Pids, opts: StepOpts = {}): Promise<Step> {
  const stepS = opts.durationS ?? STEP_S;
  const { devices, intervalMs, batches } = shape(rate, stepS);
  const first = await b.devices(devices);
  log(`${label}: ${rate} samples/s (${devices} devices, every ${intervalMs} ms, ${batches} batches each, ${stepS} s)`);
  const unassignedBefore = await opts.unassigned?.();
  const meter = sampler(pids);
  const t0 = Date.now();
  let last = 0;
  const summary = await simulate({
    mqttUrl: b.E.MQTT_URL!, deviceSecret: b.E.MQTT_DEVICE_SECRET!, devices, firstDevice: first, batches, intervalMs, readingsPerBatch: READINGS, keepaliveS: 60, rampMs: intervalMs,
    ...(opts.format ? { format: opts.format } : {}),
    ...(opts.topicFor ? { topicFor: opts.topicFor } : {}),
    onProgress: (p) => { if (process.stdout.isTTY && Date.now() - last > 5000) { last = Date.now(); log(`  sent ${p.sent} acked ${p.acked} failed ${p.failed}`); } },
  });
  const elapsed = (Date.now() - t0) / 1000;
  const usage = meter.stop();
  const achieved = Math.round(summary.samplesAcked / elapsed);
  const endedAt = Date.now();
  // Both waits at once (our alert worker must keep up as well: its committed offsets reach the
  // end of the vitals topic), so the window of ours does not grow by a second wait in series
  // that the reference has not: the same rule for both, step start -> its work done.
  const [{ lost, drainMs }, alertsDrainMs] = await Promise.all([
    drained(b, bkt, summary, measurement, t0, 90_000),
    opts.alertsGroup ? groupCaughtUp(b, opts.alertsGroup.groupId, opts.alertsGroup.topic, 60_000).then((ms) => (ms === Infinity ? Infinity : Date.now() - endedAt)) : Promise.resolve(undefined),
  ]);
  // CPU-seconds up to here: the step's samples are all stored (and evaluated) by now.
  meter.finish(usage);
  const windowS = Math.round((Date.now() - t0) / 100) / 10;
  const unassigned = opts.unassigned && unassignedBefore !== undefined ? (await opts.unassigned()) - unassignedBefore : undefined;
  // The broker's own backlog, after the drain and outside the CPU window: a subscriber can have
  // every message while the broker has not read its PUBACKs (broker-settle.ts); a broker left
  // saving a growing store did not sustain the rate, and the next step (or the latency step)
  // would measure its recovery, not its own load. The same 30 s as the drain.
  const broker = await brokerSettle(MOSQUITTO_LOG, MOSQUITTO_DB, { timeoutMs: 30_000 });
  const pass = summary.failed === 0 && lost === 0 && achieved >= rate * 0.9 && drainMs < 30_000 && (alertsDrainMs ?? 0) < 30_000 && (unassigned ?? 0) === 0 && broker.settled;
  log(`  -> achieved ${achieved}/s, acked ${summary.acked}, failed ${summary.failed}, lost ${lost}, drained in ${(drainMs / 1000).toFixed(1)} s${alertsDrainMs !== undefined ? `, alert worker caught up in ${(alertsDrainMs / 1000).toFixed(1)} s` : ''}${unassigned ? `, ${unassigned} samples of unassigned devices` : ''}, broker ${broker.settled ? `at rest in ${(broker.settleMs / 1000).toFixed(1)} s` : `NOT at rest after ${(broker.settleMs / 1000).toFixed(0)} s (${broker.saves} saves, store ${broker.storeKbBefore} -> ${broker.storeKbAfter} KB)`}: ${pass ? 'PASS' : 'FAIL'}`);
  log(`     CPU-s over ${windowS} s: ${Object.entries(usage).map(([k, u]) => `${k} ${u.cpuS}`).join(', ')}${usage.mosquitto?.saves !== undefined ? `; Mosquitto saved its store ${usage.mosquitto.saves} times (${usage.mosquitto.storeKb} KB)` : ''}`);
  return { rate, devices, intervalMs, achieved, acked: summary.acked, samplesAcked: summary.samplesAcked, failed: summary.failed, lost, drainMs, ...(alertsDrainMs !== undefined ? { alertsDrainMs } : {}), ...(unassigned !== undefined ? { unassigned } : {}), pass, windowS, usage, broker };
}

export async function stepUp(b: Bench, label: string, rates: number[], bkt: string, measurement: string, pids: Pids, opts: StepOpts = {}): Promise<{ steps: Step[]; sustained: number }> {
  // Warm-up (not reported): consumer groups joined, JIT warm, connections open.
  await step(b, `${label} warm-up`, rates[0]!, bkt, measurement, pids, { ...opts, durationS: 15 });
  const steps: Step[] = [];
  let sustained = 0;
  for (const rate of rates) {
    const s = await step(b, label, rate, bkt, measurement, pids, opts);
    steps.push(s);
    if (!s.pass) break;
    sustained = rate;
  }
  return { steps, sustained };
}

/** SCALE_DEVICES concurrent device connections, one batch every 30 s each. */
export async function scale(b: Bench, pids: Pids) {
  const first = await b.devices(SCALE_DEVICES);
  log(`scale: ${SCALE_DEVICES} concurrent device connections, one batch every 30 s each, 75 s`);
  const meter = sampler(pids);
  let peak = 0;
  const watch = setInterval(() => {
    try {
      const n = readFileSync(`/proc/${b.mosquittoPid()}/net/tcp`, 'utf8').split('\n').length + readFileSync(`/proc/${b.mosquittoPid()}/net/tcp6`, 'utf8').split('\n').length;
      peak = Math.max(peak, n);
    } catch { /* ignore */ }
  }, 2000);
  const summary = await simulate({
    mqttUrl: b.E.MQTT_URL!, deviceSecret: b.E.MQTT_DEVICE_SECRET!, devices: SCALE_DEVICES, firstDevice: first, batches: 2, intervalMs: 30_000, readingsPerBatch: READINGS,
    keepaliveS: 120, rampMs: 20_000, connectConcurrency: 200,
  });
  clearInterval(watch);
  const usage = meter.finish(meter.stop());
  return { devices: SCALE_DEVICES, acked: summary.acked, failed: summary.failed, durationMs: summary.durationMs, usage };
}
