// CPU and memory of the processes under test, read from /proc: CPU % of one core and
// CPU-seconds over a window, peak RSS sampled every second. The cost per sample of each
// pipeline is derived from these (report.ts).
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { STATE } from './context.js';

export interface Usage {
  /** % of one core over the publishing window. */
  cpuPct: number;
  /** Peak resident set, MB. */
  rssMb: number;
  /** CPU-seconds from the step's start until its backlog drained (all the work for its samples). */
  cpuS?: number;
  /**
   * Mosquitto only: full saves of its in-memory store over the window (its log's "Saving
   * in-memory database" lines; with `autosave_on_changes` one per event-loop pass that saw a
   * change) and the store file's size at the end, KB. A broker that saves while nothing is
   * published is a confound: it takes CPU from whichever pipeline runs (docs/benchmarks.md).
   */
  saves?: number;
  storeKb?: number;
}
export type Pids = Record<string, () => number | undefined>;

export const MOSQUITTO_LOG = `${STATE}/logs/mosquitto.log`;
export const MOSQUITTO_DB = `${STATE}/mosquitto/data/mosquitto.db`;
const size = (f: string) => { try { return statSync(f).size; } catch { return 0; } };
/** "Saving in-memory database" lines Mosquitto logged after byte `from` of its log (from 0 if the log was rotated). */
export function savesSince(from: number, log = MOSQUITTO_LOG): number {
  const end = size(log);
  const start = end < from ? 0 : from;
  if (end <= start) return 0;
  const fd = openSync(log, 'r');
  try {
    const buf = Buffer.alloc(end - start);
    readSync(fd, buf, 0, buf.length, start);
    return buf.toString('utf8').split('Saving in-memory database').length - 1;
  } finally {
    closeSync(fd);
  }
}

const CLK = 100; // clock ticks per second (USER_HZ)
function procStat(pid: number): { cpu: number; rss: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    return { cpu: (Number(stat[11]) + Number(stat[12])) / CLK, rss };
  } catch { return null; }
}

/**
 * Starts measuring `pids`. `stop()` returns CPU % and peak RSS since the start (the
 * publishing window); `finish(usage)` then adds each process's CPU-seconds up to now (after
 * the drain) and stops sampling.
 */
export function sampler(pids: Pids) {
  const first: Record<string, number> = {};
  const rssMax: Record<string, number> = {};
  const t0 = Date.now();
  const logAt = 'mosquitto' in pids ? size(MOSQUITTO_LOG) : 0;
  for (const [k, f] of Object.entries(pids)) { const pid = f(); const s = pid ? procStat(pid) : null; if (s) first[k] = s.cpu; }
  const timer = setInterval(() => {
    for (const [k, f] of Object.entries(pids)) { const pid = f(); const s = pid ? procStat(pid) : null; if (s) rssMax[k] = Math.max(rssMax[k] ?? 0, s.rss); }
  }, 1000);
  const stop = (): Record<string, Usage> => {
    const out: Record<string, Usage> = {};
    const dt = (Date.now() - t0) / 1000;
    for (const [k, f] of Object.entries(pids)) {
      const pid = f(); const s = pid ? procStat(pid) : null;
      if (s && first[k] !== undefined) out[k] = { cpuPct: Math.round(((s.cpu - first[k]!) / dt) * 1000) / 10, rssMb: Math.round(Math.max(rssMax[k] ?? 0, s.rss)) };
    }
    return out;
  };
  const finish = (usage: Record<string, Usage>): Record<string, Usage> => {
    clearInterval(timer);
    for (const [k, f] of Object.entries(pids)) {
      const pid = f(); const s = pid ? procStat(pid) : null;
      if (s && first[k] !== undefined && usage[k]) {
        usage[k]!.cpuS = Math.round((s.cpu - first[k]!) * 100) / 100;
        usage[k]!.rssMb = Math.round(Math.max(rssMax[k] ?? 0, s.rss, usage[k]!.rssMb));
      }
    }
    if (usage.mosquitto) {
      usage.mosquitto.saves = savesSince(logAt);
      usage.mosquitto.storeKb = Math.round(size(MOSQUITTO_DB) / 1024);
    }
    return usage;
  };
  return { stop, finish };
}

/**
 * Idle cost (issue 17): CPU-seconds per second (as % of one core) and RSS of each process over
 * `seconds` with the services up and no load. A pipeline's fixed cost weighs on its cost per
 * sample in proportion to the step's length divided by its samples, so it is reported apart.
 */
export async function idleUsage(pids: Pids, seconds: number): Promise<Record<string, Usage>> {
  const meter = sampler(pids);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return meter.finish(meter.stop());
}

/** A warning when Mosquitto worked in an idle window (nothing published), else null: a confound for the phase that follows. */
export function brokerIdleWarning(label: string, idle: Record<string, Usage>, seconds: number): string | null {
  const m = idle.mosquitto;
  if (!m || m.cpuS === undefined || seconds <= 0) return null;
  const pct = (m.cpuS / seconds) * 100, perS = (m.saves ?? 0) / seconds;
  if (pct <= 5 && perS <= 0.2) return null;
  return `WARNING: Mosquitto busy in the ${label} idle phase with nothing published: ${pct.toFixed(1)} % of a core, ${m.saves ?? '?'} saves of its store (${m.storeKb ?? '?'} KB) in ${seconds} s; the figures that follow are suspect (docs/benchmarks.md)`;
}
