// Ratios, cost per sample and the Markdown report (bench-results/latest.md) of one run.
// Cost per sample: CPU-seconds per million samples of each pipeline process over a step
// (from its start until its samples are stored and, for ours, evaluated), peak RSS, and
// samples per CPU-second of all the pipeline's processes, compared at the same rate.
import { mkdirSync, writeFileSync } from 'node:fs';
import { IDLE_S, median, REPO, SAMPLES_PER_MSG, STEP_S } from './context.js';
import type { BrokerSettle } from './broker-settle.js';
import type { Step } from './steps.js';
import type { Usage } from './usage.js';

/** The processes that are "the pipeline" (not the load generator, not the shared broker/Kafka/InfluxDB). */
export const PIPELINE_PROCS = { ours: ['ingest', 'writer', 'alerts'], reference: ['telegraf-mqtt-kafka', 'telegraf-kafka-influx'] } as const;

export interface StepCost {
  rate: number; perProcess: Record<string, { cpuSPerMillion: number; rssMb: number }>; cpuS: number; samplesPerCpuS: number;
  /** The pipeline's idle CPU-seconds over the step's window (idle rate x window), when the idle phase ran. */
  idleCpuS?: number;
  /** Samples per CPU-second with the idle CPU over the window taken out: the cost of the work itself. */
  samplesPerBusyCpuS?: number;
}
type Run = { steps: Step[]; sustained: number };

/** CPU-seconds per second of each process with no load (the idle phase), from its usage and length. */
export type IdleRates = Record<string, number>;
export function idleRates(idle: Record<string, Usage> | undefined): IdleRates | undefined {
  if (!idle) return undefined;
  return Object.fromEntries(Object.entries(idle).map(([k, u]) => [k, u.cpuPct / 100]));
}

export function stepCost(s: Step, procs: readonly string[], idle?: IdleRates): StepCost | null {
  const have = procs.filter((p) => s.usage[p]?.cpuS !== undefined);
  if (have.length !== procs.length || s.samplesAcked === 0) return null;
  const perProcess = Object.fromEntries(have.map((p) => [p, { cpuSPerMillion: Math.round((s.usage[p]!.cpuS! / s.samplesAcked) * 1e6 * 10) / 10, rssMb: s.usage[p]!.rssMb }]));
  const cpuS = have.reduce((n, p) => n + s.usage[p]!.cpuS!, 0);
  const out: StepCost = { rate: s.rate, perProcess, cpuS: Math.round(cpuS * 100) / 100, samplesPerCpuS: Math.round(s.samplesAcked / Math.max(cpuS, 0.01)) };
  if (idle && s.windowS !== undefined && have.every((p) => idle[p] !== undefined)) {
    const idleCpuS = have.reduce((n, p) => n + idle[p]! * s.windowS!, 0);
    out.idleCpuS = Math.round(idleCpuS * 100) / 100;
    out.samplesPerBusyCpuS = Math.round(s.samplesAcked / Math.max(cpuS - idleCpuS, 0.01));
  }
  return out;
}

/** Highest rate passed with drain (and alert worker catch-up, and the broker at rest again) under 3 s, before the first failed step. */
export function noBacklogRate(r?: Run): number | null {
  if (!r) return null;
  let best = 0;
  for (const s of r.steps) {
    if (!s.pass) break;
    if (s.drainMs < 3000 && (s.alertsDrainMs ?? 0) < 3000 && (s.broker === undefined || (s.broker.settled && s.broker.settleMs < 3000))) best = s.rate;
  }
  return best;
}

/**
 * Per rate run by both pipelines: cost of each and ours/reference in samples per CPU-second.
 * A step counts when it lost nothing and no publish failed (its CPU-seconds run until every
 * acknowledged sample was stored), even if it missed the rate or the drain limit: on a
 * broker that saves after every change both pipelines can fall short of the same rate.
 */
export function compareCost(ours?: Run, ref?: Run, idle?: { ours?: IdleRates | undefined; reference?: IdleRates | undefined }) {
  const rows: { rate: number; ours: StepCost; reference: StepCost; ratio: number }[] = [];
  for (const o of ours?.steps ?? []) {
    const r = ref?.steps.find((x) => x.rate === o.rate);
    if (!r || o.lost > 0 || r.lost > 0 || o.failed > 0 || r.failed > 0) continue;
    const co = stepCost(o, PIPELINE_PROCS.ours, idle?.ours), cr = stepCost(r, PIPELINE_PROCS.reference, idle?.reference);
    if (co && cr) rows.push({ rate: o.rate, ours: co, reference: cr, ratio: Math.round((co.samplesPerCpuS / cr.samplesPerCpuS) * 100) / 100 });
  }
  return { rows, medianRatio: rows.length ? median(rows.map((x) => x.ratio)) : null };
}

