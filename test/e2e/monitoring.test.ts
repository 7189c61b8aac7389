// End to end in headless Chromium (issue 14): Kafka is stopped under a running ward view.
// The API judges its own live feed stale and the ward shows "monitoring interrupted since
// hh:mm" (banner and badge) within 30 s, although no alert can travel through Kafka. Kafka
// is started again afterwards and the ward returns to "live". Saves a screenshot.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { simulate } from '../../services/simulator/app.js';
import { assertChromium, openPage, signInWithToken } from '../helpers/browser.js';
import { startFull } from '../helpers/full.js';
import { waitFor } from '../helpers/pipeline.js';
import { REPO_ROOT } from '../helpers/stack.js';

const stackCmd = (...args: string[]) => new Promise<void>((resolve, reject) => {
  execFile('bash', [`${REPO_ROOT}infra/local/stack.sh`, ...args], { timeout: 180_000 }, (err, _out, stderr) => (err ? reject(new Error(`stack ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve()));
});

test('stopping Kafka shows "monitoring interrupted since hh:mm" on the ward within 30 s, and "live" again after', async (t) => {
  assertChromium();
  const f = await startFull(t, { api: { monitoringStaleMs: 10_000 } });
  // Registered after startFull: runs before its cleanup, which needs Kafka to delete topics.
  let kafkaDown = false;
  f.p.cleanup(async () => { if (kafkaDown) await stackCmd('up', 'kafka'); });
  const { page, pageErrors } = await openPage(f.p.cleanup, { viewport: { width: 1280, height: 800 }, extraArgs: ['--autoplay-policy=no-user-gesture-required'] });
  await signInWithToken(page, f.url, f.tokens.clinician);
  await f.p.provisionFleet(51, 2);
  const summary = await simulate({ mqttUrl: f.p.s.mqttUrl, deviceSecret: f.p.deviceSecret, devices: 2, firstDevice: 51, batches: 6, intervalMs: 500 });
  assert.equal(summary.failed, 0);
  await page.locator('article[data-patient="pat-00052"]').waitFor({ timeout: 20_000 });
  await waitFor('badge live', async () => ((await page.locator('#conn').innerText()) === 'live' ? true : undefined), 20_000);
  assert.equal(await page.locator('#monitoring').isVisible(), false);

  const stoppedAt = Date.now();
  kafkaDown = true;
  await stackCmd('down', 'kafka');
  const banner = page.locator('#monitoring');
  await banner.waitFor({ state: 'visible', timeout: 30_000 - (Date.now() - stoppedAt) });
  const tookMs = Date.now() - stoppedAt;
  const text = await banner.innerText();
  assert.match(text, /^Monitoring interrupted since \d\d:\d\d/);
  assert.match(text, /Kafka unreachable/);
  assert.match(await page.locator('#conn').innerText(), /^monitoring interrupted since \d\d:\d\d$/);
  assert.ok(tookMs <= 30_000, `banner after ${tookMs} ms`);
  // The API says the same to any client.
  const m = await (await fetch(`${f.url}/api/v1/monitoring`, { headers: { Authorization: `Bearer ${f.tokens.clinician}` } })).json() as { state: string; since: number };
  assert.equal(m.state, 'interrupted');
  assert.ok(m.since <= stoppedAt + 1_000, 'since: when the feed was last current');
  mkdirSync(`${REPO_ROOT}test-results`, { recursive: true });
  await page.screenshot({ path: `${REPO_ROOT}test-results/ward-monitoring-interrupted.png`, fullPage: true });
  // A monitoring interruption sounds (medium burst) until paused; the pause shows a countdown.
  await waitFor('audible signal', async () => ((await page.evaluate(() => (globalThis as unknown as { __alarmAudio: { sounding: string | null } }).__alarmAudio.sounding)) !== null ? true : undefined), 5_000);
  await page.click('#audio-pause');
  assert.match(await page.locator('#audio-pause').innerText(), /^Audio paused [12]:\d\d$/);
  console.log(`[e2e] banner ${tookMs} ms after Kafka was stopped`);

  await stackCmd('up', 'kafka');
  kafkaDown = false;
  await waitFor('badge live again', async () => ((await page.locator('#conn').innerText()) === 'live' ? true : undefined), 90_000, 500);
  assert.equal(await banner.isVisible(), false);
  assert.deepEqual(pageErrors, []);
});
