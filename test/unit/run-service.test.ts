// runService's drain with real child processes: a clean stop exits 0; a stop that hangs is
// ended by the hard timer (armed first, not unref'd) with exit 1 and a log line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function runChild(hang: boolean): Promise<{ code: number | null; out: string; ms: number }> {
  // The service holds no handle of its own: only the ops server and the hard timer keep the process alive.
  const script = `
    import { Registry } from 'prom-client';
    import { pino } from 'pino';
    import { runService } from './services/common/run-service.ts';
    const service = { registry: new Registry(), readiness: () => [], start: async () => {}, stop: () => (${hang} ? new Promise(() => {}) : Promise.resolve()) };
    await runService('fixture', service, pino(), { host: '127.0.0.1', port: 0, drainTimeoutMs: 1_000 });
    console.log('ready');`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let sentAt = 0;
  const onData = (d: Buffer) => {
    out += d.toString();
    if (!sentAt && out.includes('ready')) { sentAt = Date.now(); child.kill('SIGTERM'); }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, ms: Date.now() - sentAt })));
}

test('runService: a clean drain exits 0', async () => {
  const r = await runChild(false);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /"msg":"draining"/);
});

test('runService: a drain that hangs is ended by the hard timer with exit 1', async () => {
  const r = await runChild(true);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /drain timed out/);
  assert.ok(r.ms >= 900 && r.ms < 20_000, `exited ${r.ms} ms after SIGTERM (timer 1 s)`);
});