const idleOf = (results: Record<string, unknown>) => ({
  ours: idleRates(results.idle as Record<string, Usage> | undefined),
  reference: idleRates(results.referenceIdle as Record<string, Usage> | undefined),
});

export function ratios(results: Record<string, unknown>, sustained: number) {
  const ceilB = (results.brokerCeiling as { samplesPerS: number } | undefined)?.samplesPerS;
  const ceilK = (results.kafkaCeiling as { samplesPerS: number } | undefined)?.samplesPerS;
  const ceilI = (results.influxCeiling as { samplesPerS: number } | undefined)?.samplesPerS;
  const refSustained = (results.reference as Run | undefined)?.sustained;
  const nbOurs = noBacklogRate(results.pipeline as Run | undefined), nbRef = noBacklogRate(results.reference as Run | undefined);
  const cost = compareCost(results.pipeline as Run | undefined, results.reference as Run | undefined, idleOf(results));
  return {
    oursVsReference: refSustained ? Math.round((sustained / refSustained) * 100) / 100 : null,
    noBacklog: { ours: nbOurs, reference: nbRef, ratio: nbOurs && nbRef ? Math.round((nbOurs / nbRef) * 100) / 100 : null },
    samplesPerCpuSecondOursVsReference: cost.medianRatio,
    oursVsBrokerCeiling: ceilB ? Math.round((sustained / ceilB) * 1000) / 1000 : null,
    oursVsKafkaCeiling: ceilK ? Math.round((sustained / ceilK) * 1000) / 1000 : null,
    oursVsMinCeiling: ceilB && ceilK ? Math.round((sustained / Math.min(ceilB, ceilK)) * 1000) / 1000 : null,
    oursVsInfluxCeiling: ceilI ? Math.round((sustained / ceilI) * 1000) / 1000 : null,
    referenceVsInfluxCeiling: ceilI && refSustained ? Math.round((refSustained / ceilI) * 1000) / 1000 : null,
  };
}

/** The shared services, counted in neither pipeline's cost but sharing the machine's cores with it. */
export const SHARED_PROCS = ['mosquitto', 'kafka', 'influxdb'] as const;

export interface SharedPhase {
  phase: string;
  idle: boolean;
  windowS: number;
  /** CPU-seconds over the window and as % of one core. */
  parts: Record<string, { cpuS: number; pctOfCore: number }>;
  /** Mosquitto's full saves of its store over the window, per second, and the store's size at the end. */
  saves?: number; savesPerS?: number; storeKb?: number;
}

/**
 * Mosquitto, Kafka and InfluxDB in every measured phase (each pipeline's idle phase and
 * steps), so a shared service busy for reasons of its own (2026-11-30: Mosquitto at 65-71 %
 * of a core in Telegraf's idle phase, saving its store about once a second) shows in every
 * report rather than only as a slower pipeline.
 */
export function sharedPerPhase(results: Record<string, unknown>, idleS = IDLE_S): SharedPhase[] {
  const rows: SharedPhase[] = [];
  const row = (phase: string, idle: boolean, windowS: number, usage: Record<string, Usage>) => {
    const parts: SharedPhase['parts'] = {};
    for (const p of SHARED_PROCS) {
      const u = usage[p];
      if (u?.cpuS !== undefined && windowS > 0) parts[p] = { cpuS: u.cpuS, pctOfCore: Math.round((u.cpuS / windowS) * 1000) / 10 };
    }
    const m = usage.mosquitto;
    rows.push({ phase, idle, windowS, parts, ...(m?.saves !== undefined ? { saves: m.saves, savesPerS: Math.round((m.saves / windowS) * 10) / 10 } : {}), ...(m?.storeKb !== undefined ? { storeKb: m.storeKb } : {}) });
  };
  for (const [label, idleKey, runKey] of [['ours', 'idle', 'pipeline'], ['reference', 'referenceIdle', 'reference']] as const) {
    const idle = results[idleKey] as Record<string, Usage> | undefined;
    if (idle && idleS > 0) row(`${label} idle`, true, idleS, idle);
    for (const s of (results[runKey] as Run | undefined)?.steps ?? []) if (s.windowS) row(`${label} ${s.rate}/s`, false, s.windowS, s.usage);
  }
  return rows;
}

