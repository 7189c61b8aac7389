// The operators' device page in headless Chromium (issue 15): register a device, read its
// credentials (shown once), connect with them to the real broker, revoke it in the page: the
// broker cuts the connection.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { chromium } from 'playwright-core';
import { startFull } from '../helpers/full.js';
import { uid } from '../helpers/stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

test('devices page: register shows the credentials once; they connect; revoke in the page cuts the device off', async (t) => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: install Debian's chromium (scripts/test.sh does) or set CHROMIUM_PATH`);
  const f = await startFull(t, { registry: true });
  const deviceId = uid('page');
  f.p.cleanup(async () => {
    await f.dynsec!.run({ command: 'deleteClient', username: deviceId }).catch(() => undefined);
    await f.dynsec!.run({ command: 'deleteRole', rolename: `device/${deviceId}` }).catch(() => undefined);
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  f.p.cleanup(() => browser.close());
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${f.url}/#/devices`);
  await page.fill('#token', f.tokens.operator);
  await page.click('#login button');
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
