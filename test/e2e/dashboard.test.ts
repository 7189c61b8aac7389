// End to end in headless Chromium (Debian's chromium, driven by playwright-core): the
// simulator runs a desaturation, the ward view shows the alert, the test acknowledges it
// in the page, and the API then reports it acknowledged. Saves a screenshot of the ward.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { simulate } from '../../services/simulator/app.js';
import { assertChromium, openPage, signInWithToken } from '../helpers/browser.js';
import { startFull } from '../helpers/full.js';
import { waitFor } from '../helpers/pipeline.js';
import { REPO_ROOT } from '../helpers/stack.js';

test('ward view shows a desaturation alert live; acknowledging it in the page reaches the API', async (t) => {
  assertChromium();
  const f = await startFull(t);
  const { page, pageErrors } = await openPage(f.p.cleanup, { viewport: { width: 1280, height: 800 } });
  await signInWithToken(page, f.url, f.tokens.clinician);

  await f.p.provisionFleet(41, 3);
  const run = simulate({
    mqttUrl: f.p.s.mqttUrl, deviceSecret: f.p.deviceSecret, devices: 3, firstDevice: 41, batches: 40, intervalMs: 500,
    scenarios: [{ name: 'desaturation', device: 2, startMs: 1_000, durationMs: 60_000 }],
  });
  // The tile of pat-00042 turns high priority with an SpO2 alert and an acknowledge button
  // (a NEWS2 alert may come first: SpO2 <= 91 alone puts the patient in the low-medium band).
  const tile = page.locator('article[data-patient="pat-00042"]');
  const spo2Row = tile.locator('li', { hasText: 'SpO2 low' });
  await spo2Row.locator('button[data-ack]').waitFor({ timeout: 40_000 });
  assert.match(await tile.getAttribute('class') ?? '', /prio-high/);
  assert.match(await tile.innerText(), /SpO2 low/);
  assert.equal(await page.locator('#conn').innerText(), 'live');
  // The high-priority audible signal (IEC 60601-1-8 burst) is sounding for it.
  await waitFor('high-priority burst', async () => ((await page.evaluate(() => (globalThis as unknown as { __alarmAudio: { bursts: { priority: string }[] } }).__alarmAudio.bursts.some((b) => b.priority === 'high'))) ? true : undefined), 10_000);
  mkdirSync(`${REPO_ROOT}test-results`, { recursive: true });
  await page.screenshot({ path: `${REPO_ROOT}test-results/ward-view.png`, fullPage: true });

  const alertId = await spo2Row.locator('button[data-ack]').getAttribute('data-ack');
  assert.ok(alertId);
  await spo2Row.locator('button[data-ack]').click();
  const acked = await waitFor('API reports the alert acknowledged', async () => {
    const r = await fetch(`${f.url}/api/v1/alerts/${alertId}`, { headers: { Authorization: `Bearer ${f.tokens.clinician}` } });
    const a = await r.json() as { state: string; acknowledgedBy: string };
    return a.state === 'acknowledged' ? a : undefined;
  }, 15_000);
  assert.equal(acked.acknowledgedBy, 'token:clinician', 'the author is the principal (issue 15)');
  // The page follows: the button is gone after the live refresh.
  await page.locator(`[data-ack="${alertId}"]`).waitFor({ state: 'detached', timeout: 10_000 });
  // Time-limited acknowledgement, shown with its end.
  assert.match(await tile.locator(`li[data-alert="${alertId}"]`).innerText(), /acknowledged until \d\d:\d\d/);
  await page.screenshot({ path: `${REPO_ROOT}test-results/ward-view-acknowledged.png`, fullPage: true });
  // The patient view: a chart per vital (uPlot canvases) with the acknowledged alert listed.
  await tile.click();
  await page.locator('.chart canvas').nth(5).waitFor({ timeout: 20_000 });
  assert.match(await page.locator('main').innerText(), /acknowledged/);
  await page.screenshot({ path: `${REPO_ROOT}test-results/patient-view.png`, fullPage: true });
  assert.deepEqual(pageErrors, []);
  await run;
});
