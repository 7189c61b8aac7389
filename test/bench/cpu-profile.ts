// Summarises V8 CPU profiles (`--cpu-prof`, e.g. from BENCH_NODE_ARGS="--cpu-prof
// --cpu-prof-dir=/tmp/prof"): busy time, GC share, self time by package and by function, and
// inclusive time of the heaviest functions, so a profile can be read and quoted without a GUI.
// Usage: tsx test/bench/cpu-profile.ts FILE.cpuprofile... [--top 25]
import { readFileSync } from 'node:fs';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface Summary {
  wallMs: number;
  busyMs: number;
  gcMs: number;
  byPackage: [string, number][];
  selfByFunction: [string, number][];
  totalByFunction: [string, number][];
}

/** Where a frame's code lives: a package, a file of ours, node's own code or a V8 pseudo-frame. */
export function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const ours = /\/((?:services|proto|test)\/.*)$/.exec(url);
  return ours ? ours[1]! : url;
}

const frameKey = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${packageOf(f.url, f.functionName)}:${f.lineNumber + 1}`;

export function summarise(p: CpuProfile, top = 25): Summary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const byPackage = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  let idle = 0, gc = 0, total = 0;
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    total += us;
    if (f.functionName === '(idle)') { idle += us; continue; }
    if (f.functionName === '(garbage collector)') gc += us;
    add(byPackage, packageOf(f.url, f.functionName), us);
    add(selfByFunction, frameKey(f), us);
    // Inclusive: each function once per sample, however deep its recursion.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = frameKey(byId.get(at)!.callFrame);
      if (!seen.has(k)) { seen.add(k); add(totalByFunction, k, us); }
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => [k, v / 1000] as [string, number]);
  return { wallMs: total / 1000, busyMs: (total - idle) / 1000, gcMs: gc / 1000, byPackage: sorted(byPackage), selfByFunction: sorted(selfByFunction), totalByFunction: sorted(totalByFunction) };
}

function print(file: string, s: Summary): void {
  const pctOf = (ms: number) => `${((100 * ms) / s.busyMs).toFixed(1)}%`;
  console.log(`\n== ${file}\nwall ${(s.wallMs / 1000).toFixed(1)} s, busy ${(s.busyMs / 1000).toFixed(1)} s (${((100 * s.busyMs) / s.wallMs).toFixed(1)}% of one core), GC ${(s.gcMs / 1000).toFixed(2)} s (${pctOf(s.gcMs)} of busy)`);
  for (const [title, rows] of [['self time by package', s.byPackage], ['self time by function', s.selfByFunction], ['inclusive time by function', s.totalByFunction]] as const) {
    console.log(`-- ${title} (ms, % of busy)`);
    for (const [k, ms] of rows) console.log(`${ms.toFixed(0).padStart(8)} ${pctOf(ms).padStart(6)}  ${k}`);
  }
}

if (process.argv[1]?.endsWith('cpu-profile.ts')) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 25;
  for (const file of args) print(file, summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top));
}
