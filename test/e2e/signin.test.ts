// The sign-in page in headless Chromium (issue 15): a named nurse signs in with her password,
// sees "signed in as", her ward's patients only, and signs out (the session ends server-side).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate } from '../../services/simulator/app.js';
import { assertChromium, openPage } from '../helpers/browser.js';
import { startFull } from '../helpers/full.js';
import { startPeople, type People } from '../helpers/people.js';
import { waitFor } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

test('sign-in page: a named nurse signs in, sees her ward only, signs out', async (t) => {
  assertChromium();
  let people!: People;
  const f = await startFull(t, { apiDeps: async (p) => { people = await startPeople(p); return people.deps; } });
  await people.admit('pat-00051', 'ward-a');
  await people.admit('pat-00052', 'ward-b');
  await f.p.provisionFleet(51, 2); // dev-00051..52 -> pat-00051..52: attribution (issue 15)
  const password = `Nurse-E-${uid('pw')}`;
  const created = await fetch(`${f.url}/api/v1/accounts`, { method: 'POST', headers: { Authorization: `Bearer ${f.tokens.operator}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'nurse-e', password, role: 'clinician', wards: ['ward-a'] }) });
  assert.equal(created.status, 201);
  const summary = await simulate({ mqttUrl: f.p.s.mqttUrl, deviceSecret: f.p.deviceSecret, devices: 2, firstDevice: 51, batches: 6, intervalMs: 300 });
  assert.equal(summary.failed, 0);
  await waitFor('both patients in the API', async () => {
    const r = await fetch(`${f.url}/api/v1/patients`, { headers: { Authorization: `Bearer ${f.tokens.operator}` } });
    const ids = ((await r.json()) as { patients: { patientId: string }[] }).patients.map((p) => p.patientId);
    return ids.includes('pat-00051') && ids.includes('pat-00052') ? true : undefined;
  }, 30_000);

  const { page, pageErrors } = await openPage(f.p.cleanup);
  await page.goto(`${f.url}/`);
  await page.click('a[href="#/signin"]');
  await page.fill('#signin-form [name=username]', 'nurse-e');
  await page.fill('#signin-form [name=password]', 'not-her-password');
  await page.click('#signin-form button');
  await page.locator('#signin-result', { hasText: 'wrong username or password' }).waitFor();
  await page.fill('#signin-form [name=username]', 'nurse-e');
  await page.fill('#signin-form [name=password]', password);
  await page.click('#signin-form button');
  await page.locator('#whoami-id', { hasText: 'nurse-e' }).waitFor();
  await page.locator('article[data-patient="pat-00051"]').waitFor();
  assert.equal(await page.locator('article[data-patient="pat-00052"]').count(), 0, 'ward B is not shown');
  assert.deepEqual(await page.locator('#ward-filter option').allInnerTexts(), ['All my wards', 'ward-a']);
  const token = await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('vitals-token'));
  assert.match(token ?? '', /^vs1\./);
  assert.ok(!(await page.content()).includes(password), 'the password is not left in the page');

  await page.click('#signout');
  await page.locator('#signin-form').waitFor();
  assert.equal(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('vitals-token')), null);
  const after = await fetch(`${f.url}/api/v1/patients`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(after.status, 401, 'signing out ended the session on the server');
  assert.deepEqual(pageErrors, []);
});
