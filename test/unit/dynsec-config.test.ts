// infra/local/dynsec-config.mjs: the broker's accounts file, created once, then only completed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { pbkdf2Sync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { devicePassword } from '../../services/common/device-credentials.js';

interface Client { username: string; clientid?: string; password: string; salt: string; iterations: number; disabled?: boolean; roles: { rolename: string }[] }
interface Config { defaultACLAccess: Record<string, boolean>; clients: Client[]; roles: { rolename: string; acls: { acltype: string; topic: string }[] }[] }

const SCRIPT = new URL('../../infra/local/dynsec-config.mjs', import.meta.url).pathname;
const env = { PATH: process.env.PATH, MQTT_ADMIN_PASSWORD: 'a', MQTT_INGEST_PASSWORD: 'i', MQTT_ALERTS_PASSWORD: 'al', MQTT_CLINICIAN_PASSWORD: 'c', MQTT_TELEGRAF_PASSWORD: 't', MQTT_REGISTRY_PASSWORD: 'r', MQTT_DEVICE_SECRET: 'secret', MQTT_INGEST_CONNECTIONS: '2' };

test('every account but the two superusers is bound to its client id; devices get their own role; a revoked device stays revoked', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dynsec-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'dynamic-security.json');
  const run = (count: number) => { execFileSync(process.execPath, [SCRIPT, file, String(count)], { env }); return JSON.parse(readFileSync(file, 'utf8')) as Config; };
  const c1 = run(3);
  assert.equal(c1.defaultACLAccess.publishClientReceive, false);
  const byName = new Map(c1.clients.map((c) => [c.username, c]));
  assert.deepEqual([...byName.keys()].filter((u) => !byName.get(u)!.clientid).sort(), ['admin', 'registry']);
  for (const [u, c] of byName) if (c.clientid) assert.equal(c.clientid, u);
  assert.ok(byName.has('vitals-ingest-1-0') && byName.has('vitals-ingest-1-1') && !byName.has('ingest'));
  const dev1 = byName.get('dev-00001')!;
  assert.deepEqual(dev1.roles, [{ rolename: 'device/dev-00001' }]);
  assert.equal(pbkdf2Sync(devicePassword('secret', 'dev-00001'), Buffer.from(dev1.salt, 'base64'), dev1.iterations, 64, 'sha512').toString('base64'), dev1.password);
  const role = c1.roles.find((r) => r.rolename === 'device/dev-00001')!;
  assert.ok(role.acls.every((a) => a.topic.includes('/dev-00001/')));
  assert.ok(!c1.roles.filter((r) => !r.rolename.startsWith('device/') && r.rolename !== 'admin').some((r) => r.acls.some((a) => a.acltype === 'publishClientSend' && a.topic.startsWith('vitals/'))), 'no service role publishes device topics');
  // The broker revokes dev-00002 at runtime (its file); a later provision keeps it revoked.
  writeFileSync(file, JSON.stringify({ ...c1, clients: c1.clients.map((c) => (c.username === 'dev-00002' ? { ...c, disabled: true } : c)) }));
  const c2 = run(4);
  assert.equal(c2.clients.find((c) => c.username === 'dev-00002')!.disabled, true);
  assert.ok(c2.clients.some((c) => c.username === 'dev-00004'));
  assert.equal(c2.clients.find((c) => c.username === 'dev-00001')!.password, dev1.password, 'existing accounts untouched');
});

test('alert-worker replicas (issue 17): alerts, alerts-2 ... alerts-N, each bound to its own client id with the alerts role and its own password', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dynsec-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'dynamic-security.json');
  execFileSync(process.execPath, [SCRIPT, file, '1'], { env: { ...env, MQTT_ALERTS_REPLICAS: '3', MQTT_ALERTS_2_PASSWORD: 'al2', MQTT_ALERTS_3_PASSWORD: 'al3' } });
  const c = JSON.parse(readFileSync(file, 'utf8')) as Config;
  const alerts = c.clients.filter((x) => /^alerts(-\d+)?$/.test(x.username));
  assert.deepEqual(alerts.map((x) => x.username).sort(), ['alerts', 'alerts-2', 'alerts-3']);
  for (const [i, x] of alerts.entries()) {
    assert.equal(x.clientid, x.username, 'bound to its own client id');
    assert.deepEqual(x.roles, [{ rolename: 'alerts' }]);
    const pw = ({ alerts: 'al', 'alerts-2': 'al2', 'alerts-3': 'al3' } as Record<string, string>)[x.username]!;
    assert.equal(pbkdf2Sync(pw, Buffer.from(x.salt, 'base64'), x.iterations, 64, 'sha512').toString('base64'), x.password, `replica ${i + 1}'s own password`);
  }
  assert.ok(!c.roles.some((r) => r.rolename.startsWith('alerts-')), 'no role per replica: they share the alerts role');
});
