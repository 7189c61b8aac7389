import { spawn, type ChildProcess } from 'node:child_process';
import type { TestContext } from 'node:test';
import { SERVICE_NODE_ARGS } from '../../services/common/node-args.js';
import { REPO_ROOT } from './stack.js';

export interface ServiceProcess {
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Runs `vitals <name>` as a real child process (so it can be killed with SIGKILL).
 * `t` only needs `after` (the benchmark passes its own cleanup list); `nodeArgs` are node
 * flags such as `--cpu-prof`. `built`: the compiled dist/ (`npm run build`; what the Docker
 * image and an installed package run) instead of the TypeScript sources through tsx.
 */
export function startService(t: Pick<TestContext, 'after'>, name: string, env: Record<string, string>, opts: { nodeArgs?: string[]; built?: boolean } = {}): ServiceProcess {
  const entry = opts.built ? ['dist/services/cli.js'] : ['--import', 'tsx', 'services/cli.ts'];
  const child = spawn(process.execPath, [...SERVICE_NODE_ARGS, ...(opts.nodeArgs ?? []), ...entry, name], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); if (out.length > 2_000_000) out = out.slice(-1_000_000); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const proc: ServiceProcess = {
    child,
    output: () => out,
    kill: (signal: NodeJS.Signals = 'SIGTERM') => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    }),
  };
  t.after(() => proc.kill('SIGKILL'));
  return proc;
}

/** Resolves when the service's log shows `needle` (e.g. 'alert worker started'). */
export async function waitForLog(p: ServiceProcess, needle: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!p.output().includes(needle)) {
    if (p.child.exitCode !== null) throw new Error(`service exited (${p.child.exitCode}) before "${needle}":\n${p.output().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`"${needle}" not logged within ${timeoutMs} ms:\n${p.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
