// The admissions page in headless Chromium (issue 15): admit a patient, assign a device, transfer,
// see an unassigned device's notice, and discharge, all through the page against the real stack;
// each step checked in the API (the registry) as well as on screen.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { chromium } from 'playwright-core';
import { deviceIdFor, devicePassword } from '../../services/common/device-credentials.js';
import { telemetryTopic } from '../../services/common/topics.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { startFull } from '../helpers/full.js';
import { waitFor } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

test('admissions page: admit, assign a device, transfer, an unassigned device\'s notice, discharge', async (t) => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: install Debian's chromium (scripts/test.sh does) or set CHROMIUM_PATH`);
  const f = await startFull(t);
  const api = async (path: string) => (await fetch(`${f.url}${path}`, { headers: { Authorization: `Bearer ${f.tokens.operator}` } })).json() as Promise<Record<string, unknown>>;
  const pid = uid('adm');
  const dev = deviceIdFor(47), stray = deviceIdFor(48);
  // A device nobody assigned sends a reading: operators get a notice.
  const c = await mqtt.connectAsync(f.p.s.mqttUrl, { clientId: stray, username: stray, password: devicePassword(f.p.deviceSecret, stray), protocolVersion: 4, reconnectPeriod: 0 });
  t.after(() => c.endAsync());
  await c.publishAsync(telemetryTopic(stray), Buffer.from(encodeBatch(makeBatch({ deviceId: stray, patientId: '', sequence: 1 }))), { qos: 1 });
  await waitFor('the notice in the API', async () => ((await api('/api/v1/notices')).notices as { deviceId: string }[]).find((n) => n.deviceId === stray));

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  f.p.cleanup(() => browser.close());
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${f.url}/#/admissions`);
  await page.fill('#token', f.tokens.operator);
  await page.click('#login button');
  await page.locator(`#adm-notices li[data-device="${stray}"]`).waitFor();

  await page.fill('#adm-admit [name=patientId]', pid);
  await page.fill('#adm-admit [name=displayName]', 'Grace H.');
  await page.fill('#adm-admit [name=ward]', 'ward-a');
  await page.fill('#adm-admit [name=bed]', '4');
  await page.click('#adm-admit button');
  await page.locator('#adm-result', { hasText: 'Admitted' }).waitFor();
  await page.locator(`#adm-list tr[data-patient="${pid}"]`, { hasText: 'ward-a' }).waitFor();

  await page.fill('#adm-assign [name=deviceId]', dev);
  await page.fill('#adm-assign [name=patientId]', pid);
  await page.click('#adm-assign button');
  await page.locator('#adm-result', { hasText: 'Assigned' }).waitFor();
  await page.locator(`#adm-list tr[data-patient="${pid}"]`, { hasText: dev }).waitFor();
  assert.equal(f.p.patients.assignmentAt(dev, Date.now()), pid, 'the ingest\'s registry has the assignment');

  await page.fill('#adm-transfer [name=patientId]', pid);
  await page.fill('#adm-transfer [name=ward]', 'ward-b');
  await page.fill('#adm-transfer [name=bed]', '9');
  await page.click('#adm-transfer button');
  await page.locator(`#adm-list tr[data-patient="${pid}"]`, { hasText: 'ward-b' }).waitFor();
  assert.equal((await api(`/api/v1/admissions/${pid}`)).ward, 'ward-b');

  await page.fill('#adm-discharge [name=patientId]', pid);
  await page.click('#adm-discharge button');
  await page.locator('#adm-result', { hasText: `Discharged ${pid}` }).waitFor();
  await page.locator('#adm-result', { hasText: dev }).waitFor();
  assert.equal(await page.locator(`#adm-list tr[data-patient="${pid}"]`).count(), 0, 'no longer listed as admitted');
  assert.ok((await api(`/api/v1/admissions/${pid}`)).dischargedAt);
  assert.equal(f.p.patients.assignmentAt(dev, Date.now()), null, 'the discharge ended the assignment');
  await page.screenshot({ path: 'test-results/admissions-page.png' }).catch(() => undefined);
  assert.deepEqual(pageErrors, []);
});
