// The operators' device page in headless Chromium (issue 15): register a device, read its
// credentials (shown once), connect with them to the real broker, revoke it in the page: the
// broker cuts the connection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { assertChromium, openPage, signInWithToken } from '../helpers/browser.js';
import { startFull } from '../helpers/full.js';
import { uid } from '../helpers/stack.js';

test('devices page: register shows the credentials once; they connect; revoke in the page cuts the device off', async (t) => {
  assertChromium();
  const f = await startFull(t, { registry: true });
  const deviceId = uid('page');
  f.p.cleanup(async () => {
    await f.dynsec!.run({ command: 'deleteClient', username: deviceId }).catch(() => undefined);
    await f.dynsec!.run({ command: 'deleteRole', rolename: `device/${deviceId}` }).catch(() => undefined);
  });
  const { page, pageErrors } = await openPage(f.p.cleanup, { acceptDialogs: true });
  await signInWithToken(page, `${f.url}/#/devices`, f.tokens.operator);
  await page.fill('#dev-register [name=deviceId]', deviceId);
  await page.fill('#dev-register [name=model]', 'WX-200');
  await page.fill('#dev-register [name=firmware]', '2.1.0');
  await page.click('#dev-register button');
  const secret = await page.locator('#dev-secret').innerText();
  const password = /password (\S+)/.exec(secret)?.[1];
  assert.ok(password, secret);
  const device = await mqtt.connectAsync(f.p.s.mqttUrl, { username: deviceId, password, clientId: deviceId, protocolVersion: 4, reconnectPeriod: 0 });
  t.after(() => device.endAsync(true));
  const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
  await page.fill('#dev-manage [name=deviceId]', deviceId);
  await page.click('#dev-manage button[value=revoke]');
  await page.locator('#dev-result', { hasText: 'Revoked' }).waitFor();
  await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('device still connected 5 s after revoking it in the page')), 5000))]);
  await page.click('#dev-manage button[value=show]');
  await page.locator('#dev-result', { hasText: 'revoked' }).waitFor();
  assert.deepEqual(pageErrors, []);
});
