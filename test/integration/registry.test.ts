// The device registry through the API against the real Mosquitto (issue 15): an operator
// registers a device and gets its credentials once, rotates them, and revokes the device at
// runtime: the broker cuts it off within seconds and refuses it from then on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { telemetryTopic } from '../../services/common/topics.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { startFull } from '../helpers/full.js';
import { waitFor } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

const refused = /not authori[sz]ed|bad user ?name or password|connection refused/i;

test('register, rotate and revoke a device at runtime through the API', async (t) => {
  const f = await startFull(t, { registry: true });
  const deviceId = uid('reg');
  f.p.cleanup(async () => {
    await f.dynsec!.run({ command: 'deleteClient', username: deviceId }).catch(() => undefined);
    await f.dynsec!.run({ command: 'deleteRole', rolename: `device/${deviceId}` }).catch(() => undefined);
  });
  const call = (method: string, path: string, token: string, body?: unknown) => fetch(`${f.url}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const device = { deviceId, model: 'WX-200', firmware: '2.1.0' };
  assert.equal((await call('POST', '/api/v1/devices', f.tokens.clinician, device)).status, 403, 'clinicians do not register devices');
  const reg = await call('POST', '/api/v1/devices', f.tokens.operator, device);
  assert.equal(reg.status, 201);
  assert.equal(reg.headers.get('cache-control'), 'no-store');
  const creds = await reg.json() as { username: string; clientId: string; password: string };
  assert.equal((await call('POST', '/api/v1/devices', f.tokens.operator, device)).status, 409, 'registered once');

  const connect = (password: string, clientId = deviceId) => mqtt.connectAsync(f.p.s.mqttUrl, { username: deviceId, password, clientId, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000 });
  // Its readings flow through the pipeline; its account is bound to its client id.
  const { messages } = await f.p.collect(f.p.topics.vitals);
  const c1 = await connect(creds.password);
  await c1.publishAsync(telemetryTopic(deviceId), Buffer.from(encodeBatch(makeBatch({ deviceId }))), { qos: 1 });
  await waitFor('the registered device\'s batch in Kafka', () => messages.length >= 1 || undefined);
  await c1.endAsync();
  await assert.rejects(connect(creds.password, uid('other-id')), refused);

  // Rotation: the old password stops working, the new one works.
  const rot = await call('POST', `/api/v1/devices/${deviceId}/credentials`, f.tokens.operator);
  assert.equal(rot.status, 200);
  const rotated = await rot.json() as { password: string };
  assert.notEqual(rotated.password, creds.password);
  await assert.rejects(connect(creds.password), refused);
  const live = await connect(rotated.password);
  t.after(() => live.endAsync(true));

  // Revocation of a connected device: cut off within seconds, refused when it reconnects.
  const closed = new Promise<number>((resolve) => live.once('close', () => resolve(Date.now())));
  const t0 = Date.now();
  assert.equal((await call('POST', `/api/v1/devices/${deviceId}/revoke`, f.tokens.operator)).status, 204);
  const cutMs = (await Promise.race([closed, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('still connected 5 s after revocation')), 5000))])) - t0;
  assert.ok(cutMs < 5000, `cut off after ${cutMs} ms`);
  t.diagnostic(`revoked device cut off after ${cutMs} ms`);
  await assert.rejects(connect(rotated.password), refused);
  const record = await (await call('GET', `/api/v1/devices/${deviceId}/registration`, f.tokens.operator)).json() as { revoked: boolean; model: string; firmware: string };
  assert.deepEqual({ revoked: record.revoked, model: record.model, firmware: record.firmware }, { revoked: true, model: 'WX-200', firmware: '2.1.0' });
  assert.equal((await call('POST', '/api/v1/devices/nope-404/revoke', f.tokens.operator)).status, 404);
});
