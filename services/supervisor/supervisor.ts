// Runs the pipeline's services as child processes: waits for each one's readiness, restarts
// a crashed one with capped exponential backoff, and stops them in a given order.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildSpec {
  /** Short name, used as the log prefix. */
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Resolves true once the child is ready (e.g. its /readyz answers 200). */
  ready: () => Promise<boolean>;
  /** A child that ends by itself with code 0 (a finite simulation) is not restarted. */
  restartOnCleanExit?: boolean;
}

export type SpawnFn = (command: string, args: string[], options: SpawnOptions) => ChildProcess;

export interface SupervisorEvents {
  /** One line of a child's stdout or stderr. */
  line(name: string, stream: 'stdout' | 'stderr', text: string): void;
  /** The supervisor's own messages. */
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface SupervisorOptions {
  command: string;
  cwd: string;
  spawn: SpawnFn;
  events: SupervisorEvents;
  /** @defaultValue 1000 (ms) */
  backoffInitialMs?: number;
  /** @defaultValue 30_000 (ms) */
  backoffMaxMs?: number;
  /** A child that ran this long before crashing starts again from the initial delay. @defaultValue 60_000 (ms) */
  stableMs?: number;
  /** Grace period after SIGTERM before SIGKILL; services drain within 30 s. @defaultValue 35_000 (ms) */
  stopGraceMs?: number;
  /** @defaultValue 120_000 (ms) */
  readyTimeoutMs?: number;
}

interface Managed {
  spec: ChildSpec;
  child: ChildProcess | null;
  startedAt: number;
  attempt: number;
  stopping: boolean;
  restartTimer: NodeJS.Timeout | null;
  exited: Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Supervisor {
  /** Starts a child and resolves once it is ready; rejects if it cannot get ready in time. */
  start(spec: ChildSpec): Promise<void>;
  /** Stops children group by group: every child of a group gets SIGTERM together. */
  stop(order: string[][]): Promise<void>;
  /** The running children's pids by name. */
  pids(): Record<string, number>;
  restarts(name: string): number;
}

export function createSupervisor(o: SupervisorOptions): Supervisor {
  const initial = o.backoffInitialMs ?? 1_000;
  const max = o.backoffMaxMs ?? 30_000;
  const stableMs = o.stableMs ?? 60_000;
  const grace = o.stopGraceMs ?? 35_000;
  const managed = new Map<string, Managed>();
  const restartCount = new Map<string, number>();

  function launch(m: Managed): void {
    // Own process group: a Ctrl-C on the terminal reaches only the supervisor, which then stops
    // the children in order. A child whose supervisor dies stops itself (services/cli.ts).
    const child = o.spawn(o.command, m.spec.args, { cwd: o.cwd, env: { ...m.spec.env, VITALS_SUPERVISOR_PID: String(process.pid) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    m.child = child;
    m.startedAt = Date.now();
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: child[stream]!, crlfDelay: Infinity }).on('line', (text) => o.events.line(m.spec.name, stream, text));
    }
    m.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        m.child = null;
        resolve();
        if (m.stopping) return;
        if (code === 0 && !m.spec.restartOnCleanExit) {
          o.events.info('service finished', { service: m.spec.name });
          return;
        }
        if (Date.now() - m.startedAt >= stableMs) m.attempt = 0;
        const delay = Math.min(max, initial * 2 ** m.attempt);
        m.attempt++;
        restartCount.set(m.spec.name, (restartCount.get(m.spec.name) ?? 0) + 1);
        o.events.warn('service exited; restarting', { service: m.spec.name, code, signal, restartInMs: delay, attempt: m.attempt });
        m.restartTimer = setTimeout(() => {
          m.restartTimer = null;
          if (m.stopping) return;
          launch(m);
          void waitReady(m).then(
            () => o.events.info('service ready again', { service: m.spec.name }),
            (err: Error) => o.events.warn(err.message, { service: m.spec.name }),
          );
        }, delay);
      });
    });
  }

  async function waitReady(m: Managed): Promise<void> {
    const deadline = Date.now() + (o.readyTimeoutMs ?? 120_000);
    const child = m.child;
    for (;;) {
      if (m.child !== child || child === null) throw new Error(`${m.spec.name} exited before it was ready`);
      if (await m.spec.ready().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`${m.spec.name} not ready within ${o.readyTimeoutMs ?? 120_000} ms`);
      await sleep(250);
    }
  }

  async function stopOne(m: Managed): Promise<void> {
    m.stopping = true;
    if (m.restartTimer) clearTimeout(m.restartTimer);
    const child = m.child;
    if (!child) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([m.exited.then(() => false), sleep(grace).then(() => true)]);
    if (killed && m.child) {
      o.events.warn('service did not stop in time; killing it', { service: m.spec.name, graceMs: grace });
      m.child.kill('SIGKILL');
      await m.exited;
    }
  }

  return {
    async start(spec) {
      const m: Managed = { spec, child: null, startedAt: 0, attempt: 0, stopping: false, restartTimer: null, exited: Promise.resolve() };
      managed.set(spec.name, m);
      launch(m);
      await waitReady(m);
    },
    async stop(order) {
      const named = new Set(order.flat());
      const groups = [...order, [...managed.keys()].filter((n) => !named.has(n))];
      for (const group of groups) {
        const members = group.map((n) => managed.get(n)).filter((m): m is Managed => m !== undefined);
        if (members.length === 0) continue;
        o.events.info('stopping', { services: members.map((m) => m.spec.name) });
        await Promise.all(members.map(stopOne));
      }
    },
    pids: () => Object.fromEntries([...managed.values()].flatMap((m) => (m.child?.pid ? [[m.spec.name, m.child.pid]] : []))),
    restarts: (name) => restartCount.get(name) ?? 0,
  };
}
