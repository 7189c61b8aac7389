// CPU and memory of the processes under test, read from /proc: CPU % of one core and
// CPU-seconds over a window, peak RSS sampled every second. The cost per sample of each
// pipeline is derived from these (report.ts).
import { readFileSync } from 'node:fs';

export interface Usage {
  /** % of one core over the publishing window. */
  cpuPct: number;
  /** Peak resident set, MB. */
  rssMb: number;
  /** CPU-seconds from the step's start until its backlog drained (all the work for its samples). */
  cpuS?: number;
}
export type Pids = Record<string, () => number | undefined>;

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
