// The benchmark's cost-per-sample arithmetic (test/bench/report.ts): pure, on made-up steps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareCost, noBacklogRate, PIPELINE_PROCS, stepCost } from '../bench/report.js';
import type { Step } from '../bench/steps.js';

const step = (rate: number, usage: Step['usage'], o: Partial<Step> = {}): Step => ({
  rate, devices: 20, intervalMs: 200, achieved: rate, acked: rate, samplesAcked: 1_000_000, failed: 0, lost: 0, drainMs: 0, pass: true, usage, ...o,
});

test('stepCost: CPU-seconds per million samples per process, samples per CPU-second of the pipeline', () => {
  const c = stepCost(step(6000, { ingest: { cpuPct: 10, rssMb: 100, cpuS: 5 }, writer: { cpuPct: 10, rssMb: 200, cpuS: 10 }, alerts: { cpuPct: 10, rssMb: 150, cpuS: 5 }, mosquitto: { cpuPct: 50, rssMb: 80, cpuS: 99 } }), PIPELINE_PROCS.ours)!;
  assert.deepEqual(c.perProcess, { ingest: { cpuSPerMillion: 5, rssMb: 100 }, writer: { cpuSPerMillion: 10, rssMb: 200 }, alerts: { cpuSPerMillion: 5, rssMb: 150 } });
  assert.equal(c.cpuS, 20); // the shared broker is not the pipeline's cost
  assert.equal(c.samplesPerCpuS, 50_000);
  // A process without CPU-seconds (it died) gives no cost rather than a flattering one.
  assert.equal(stepCost(step(6000, { ingest: { cpuPct: 10, rssMb: 100, cpuS: 5 } }), PIPELINE_PROCS.ours), null);
});

test('compareCost: same target rate, steps that lost nothing; ratio ours / reference', () => {
  const ours = { sustained: 6000, steps: [
    step(3000, { ingest: { cpuPct: 1, rssMb: 1, cpuS: 10 }, writer: { cpuPct: 1, rssMb: 1, cpuS: 5 }, alerts: { cpuPct: 1, rssMb: 1, cpuS: 5 } }),
    step(6000, { ingest: { cpuPct: 1, rssMb: 1, cpuS: 5 }, writer: { cpuPct: 1, rssMb: 1, cpuS: 5 }, alerts: { cpuPct: 1, rssMb: 1, cpuS: 10 } }, { pass: false }),
    step(12000, { ingest: { cpuPct: 1, rssMb: 1, cpuS: 1 }, writer: { cpuPct: 1, rssMb: 1, cpuS: 1 }, alerts: { cpuPct: 1, rssMb: 1, cpuS: 1 } }, { lost: 1 }),
  ] };
  const ref = { sustained: 0, steps: [
    step(3000, { 'telegraf-mqtt-kafka': { cpuPct: 1, rssMb: 1, cpuS: 6 }, 'telegraf-kafka-influx': { cpuPct: 1, rssMb: 1, cpuS: 4 } }, { pass: false }),
    step(6000, { 'telegraf-mqtt-kafka': { cpuPct: 1, rssMb: 1, cpuS: 5 }, 'telegraf-kafka-influx': { cpuPct: 1, rssMb: 1, cpuS: 5 } }),
    step(12000, { 'telegraf-mqtt-kafka': { cpuPct: 1, rssMb: 1, cpuS: 5 }, 'telegraf-kafka-influx': { cpuPct: 1, rssMb: 1, cpuS: 5 } }),
  ] };
  const c = compareCost(ours, ref);
  // 12000 is left out (ours lost a reading); a missed rate does not exclude a step.
  assert.deepEqual(c.rows.map((r) => [r.rate, r.ratio]), [[3000, 0.5], [6000, 0.5]]);
  assert.equal(c.medianRatio, 0.5);
});

test('noBacklogRate: highest passed rate with drain and alert catch-up under 3 s, before the first failure', () => {
  const run = { sustained: 12000, steps: [
    step(3000, {}, { drainMs: 100, alertsDrainMs: 200 }),
    step(6000, {}, { drainMs: 6800 }),
    step(12000, {}, { drainMs: 0, alertsDrainMs: 3500 }),
    step(24000, {}, { pass: false, drainMs: 0 }),
    step(48000, {}, { drainMs: 0 }),
  ] };
  assert.equal(noBacklogRate(run), 3000);
  assert.equal(noBacklogRate(undefined), null);
});
