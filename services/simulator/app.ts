// `vitals simulate` as a library: a fleet of simulated wearables (device.ts) started in waves,
// with their scenarios, and one summary of what was sent, acknowledged and failed. The run's
// options and summary shapes are in options.ts; the physiology in physiology.ts.
import { deviceIdFor, patientIdFor } from '../common/device-credentials.js';
import { runDevice, sleep } from './device.js';
import type { DeviceSummary, Progress, SimulateOptions, SimulationSummary } from './options.js';

export type { DeviceSummary, Progress, ScenarioSpec, SimulateOptions, SimulationSummary } from './options.js';

/** Runs the simulation and resolves with the summary (what was sent, acknowledged, failed). */
export async function simulate(o: SimulateOptions): Promise<SimulationSummary> {
  const first = o.firstDevice ?? 1;
  const started = Date.now();
  const progress: Progress = { planned: o.devices * o.batches, sent: 0, acked: 0, failed: 0 };
  const tick = setInterval(() => o.onProgress?.({ ...progress }), 500);

  // Connect in waves so thousands of devices do not all dial at once.
  const concurrency = o.connectConcurrency ?? 100;
  const results: Promise<DeviceSummary>[] = [];
  for (let i = 0; i < o.devices; i++) {
    results.push(runDevice(o, i, progress, started));
    if ((i + 1) % concurrency === 0) await sleep(50);
  }
  const settled = await Promise.allSettled(results);
  clearInterval(tick);
  const perDevice: DeviceSummary[] = [];
  for (const [i, r] of settled.entries()) {
    if (r.status === 'fulfilled') perDevice.push(r.value);
    else {
      progress.failed += o.batches;
      perDevice.push({ deviceId: deviceIdFor(first + i), patientId: patientIdFor(first + i), lastSequence: 0, acked: [], failed: o.batches, samplesAcked: 0 });
    }
  }
  o.onProgress?.({ ...progress });
  return {
    devices: o.devices,
    sent: progress.sent,
    acked: perDevice.reduce((n, d) => n + d.acked.reduce((m, [a, b]) => m + b - a + 1, 0), 0),
    failed: progress.failed,
    samplesAcked: perDevice.reduce((n, d) => n + d.samplesAcked, 0),
    durationMs: Date.now() - started,
    perDevice,
  };
}