/** Idle phases where Mosquitto worked with nothing published: > 5 % of a core or a save every 5 s. */
export function brokerBusyWhileIdle(rows: SharedPhase[]): SharedPhase[] {
  return rows.filter((r) => r.idle && ((r.parts.mosquitto?.pctOfCore ?? 0) > 5 || (r.savesPerS ?? 0) > 0.2));
}

/** Writes bench-results/<time>.json and latest.md; returns the Markdown. */
export function writeReport(results: Record<string, unknown>): string {
  mkdirSync(`${REPO}bench-results`, { recursive: true });
  const file = `${REPO}bench-results/${results.when as string}.json`.replace(/:/g, '-');
  writeFileSync(file, JSON.stringify(results, null, 2));
  const md: string[] = [];
  const m = results.machine as Record<string, unknown>;
  md.push(`# Benchmark run ${results.when as string}`, '', `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memGb} GiB, Node ${m.node} (services run from ${String(m.servicesRun ?? "tsx")}), kernel ${m.kernel}, load average at start ${m.loadAvg}. Versions: ${JSON.stringify(results.versions)}.`);
  md.push(`Load: ${SAMPLES_PER_MSG} samples per MQTT message (5 readings of 6 vitals), QoS 1, steps of ${STEP_S} s. Pass = no publish failed, every acknowledged (device, sequence) in InfluxDB, >= 90% of the target rate achieved, backlog drained within 30 s (for ours, the alert worker's committed offsets too), and then the broker at rest (no save of its store for 1 s, i.e. every PUBACK read) within 30 s.`, '');
  const stepTable = (title: string, r?: Run) => {
    if (!r) return;
    md.push(`## ${title}: sustained ${r.sustained} samples/s`, '', '| target samples/s | achieved | devices | acked msgs | failed | lost | drain (s) | alert worker caught up (s) | broker at rest (s; store KB at the drain) | result | CPU % / RSS MB per process |', '|---|---|---|---|---|---|---|---|---|---|---|');
    for (const s of r.steps) md.push(`| ${s.rate} | ${s.achieved} | ${s.devices} | ${s.acked} | ${s.failed} | ${s.lost} | ${(s.drainMs / 1000).toFixed(1)} | ${s.alertsDrainMs === undefined ? '-' : (s.alertsDrainMs / 1000).toFixed(1)} | ${s.broker === undefined ? '-' : `${s.broker.settled ? (s.broker.settleMs / 1000).toFixed(1) : `NOT in ${(s.broker.settleMs / 1000).toFixed(0)}`} (${s.broker.storeKbBefore})`} | ${s.pass ? 'pass' : 'FAIL'} | ${Object.entries(s.usage).map(([k, u]) => `${k} ${u.cpuPct}/${u.rssMb}`).join(', ')} |`);
    md.push('');
  };
  if (results.brokerCeiling || results.kafkaCeiling || results.influxCeiling) {
    md.push('## Ceilings (same machine, same run)', '', '| part alone | messages/s | samples/s equivalent |', '|---|---|---|');
    if (results.brokerCeiling) { const c = results.brokerCeiling as { msgsPerS: number; samplesPerS: number }; md.push(`| Mosquitto QoS 1 publish -> subscribe (MQTT.js, 16 publishers) | ${c.msgsPerS} | ${c.samplesPerS} |`); }
    if (results.kafkaCeiling) { const c = results.kafkaCeiling as { recordsPerS: number; samplesPerS: number }; md.push(`| Kafka ProducerPerformance (acks=all, idempotent) | ${c.recordsPerS} | ${c.samplesPerS} |`); }
    if (results.influxCeiling) { const c = results.influxCeiling as { pointsPerS: number; samplesPerS: number }; md.push(`| InfluxDB write API (our line protocol, 5000 lines per request; points/s in the first column) | ${c.pointsPerS} | ${c.samplesPerS} |`); }
    md.push('');
  }
  stepTable('This pipeline (ingest -> Kafka -> writer -> InfluxDB, with the alert worker running)', results.pipeline as Run | undefined);
  stepTable('Reference: Telegraf mqtt_consumer -> kafka -> kafka_consumer -> influxdb_v2', results.reference as Run | undefined);
  for (const [title, idle] of [['ours', results.idle], ['reference', results.referenceIdle]] as const) {
    if (!idle) continue;
    md.push(`## Idle (${title}): services up, no load`, '', '| process | CPU % of one core | RSS MB |', '|---|---|---|');
    for (const [k, u] of Object.entries(idle as Record<string, Usage>)) md.push(`| ${k} | ${u.cpuPct} | ${u.rssMb} |`);
    md.push('');
  }
  if (results.broker && Object.keys(results.broker).length) {
    md.push('## Broker state at the phase boundaries (its save file)', '', 'Persistent sessions hold what they subscribe to while offline; every save rewrites the whole store. The bench starts only without sessions on the device topics (`BENCH_PURGE_SESSIONS=1` ends them).', '', '| when | store KB | stored messages | retained | persistent sessions (queued messages) |', '|---|---|---|---|---|');
    for (const [at, st] of Object.entries(results.broker as Record<string, { storeKb: number; storedMessages: number; retained: number; sessions: { clientId: string; messages: number }[] }>)) {
      md.push(`| ${at} | ${st.storeKb} | ${st.storedMessages} | ${st.retained} | ${st.sessions.map((x) => `${x.clientId} (${x.messages})`).join(', ') || '-'} |`);
    }
    md.push('');
  }
  const shared = sharedPerPhase(results);
  if (shared.length) {
    md.push('## Shared services per phase (counted in neither pipeline)', '', 'CPU-seconds over each phase\'s window (a step: from its start until its work was done) and % of one core; Mosquitto\'s full saves of its store (one per event-loop pass that saw a change, `autosave_on_changes`) and the store\'s size at the end. With nothing published (the idle phases) Mosquitto should be near 0.', '',
      '| phase | window s | Mosquitto CPU-s (% of a core) | Mosquitto saves (per s) | store KB | Kafka CPU-s (%) | InfluxDB CPU-s (%) |', '|---|---|---|---|---|---|---|');
    const f = (r: SharedPhase, p: string) => (r.parts[p] ? `${r.parts[p].cpuS} (${r.parts[p].pctOfCore})` : '-');
    for (const r of shared) md.push(`| ${r.phase} | ${r.windowS} | ${f(r, 'mosquitto')} | ${r.saves ?? '-'} (${r.savesPerS ?? '-'}) | ${r.storeKb ?? '-'} | ${f(r, 'kafka')} | ${f(r, 'influxdb')} |`);
    md.push('');
    for (const r of brokerBusyWhileIdle(shared)) md.push(`**Confound: Mosquitto worked in the ${r.phase} phase with nothing published (${r.parts.mosquitto?.pctOfCore ?? '-'} % of a core, ${r.savesPerS ?? '-'} saves/s): this run's figures for the pipeline that followed are suspect.**`, '');
  }
  const cost = compareCost(results.pipeline as Run | undefined, results.reference as Run | undefined, idleOf(results));
  if (cost.rows.length) {
    md.push('## Cost per sample (same target rate, nothing lost in either step)', '', 'CPU-seconds per million samples and peak RSS (MB) of each pipeline process, from the step\'s start until its samples were stored (and, for ours, evaluated by the alert worker); samples/s per CPU-second of the pipeline\'s processes together. Mosquitto, Kafka and InfluxDB are shared and not counted.', '',
      '| samples/s | ours: CPU-s per 1M samples / peak RSS MB | ours: samples per CPU-s | reference | reference: samples per CPU-s | ours / reference |', '|---|---|---|---|---|---|');
    const fmt = (c: StepCost) => Object.entries(c.perProcess).map(([k, v]) => `${k} ${v.cpuSPerMillion}/${v.rssMb}`).join(', ');
    for (const r of cost.rows) md.push(`| ${r.rate} | ${fmt(r.ours)} | ${r.ours.samplesPerCpuS} | ${fmt(r.reference)} | ${r.reference.samplesPerCpuS} | ${r.ratio} |`);
    md.push('', `Median ours / reference: ${cost.medianRatio}.`, '');
    if (cost.rows.some((r) => r.ours.idleCpuS !== undefined && r.reference.idleCpuS !== undefined)) {
      md.push('Idle share: each pipeline\'s idle CPU rate (the idle phase) times the step\'s window, and samples per CPU-second with it taken out (the target is judged on the gross figure above).', '',
        '| samples/s | window s | ours: idle CPU-s of total | ours: samples per busy CPU-s | reference: idle CPU-s of total | reference: samples per busy CPU-s |', '|---|---|---|---|---|---|');
      for (const r of cost.rows) md.push(`| ${r.rate} | ${(results.pipeline as Run).steps.find((x) => x.rate === r.rate)?.windowS ?? '-'} | ${r.ours.idleCpuS} of ${r.ours.cpuS} | ${r.ours.samplesPerBusyCpuS} | ${r.reference.idleCpuS} of ${r.reference.cpuS} | ${r.reference.samplesPerBusyCpuS} |`);
      md.push('');
    }
  }
  if (results.latency) {
    const l = results.latency as Record<string, { n: number; p50: number; p95: number; p99: number }> & { rate: number; devices?: number; intervalMs?: number; alarmsProvoked?: number; devicesAlerted?: number };
    md.push(`## Latency at ${l.rate} samples/s (ms)`, '');
    if (l.alarmsProvoked !== undefined) md.push(`${l.devices} devices, a batch every ${l.intervalMs} ms each; ${l.alarmsProvoked} desaturations provoked (one per device), ${l.devicesAlerted} devices raised their SpO2 alarm.`, '');
    const before = (l as unknown as { brokerBefore?: BrokerSettle }).brokerBefore;
    if (before) {
      md.push(before.settled
        ? `Before the step the broker was at rest (no save for 1 s) after ${(before.settleMs / 1000).toFixed(1)} s, store ${before.storeKbAfter} KB: a steady state.`
        : `**Before the step the broker was NOT at rest** after ${(before.settleMs / 1000).toFixed(0)} s (${before.saves} saves of its store, ${before.storeKbBefore} -> ${before.storeKbAfter} KB): these figures are its recovery from the load before, not a steady state.`, '');
    }
    const broker = (l as unknown as { broker?: { storeKbAtStart: number; storeKbAtEnd?: number; savesPerS: number; cpuPct: number } }).broker;
    if (broker) md.push(`During the step Mosquitto used ${broker.cpuPct} % of a core and saved its store ${broker.savesPerS} times a second (the broker reads one packet of each connection per save); its store went from ${broker.storeKbAtStart} to ${broker.storeKbAtEnd ?? '?'} KB.`, '');
    md.push('| path | n | p50 | p95 | p99 |', '|---|---|---|---|---|');
    for (const k of ['publishToKafka', 'publishToInflux', 'publishToAlert', 'alertBroker', 'alertIngestKafka', 'alertWorker', 'influxProbeQuery'] as const) if (l[k]) md.push(`| ${k} | ${l[k].n} | ${l[k].p50} | ${l[k].p95} | ${l[k].p99} |`);
    md.push('', 'publishToAlert is measured from the publish of the batch holding the sample that completed the alarm delay; for the same alerts, alertBroker is publish -> the ingest received it (its `received-at-ms` header), alertIngestKafka is ingest receive -> readable in Kafka, alertWorker is readable in Kafka -> the alert readable on the alerts topic (the bench consumer waits at most 10 ms per fetch). publishToInflux polls one query at a time (25 ms apart) for the newest published batch; influxProbeQuery is how long each of those queries took, so a reading can have been queryable up to one query earlier than measured.', '');
  }
  if (results.unassignedSamples !== undefined) {
    md.push(`Attribution: the ingest counted ${String(results.unassignedSamples)} samples from devices with no assignment (stored under the device only, never evaluated for alarms; 0 expected, as each step's devices are admitted and assigned before it publishes, outside the timings).`, '');
  }
  if (results.scale) {
    const s = results.scale as { devices: number; acked: number; failed: number; usage: Record<string, Usage> };
    md.push('## Scale', '', `${s.devices} concurrent device connections: ${s.acked} batches acknowledged, ${s.failed} failed.`, '', '| process | CPU % | peak RSS MB |', '|---|---|---|');
    for (const [k, u] of Object.entries(s.usage)) md.push(`| ${k} | ${u.cpuPct} | ${u.rssMb} |`);
    md.push('');
  }
  md.push('## Ratios', '', '```json', JSON.stringify(results.ratios, null, 2), '```', '', `Raw figures: \`${file.replace(REPO, '')}\`.`);
  writeFileSync(`${REPO}bench-results/latest.md`, md.join('\n'));
  return md.join('\n');
}
