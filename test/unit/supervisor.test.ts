// The supervisor with real child processes (small node scripts): readiness, restart with
// backoff after a crash, no restart while stopping, and the stop order.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogStream } from '../../services/supervisor/log-stream.js';
import { createSupervisor, type ChildSpec } from '../../services/supervisor/supervisor.js';

function harness() {
  const lines: string[] = [];
  const events: string[] = [];
  const sup = createSupervisor({
    command: process.execPath,
    cwd: process.cwd(),
    spawn,
    backoffInitialMs: 50,
    backoffMaxMs: 200,
    stopGraceMs: 2_000,
    readyTimeoutMs: 5_000,
    events: {
      line: (name, _stream, text) => lines.push(`${name}: ${text}`),
      info: (msg, f) => events.push(`${msg} ${JSON.stringify(f ?? {})}`),
      warn: (msg, f) => events.push(`${msg} ${JSON.stringify(f ?? {})}`),
    },
  });
  return { sup, lines, events };
}

const until = async (what: string, fn: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

test('a crashed child is restarted with backoff and reported; a clean stop does not restart it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sup-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const marker = join(dir, 'ready');
  // Crashes twice (exit 3) before it stays up; readiness is a file it writes.
  const counter = join(dir, 'runs');
  writeFileSync(counter, '0');
  const script = `const fs=require('fs');const n=Number(fs.readFileSync(${JSON.stringify(counter)},'utf8'))+1;fs.writeFileSync(${JSON.stringify(counter)},String(n));console.log(JSON.stringify({level:30,time:Date.now(),msg:'run '+n}));if(n<3)process.exit(3);fs.writeFileSync(${JSON.stringify(marker)},'x');process.on('SIGTERM',()=>{console.log('draining');process.exit(0)});setInterval(()=>{},1000);`;
  const { sup, lines, events } = harness();
  const spec: ChildSpec = { name: 'svc', args: ['-e', script], env: process.env, ready: async () => existsSync(marker) };
  // The first run crashes before it is ready: start() rejects, the supervisor keeps restarting.
  await assert.rejects(sup.start(spec), /exited before it was ready/);
  await until('third run ready', () => existsSync(marker));
  assert.equal(sup.restarts('svc'), 2);
  assert.equal(events.filter((e) => e.startsWith('service exited; restarting')).length, 2);
  assert.match(events.find((e) => e.startsWith('service exited'))!, /"code":3/);
  assert.ok(lines.includes('svc: {"level":30,"time":' + lines[0]!.split('"time":')[1]!.split(',')[0] + ',"msg":"run 1"}'));
  await sup.stop([['svc']]);
  assert.ok(lines.includes('svc: draining'));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(sup.restarts('svc'), 2, 'restarted after a requested stop');
  assert.deepEqual(sup.pids(), {});
});

test('stop goes group by group in the given order, and kills a child that ignores SIGTERM', async () => {
  const { sup, events, lines } = harness();
  const stopped: string[] = [];
  const mk = (name: string, ignoreTerm = false): ChildSpec => ({
    name,
    args: ['-e', `${ignoreTerm ? `process.on('SIGTERM',()=>{})` : `process.on('SIGTERM',()=>process.exit(0))`};console.log('up');setInterval(()=>{},1000)`],
    env: process.env,
    ready: async () => lines.includes(`${name}: up`),
  });
  for (const n of ['api', 'writer', 'ingest', 'simulator']) await sup.start(mk(n));
  await sup.start(mk('stubborn', true));
  const order = [['simulator'], ['ingest'], ['writer', 'stubborn'], ['api']];
  const t0 = Date.now();
  await sup.stop(order);
  for (const e of events) if (e.startsWith('stopping')) stopped.push(e);
  assert.deepEqual(stopped.map((e) => JSON.parse(e.slice('stopping '.length)).services), [['simulator'], ['ingest'], ['writer', 'stubborn'], ['api']]);
  assert.ok(events.some((e) => e.startsWith('service did not stop in time; killing it') && e.includes('stubborn')));
  assert.ok(Date.now() - t0 >= 2_000);
  assert.deepEqual(sup.pids(), {});
});

test('log stream: readable and prefixed on a terminal, JSON with a service field when piped', () => {
  const out: string[] = [];
  const tty = createLogStream({ tty: true, write: (s) => out.push(s) });
  tty.line('ingest', 'stdout', JSON.stringify({ level: 40, time: Date.parse('2026-01-01T10:00:00Z'), name: 'ingest', msg: 'kafka slow', inFlight: 3 }));
  tty.line('writer', 'stderr', 'plain text');
  assert.match(out[0]!, /^\d\d:\d\d:\d\d\.000 ingest {4}WARN {2}kafka slow {2}inFlight=3\n$/);
  assert.match(out[1]!, /writer +WARN +plain text/);
  const piped: string[] = [];
  const json = createLogStream({ tty: false, write: (s) => piped.push(s) });
  json.line('alerts', 'stdout', JSON.stringify({ level: 30, time: 1, msg: 'started' }));
  json.line('api', 'stderr', 'not json');
  json.own('warn', 'service exited; restarting', { service: 'api' });
  const recs = piped.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(recs[0], { service: 'alerts', level: 30, time: 1, msg: 'started' });
  assert.equal(recs[1]!.service, 'api');
  assert.equal(recs[1]!.msg, 'not json');
  assert.equal(recs[1]!.level, 40);
  assert.equal(recs[2]!.service, 'vitals');
  assert.equal(recs[2]!.msg, 'service exited; restarting');
  assert.equal(recs[2]!.target, 'api');
});
