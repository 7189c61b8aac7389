// The benchmark's shared context: the local stack (started, provisioned with enough device
// accounts, Mosquitto with enough open files), its clients, the knobs (BENCH_*), the services
// it runs as real processes (through test/helpers/process.ts) and the device numbering.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { flux, InfluxDB, type QueryApi } from '@influxdata/influxdb-client';
import type { Kafka } from 'kafkajs';
import { loadEnv } from '../../services/common/env-file.js';
import { tempBucket } from '../helpers/influx.js';
import { startService, waitForLog, type ServiceProcess } from '../helpers/process.js';
import { REPO_ROOT, kafkaFor, stack, type StackEndpoints } from '../helpers/stack.js';

export { flux };
export const REPO = REPO_ROOT;
export const STATE = process.env.VITALS_STACK_DIR ?? `${REPO}.stack`;
export const STEP_S = Number(process.env.BENCH_STEP_S ?? 60);
/** Seconds of the idle measurement (services up, no load) before each pipeline's steps; 0 skips it. */
export const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 60);
export const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
export const RUNTIME = process.env.BENCH_RUNTIME ?? 'dist';
if (!['dist', 'tsx'].includes(RUNTIME)) throw new Error(`BENCH_RUNTIME=${RUNTIME}: dist or tsx`);
export const READINGS = 5; // readings of 6 vitals per message: 30 samples, a device batching 5 s of 1 Hz data
export const SAMPLES_PER_MSG = READINGS * 6;
export const SCALE_DEVICES = Number(process.env.BENCH_SCALE_DEVICES ?? 10_000);
// Device ranges: ours from 1, the reference from REF_FIRST, the broker ceiling's publishers at the top.
export const POOL = SCALE_DEVICES + 15_000;
export const REF_FIRST = SCALE_DEVICES + 5_001;
export const CEIL_FIRST = POOL - 20;

export const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
export const median = (xs: number[]) => pct(xs, 50);

export interface Bench {
  id: string;
  s: StackEndpoints;
  /** The stack's env file (endpoints and the test accounts' secrets). */
  E: Record<string, string>;
  kafka: Kafka;
  query: QueryApi;
  mosquittoPid: () => number;
  pidFile: (name: string) => () => number | undefined;
  /**
   * Reserves `n` fresh device numbers (each step uses new devices) and, while a provisioner is
   * set ({@link provisionWith}), admits their patients and assigns them before resolving: call
   * it before a step's clock or meter starts, so provisioning is in no measured figure.
   */
  devices: (n: number) => Promise<number>;
  /** What `devices` runs on each new range (our pipeline: the patient registry); null: nothing (the reference pipeline). */
  provisionWith: (fn: ((first: number, count: number) => Promise<void>) | null) => void;
  /** Every device number handed out so far, as [first, last] ranges. */
  used: () => [number, number][];
  setNextDevice: (n: number) => void;
  bucket: (name: string) => Promise<string>;
  /** Starts `vitals <name>` as a real process and resolves once its ops server listens. */
  service: (name: string, env: Record<string, string>) => Promise<ServiceProcess>;
  /** Kills every process the bench started. */
  close: () => Promise<void>;
}

export async function openBench(): Promise<Bench> {
  execFileSync('bash', [`${REPO}infra/local/stack.sh`, 'up'], { stdio: 'inherit' });
  const pool = Number(loadEnv(process.env, `${STATE}/env`).MQTT_DEVICE_POOL ?? 200);
  if (pool < POOL) {
    log(`provisioning ${POOL} device accounts`);
    execFileSync('bash', [`${REPO}infra/local/stack.sh`, 'provision', String(POOL)], { stdio: 'inherit' });
  }
  const mosquittoPid = () => Number(readFileSync(`${STATE}/run/mosquitto.pid`, 'utf8'));
  const files = /Max open files\s+(\d+)/.exec(readFileSync(`/proc/${mosquittoPid()}/limits`, 'utf8'));
  if (!files || Number(files[1]) < SCALE_DEVICES + 1000) {
    log('restarting mosquitto with a higher open-file limit');
    execFileSync('bash', [`${REPO}infra/local/stack.sh`, 'restart', 'mosquitto'], { stdio: 'inherit' });
  }
  const s = await stack();
  const E = { ...s.env } as Record<string, string>;
  const id = `bench-${Date.now().toString(36)}`;
  // The bench's own tools connect as the stack's Kafka `admin` (issue 16); its services as their own principals.
  const kafka = kafkaFor(s, id);
  const query = new InfluxDB({ url: s.influx.url, token: s.influx.token, timeout: 120_000 }).getQueryApi(s.influx.org);
  const afters: (() => unknown)[] = [];
  const procs: (ServiceProcess & { name: string })[] = [];
  process.on('exit', () => { for (const p of procs) p.child.kill('SIGKILL'); });
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the services under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // BENCH_RUNTIME: dist (default) runs the services as production does, compiled by
  // `npm run build` (built here, once); tsx runs the TypeScript sources as the tests do.
  // tsx's esbuild transform keeps function names with a call per closure it creates, a cost
  // only the development path pays.
  const built = RUNTIME === 'dist';
  if (built) execFileSync(process.execPath, [`${REPO}scripts/build.mjs`], { stdio: 'inherit' });
  let nextDevice = 1;
  let provision: ((first: number, count: number) => Promise<void>) | null = null;
  let stopping = false;
  const used: [number, number][] = [];
  return {
    id, s, E, kafka, query, mosquittoPid,
    pidFile: (name) => () => { try { return Number(readFileSync(`${STATE}/run/${name}.pid`, 'utf8')); } catch { return undefined; } },
    async devices(n) {
      const first = nextDevice;
      nextDevice += n;
      used.push([first, first + n - 1]);
      if (provision) {
        const t0 = Date.now();
        await provision(first, n);
        log(`  provisioned devices ${first}-${first + n - 1} in the patient registry (${((Date.now() - t0) / 1000).toFixed(1)} s, not measured)`);
      }
      return first;
    },
    provisionWith: (fn) => { provision = fn; },
    used: () => [...used],
    setNextDevice: (n) => { nextDevice = n; },
    // Buckets stay after the run, for inspection (as before the split).
    bucket: async (name) => (await tempBucket(s, name)).bucket,
    async service(name, env) {
      const t = { after: (fn: unknown) => { afters.push(fn as () => unknown); } } as unknown as Pick<TestContext, 'after'>;
      const p = startService(t, name, env, { nodeArgs, built });
      procs.push(Object.assign(p, { name }));
      // A service that dies mid-run is named at once (its figures would silently go missing).
      p.child.once('exit', (code, signal) => { if (!stopping) log(`${name} exited (${code ?? signal}); log in bench-results/${id}-${name}.log`); });
      await waitForLog(p, 'opsPort', 120_000);
      return p;
    },
    async close() {
      stopping = true;
      for (const p of procs) await p.kill('SIGTERM');
      mkdirSync(`${REPO}bench-results`, { recursive: true });
      for (const p of procs) writeFileSync(`${REPO}bench-results/${id}-${p.name}.log`, p.output());
      for (const fn of afters) await fn();
    },
  };
}
