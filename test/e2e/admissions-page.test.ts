// The admissions page in headless Chromium (issue 15): admit a patient, assign a device, transfer,
// see an unassigned device's notice, and discharge, all through the page against the real stack;
// each step checked in the API (the registry) as well as on screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { deviceIdFor, devicePassword } from '../../services/common/device-credentials.js';
import { telemetryTopic } from '../../services/common/topics.js';
import { assertChromium, openPage, signInWithToken } from '../helpers/browser.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { startFull } from '../helpers/full.js';
import { waitFor } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

test('admissions page: admit, assign a device, transfer, an unassigned device\'s notice, discharge', async (t) => {
  assertChromium();
  const f = await startFull(t);
  const api = async (path: string) => (await fetch(`${f.url}${path}`, { headers: { Authorization: `Bearer ${f.tokens.operator}` } })).json() as Promise<Record<string, unknown>>;
  const pid = uid('adm');
  const dev = deviceIdFor(47), stray = deviceIdFor(48);
  // A device nobody assigned sends a reading: operators get a notice.
  const c = await mqtt.connectAsync(f.p.s.mqttUrl, { clientId: stray, username: stray, password: devicePassword(f.p.deviceSecret, stray), protocolVersion: 4, reconnectPeriod: 0 });
  t.after(() => c.endAsync());
  await c.publishAsync(telemetryTopic(stray), Buffer.from(encodeBatch(makeBatch({ deviceId: stray, patientId: '', sequence: 1 }))), { qos: 1 });
  await waitFor('the notice in the API', async () => ((await api('/api/v1/notices')).notices as { deviceId: string }[]).find((n) => n.deviceId === stray));

  const { page, pageErrors } = await openPage(f.p.cleanup, { acceptDialogs: true });
  await signInWithToken(page, `${f.url}/#/admissions`, f.tokens.operator);
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
