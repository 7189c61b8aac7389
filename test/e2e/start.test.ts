// `vitals start` (what `npm start` runs) end to end: the supervisor on the real stack, the demo
// fleet, the ward in headless Chromium with live tiles, a kill -9 of a service restarted by the
// supervisor, and SIGTERM stopping everything in order with no process of ours left running.
// Topics, groups, the MQTT session and the bucket are the test's own (by environment) and removed.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { assertChromium, openPage, signInWithToken } from '../helpers/browser.js';
import { tempBucket } from '../helpers/influx.js';
import { ingestAccounts } from '../helpers/mqtt-accounts.js';
import { removeKafkaByPrefix, waitFor } from '../helpers/pipeline.js';
import { grantTestAcls } from '../helpers/kafka-acl.js';
import { REPO_ROOT, kafkaFor, stack, uid } from '../helpers/stack.js';
import { alive, freePort, supervisorEnv } from '../helpers/supervisor.js';

test('npm start: demo fleet live in the dashboard, a crashed service restarted, ordered stop leaves nothing running', async (t) => {
  assertChromium();
  const s = await stack();
  const id = uid('start');
  const { bucket, remove } = await tempBucket(s, id);
  const kafka = kafkaFor(s, id);
  // The supervisor's ingest has 8 connections, each with its own broker account (issue 15).
  const removeAccounts = await ingestAccounts(s, `${id}-ingest`, 8);
  // The supervised services run as their own Kafka principals: their ACL rows on this test's names (issue 16).
  const revokeAcls = await grantTestAcls(s, kafka, id, { commands: `${id}.commands`, state: `${id}.state` });
  t.after(async () => {
    await removeAccounts().catch(() => undefined);
    await revokeAcls().catch(() => undefined);
    await removeKafkaByPrefix(kafka, id);
    await remove();
  });
  const port = await freePort();
  const env = supervisorEnv(s, id, bucket);
  const t0 = Date.now();
  // stdout is a pipe, so the supervisor writes one JSON object per line.
  const sup = spawn(process.execPath, ['bin/vitals.js', 'start', '--devices', '4', '--port', String(port)], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const records: Record<string, unknown>[] = [];
  let stderr = '';
  createInterface({ input: sup.stdout! }).on('line', (line) => { records.push(JSON.parse(line) as Record<string, unknown>); });
  sup.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | null>((resolve) => sup.once('exit', (code) => resolve(code)));
  t.after(() => { if (sup.exitCode === null) sup.kill('SIGKILL'); });
  const find = (pred: (r: Record<string, unknown>) => boolean) => records.find(pred);
  const ready = await waitFor('the supervisor to log "pipeline ready"', () => {
    if (sup.exitCode !== null) throw new Error(`vitals start exited (${sup.exitCode}):\n${stderr.slice(-2000)}`);
    return find((r) => r.service === 'vitals' && r.msg === 'pipeline ready');
  }, 180_000);
  const startSeconds = (Date.now() - t0) / 1000;
  const pids = ready.pids as Record<string, number>;
  assert.deepEqual(Object.keys(pids).sort(), ['alerts', 'api', 'ingest', 'simulator', 'writer']);
  assert.equal(ready.dashboard, `http://127.0.0.1:${port}`);
  // The printed summary block: dashboard, where the tokens are, the MQTT endpoint, a mosquitto_pub line.
  assert.match(stderr, new RegExp(`Dashboard +http://127\\.0\\.0\\.1:${port}`));
  assert.match(stderr, /Sign in +with API_CLINICIAN_TOKEN or API_OPERATOR_TOKEN from \S*env/);
  assert.match(stderr, new RegExp(`MQTT +${s.mqttUrl.replace(/[.]/g, '\\.')}`));
  assert.match(stderr, /mosquitto_pub -h 127\.0\.0\.1 -p \d+ .*-q 1 -i dev-00199 .*-t vitals\/v1\/devices\/dev-00199\/telemetry -f \S+example-batch\.bin/);
  // Every service's lines are in the one stream, tagged with it.
  for (const name of ['ingest', 'writer', 'alerts', 'api']) assert.ok(find((r) => r.service === name), `no log line from ${name}`);

  // The ward in Chromium: four live tiles, each with a heart rate (a number above "HR /min").
  const { page } = await openPage((fn) => t.after(fn), { viewport: { width: 1280, height: 800 }, timeoutMs: 30_000 });
  await signInWithToken(page, String(ready.dashboard), s.env.API_CLINICIAN_TOKEN!);
  for (const n of [1, 2, 3, 4]) await page.locator(`article[data-patient="pat-0000${n}"] .vals`).filter({ hasText: /\d\s*HR/ }).waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('#conn').innerText(), 'live');
  mkdirSync(`${REPO_ROOT}test-results`, { recursive: true });
  await page.screenshot({ path: `${REPO_ROOT}test-results/npm-start-ward.png`, fullPage: true });
  // The readings are stored too (writer -> InfluxDB).
  const stored = await waitFor('demo readings in InfluxDB', async () => {
    const r = await fetch(`${s.influx.url}/api/v2/query?org=${s.influx.org}`, {
      method: 'POST',
      headers: { Authorization: `Token ${s.influx.token}`, 'Content-Type': 'application/vnd.flux', Accept: 'application/csv' },
      body: `from(bucket: "${bucket}") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "vitals") |> group() |> count()`,
    });
    const n = Number((await r.text()).trim().split('\n').at(-1)?.split(',').at(-1));
    return n > 0 ? n : undefined;
  }, 30_000);
  assert.ok(stored > 0);

  // A crashed service is restarted with backoff, and the supervisor says so.
  process.kill(pids.writer!, 'SIGKILL');
  const restarting = await waitFor('"service exited; restarting" for the writer', () => find((r) => r.msg === 'service exited; restarting' && r.target === 'writer'), 15_000);
  assert.equal(restarting.signal, 'SIGKILL');
  assert.ok(Number(restarting.restartInMs) >= 1000);
  await waitFor('the writer ready again', () => find((r) => r.msg === 'service ready again' && r.target === 'writer'), 90_000);

  // SIGTERM: ordered stop, exit 0, no child left. The stack was up before, so it stays up.
  const before = records.length;
  // The supervisor's children by command line: one of each service and the simulator.
  const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(sup.pid)], { encoding: 'utf8' }).trim().split('\n')
    .map((line) => { const [pid, ...args] = line.trim().split(/\s+/); return { pid: Number(pid), args: args.join(' ') }; });
  const childPids = children.map((c) => c.pid);
  for (const name of ['ingest', 'writer', 'alerts', 'api', 'simulate']) {
    const n = children.filter((c) => c.args.includes(`bin/vitals.js ${name}`)).length;
    assert.equal(n, 1, `expected one "${name}" child of the supervisor, got ${n}:\n${children.map((c) => `${c.pid} ${c.args}`).join('\n')}\n${records.filter((r) => r.service === 'vitals').map((r) => JSON.stringify(r)).join('\n')}`);
  }
  sup.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 120_000))]);
  assert.equal(code, 0, `vitals start did not exit 0 after SIGTERM:\n${stderr.slice(-2000)}`);
  const stops = records.slice(before).filter((r) => r.msg === 'stopping').map((r) => (r.services as string[]).join('+'));
  assert.deepEqual(stops, ['simulator', 'ingest', 'writer+alerts', 'api']);
  await waitFor('no child process left', () => childPids.every((p) => !alive(p)) || undefined, 10_000);
  assert.ok(find((r) => r.msg === 'leaving the stack running (it was up before; npm run stack -- down stops it)'));
  console.log(`[start] pipeline ready in ${startSeconds.toFixed(1)} s with the stack already up; ${stored} points stored`);
});
