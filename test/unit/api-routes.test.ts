// inject() tests of every API route (issue 13), on small fakes of the API's narrow dependencies
// (test/unit/api-fakes.ts): each route's success path, its validation error, auth (401/403,
// API_ERR_FORBIDDEN_WARD for another ward's patient) and, for every change, the audit-first rule
// (the trail is down -> 503, nothing done). The last test lists the routes the app registers and
// fails for any route no test reached, or reached only with errors. The real-stack tests
// (test/integration/api.test.ts and others) stay: these prove the routes, not the pipeline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiDeps } from '../../services/api/app.js';
import { openApiDocument } from '../../services/api/openapi.js';
import { dashboardFiles } from '../../services/api/static-routes.js';
import { ALERT_1, ALERT_2, TOKENS, alert, coverage, harness, nurseToken, type Harness } from './api-fakes.js';

const P = '/api/v1';

/**
 * The audit-first rule: with the trail down, each request is 503 API_ERR_AUDIT_UNAVAILABLE and
 * nothing happens behind the API (no command sent, no registry or account change).
 */
async function refusedWithoutAudit(h: Harness, requests: (readonly [string, string, unknown?])[]) {
  h.f.auditDown = true;
  const changes = [...h.f.changes];
  const sent = h.f.sent.length;
  for (const [method, url, body] of requests) {
    const r = await h.call(method, url, TOKENS.operator, body);
    assert.equal(r.statusCode, 503, `${method} ${url}`);
    assert.equal(r.json().error, 'API_ERR_AUDIT_UNAVAILABLE', `${method} ${url}`);
  }
  assert.deepEqual(h.f.changes, changes, 'nothing changed without its audit entry');
  assert.equal(h.f.sent.length, sent, 'no command sent without its audit entry');
}

test('ops: healthz and openapi are public; metrics are for operators', async (t) => {
  const { call } = await harness(t);
  assert.deepEqual((await call('GET', '/healthz', null)).json(), { status: 'ok' });
  const doc = await call('GET', '/openapi.json', null);
  assert.equal(doc.statusCode, 200);
  assert.match(String(doc.json().openapi), /^3\./);
  const metrics = await call('GET', '/metrics');
  assert.equal(metrics.statusCode, 200);
  assert.match(metrics.body, /vitals_api_requests_total/);
  assert.equal(metrics.headers['cache-control'], 'no-store');
  assert.equal((await call('GET', '/metrics', null)).json().error, 'API_ERR_UNAUTHORIZED');
  assert.equal((await call('GET', '/metrics', 'not-a-valid-token-at-all')).statusCode, 401);
  const clin = await call('GET', '/metrics', TOKENS.clinician);
  assert.equal(clin.statusCode, 403);
  assert.equal(clin.json().error, 'API_ERR_FORBIDDEN');
});

test('static: the page, every dashboard script and style, uPlot; security headers on each', async (t) => {
  const { call } = await harness(t);
  for (const [url, [type]] of dashboardFiles()) {
    const r = await call('GET', url, null);
    assert.equal(r.statusCode, 200, url);
    assert.ok(String(r.headers['content-type']).startsWith(type), `${url}: ${r.headers['content-type']}`);
    assert.ok(r.body.length > 0, url);
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.match(String(r.headers['content-security-policy']), /script-src 'self';/);
  }
  // Every script the page loads is served.
  const page = (await call('GET', '/', null)).body;
  for (const m of page.matchAll(/<script src="([^"]+)"/g)) assert.equal((await call('GET', m[1]!, null)).statusCode, 200, m[1]);
  const missing = await call('GET', '/nope.js', null);
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error, 'API_ERR_NOT_FOUND');
});

test('catalogue: GET /vitals for any signed-in role, 401 without', async (t) => {
  const { call } = await harness(t);
  const r = await call('GET', `${P}/vitals`, TOKENS.clinician);
  assert.equal(r.statusCode, 200);
  const vitals = r.json().vitals as { key: string; loinc: string }[];
  assert.ok(vitals.some((v) => v.key === 'heart_rate' && v.loinc === '8867-4'));
  assert.equal((await call('GET', `${P}/vitals`, null)).statusCode, 401);
});

test('ward: patients, one patient, monitoring and devices, scoped to the account\'s wards', async (t) => {
  const h = await harness(t);
  const { call } = h;
  const all = await call('GET', `${P}/patients`, TOKENS.clinician);
  assert.equal(all.statusCode, 200);
  assert.deepEqual((all.json().patients as { patientId: string }[]).map((p) => p.patientId), ['pat-1', 'pat-2']);
  const nurse = await nurseToken(h);
  const mine = (await call('GET', `${P}/patients`, nurse)).json();
  assert.deepEqual((mine.patients as { patientId: string; ward: string }[]).map((p) => [p.patientId, p.ward]), [['pat-1', 'w1']]);
  assert.ok(['live', 'starting'].includes((mine.monitoring as { state: string }).state));

  const one = await call('GET', `${P}/patients/pat-1`, nurse);
  assert.equal(one.statusCode, 200);
  assert.equal(one.json().patientId, 'pat-1');
  assert.equal((one.json().alerts as unknown[]).length, 1);
  assert.equal((await call('GET', `${P}/patients/pat-2`, nurse)).json().error, 'API_ERR_FORBIDDEN_WARD');
  assert.equal((await call('GET', `${P}/patients/bad%20id`)).json().error, 'API_ERR_BAD_REQUEST');
  assert.equal((await call('GET', `${P}/patients/pat-404`)).json().error, 'API_ERR_NOT_FOUND');
  assert.equal((await call('GET', `${P}/patients/${'p'.repeat(201)}`)).statusCode, 414, 'path parameters are at most 200 characters');
  assert.equal((await call('GET', `${P}/patients/${'p'.repeat(200)}`)).statusCode, 400, 'the patient id pattern: at most 64');
  assert.equal((await call('GET', `${P}/patients`, null)).statusCode, 401);

  const mon = await call('GET', `${P}/monitoring`, TOKENS.clinician);
  assert.equal(mon.statusCode, 200);
  assert.ok(Array.isArray(mon.json().reasons));
  assert.equal((await call('GET', `${P}/monitoring`, null)).statusCode, 401);

  assert.deepEqual(((await call('GET', `${P}/devices`)).json().devices as { deviceId: string }[]).map((d) => d.deviceId), ['dev-1', 'dev-2', 'dev-9']);
  assert.deepEqual(((await call('GET', `${P}/devices`, nurse)).json().devices as { deviceId: string }[]).map((d) => d.deviceId), ['dev-1'], 'the nurse sees her ward\'s devices only');
  assert.equal((await call('GET', `${P}/devices`, null)).statusCode, 401);
});

test('ward: a fresh live view is filled from InfluxDB', async (t) => {
  const h = await harness(t);
  h.f.view.latest.clear();
  h.f.view.devices.clear();
  h.f.rows.latest = [{ patient_id: 'pat-1', kind: 'spo2', _value: 97, _time: new Date().toISOString() }];
  h.f.rows.devices = [{ device_id: 'dev-5', patient_id: 'pat-1', _value: 55, _time: new Date().toISOString() }];
  const p = (await h.call('GET', `${P}/patients/pat-1`)).json();
  assert.equal((p.latest as Record<string, { value: number }>).spo2!.value, 97);
  assert.deepEqual(((await h.call('GET', `${P}/devices`)).json().devices as { deviceId: string; battery: number }[]).map((d) => [d.deviceId, d.battery]), [['dev-5', 55]]);
  assert.ok(h.f.queries.every((q) => q.includes('"test-bucket"')));
});

test('series: a vital\'s series and the FHIR export; bad kind, range and resolution are 400', async (t) => {
  const h = await harness(t);
  const { call } = h;
  const at = Date.now() - 60_000;
  h.f.rows.series = [{ _time: new Date(at).toISOString(), _value: 71.5 }];
  const s = await call('GET', `${P}/patients/pat-1/vitals?kind=heart_rate`, TOKENS.clinician);
  assert.equal(s.statusCode, 200);
  assert.deepEqual(s.json().points, [[at, 71.5]]);
  assert.equal(s.json().unit, '/min');
  assert.equal(s.json().every, '8s', 'about 500 points over the default hour');
  for (const q of ['kind=pulse', 'kind=heart_rate&start=2026-01-02T00:00:00Z&stop=2026-01-01T00:00:00Z', 'kind=heart_rate&start=2025-01-01T00:00:00Z&stop=2026-01-01T00:00:00Z', 'kind=heart_rate&every=1ms', 'kind=heart_rate&extra=1']) {
    const r = await call('GET', `${P}/patients/pat-1/vitals?${q}`);
    assert.equal(r.statusCode, 400, q);
    assert.equal(r.json().error, 'API_ERR_BAD_REQUEST', q);
  }
  const nurse = await nurseToken(h);
  assert.equal((await call('GET', `${P}/patients/pat-2/vitals?kind=heart_rate`, nurse)).json().error, 'API_ERR_FORBIDDEN_WARD');
  assert.equal((await call('GET', `${P}/patients/pat-1/vitals?kind=heart_rate`, null)).statusCode, 401);

  h.f.rows.raw = [{ _time: new Date(at).toISOString(), _value: 97, kind: 'spo2', device_id: 'dev-1' }];
  const fhir = await call('GET', `${P}/patients/pat-1/fhir`, nurse);
  assert.equal(fhir.statusCode, 200);
  assert.match(String(fhir.headers['content-type']), /application\/fhir\+json/);
  assert.equal(fhir.json().resourceType, 'Bundle');
  assert.equal(fhir.json().total, 1);
  assert.equal((await call('GET', `${P}/patients/pat-1/fhir?limit=0`)).json().error, 'API_ERR_BAD_REQUEST');
  assert.equal((await call('GET', `${P}/patients/pat-2/fhir`, nurse)).json().error, 'API_ERR_FORBIDDEN_WARD');
  assert.equal((await call('GET', `${P}/patients/pat-1/fhir`, null)).statusCode, 401);
});

test('alerts: list and read, filtered by ward, state and patient', async (t) => {
  const h = await harness(t);
  const { call } = h;
  const ids = async (q: string, token = TOKENS.clinician) => ((await call('GET', `${P}/alerts${q}`, token)).json().alerts as { id: string }[]).map((a) => a.id);
  assert.deepEqual((await ids('')).sort(), [ALERT_1, ALERT_2]);
  assert.deepEqual(await ids('?state=acknowledged'), [ALERT_2]);
  assert.deepEqual(await ids('?patient=pat-1'), [ALERT_1]);
  const nurse = await nurseToken(h);
  assert.deepEqual(await ids('', nurse), [ALERT_1]);
  assert.equal((await call('GET', `${P}/alerts?state=closed`)).json().error, 'API_ERR_BAD_REQUEST');
  assert.equal((await call('GET', `${P}/alerts`, null)).statusCode, 401);

  const one = await call('GET', `${P}/alerts/${ALERT_1}`, nurse);
  assert.equal(one.statusCode, 200);
  assert.equal(one.json().ward, 'w1');
  assert.equal((await call('GET', `${P}/alerts/${ALERT_2}`, nurse)).json().error, 'API_ERR_FORBIDDEN_WARD');
  assert.equal((await call('GET', `${P}/alerts/not-an-id`)).json().error, 'API_ERR_BAD_REQUEST');
  assert.equal((await call('GET', `${P}/alerts/${'c'.repeat(24)}`)).json().error, 'API_ERR_NOT_FOUND');
  assert.equal((await call('GET', `${P}/alerts/${ALERT_1}`, null)).statusCode, 401);
});

test('alerts: acknowledge and resolve send one command each, by the signed-in principal, audit first', async (t) => {
  const h = await harness(t);
  const { call, f } = h;
  const ack = await call('POST', `${P}/alerts/${ALERT_1}/acknowledge`, TOKENS.clinician, {});
  assert.equal(ack.statusCode, 202);
  assert.deepEqual(ack.json(), { accepted: true, alertId: ALERT_1, requested: 'acknowledge' });
  assert.equal(f.sent.length, 1);
  assert.deepEqual({ ...f.sent[0]!, value: { ...f.sent[0]!.value, at: 0 } }, { topic: 'test.commands', key: 'pat-1', value: { type: 'acknowledge', patientId: 'pat-1', alertId: ALERT_1, by: 'token:clinician', at: 0 } });
  assert.deepEqual(f.audit.map((e) => [e.action, e.actor, e.target]), [['alert.acknowledge', 'token:clinician', `alert:${ALERT_1}`]]);

  // Nobody resolves a condition that is still present (IEC 60601-1-8); a cleared one, yes.
  const refused = await call('POST', `${P}/alerts/${ALERT_1}/resolve`, TOKENS.clinician);
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().error, 'API_ERR_CONFLICT');
  f.view.alerts.set(ALERT_1, alert({ conditionActive: false }));
  assert.equal((await call('POST', `${P}/alerts/${ALERT_1}/resolve`, TOKENS.clinician)).statusCode, 202);
  assert.equal(f.sent.at(-1)!.value.type, 'resolve');
  f.view.alerts.set(ALERT_1, alert({ state: 'resolved' }));
  assert.equal((await call('POST', `${P}/alerts/${ALERT_1}/acknowledge`)).json().error, 'API_ERR_CONFLICT');

  const nurse = await nurseToken(h);
  for (const action of ['acknowledge', 'resolve']) {
    assert.equal((await call('POST', `${P}/alerts/${ALERT_2}/${action}`, nurse)).json().error, 'API_ERR_FORBIDDEN_WARD', action);
    assert.equal((await call('POST', `${P}/alerts/${ALERT_2}/${action}`, TOKENS.clinician, { by: 'someone-else' })).json().error, 'API_ERR_BAD_REQUEST', `${action}: no author in the body`);
    assert.equal((await call('POST', `${P}/alerts/${ALERT_2}/${action}`, null)).statusCode, 401);
  }
  assert.equal(f.sent.length, 2);

  f.view.alerts.set(ALERT_1, alert({ conditionActive: false }));
  await refusedWithoutAudit(h, [['POST', `${P}/alerts/${ALERT_1}/acknowledge`], ['POST', `${P}/alerts/${ALERT_1}/resolve`]]);
});

test('clinical: observations and SpO2 scale (clinicians), limits (operators), audit first', async (t) => {
  const h = await harness(t);
  const { call, f } = h;
  const obs = await call('POST', `${P}/patients/pat-1/observations`, TOKENS.clinician, { consciousness: 'V', supplementalOxygen: true });
  assert.equal(obs.statusCode, 202);
  assert.deepEqual(f.sent.map((s) => [s.key, s.value.type, s.value.consciousness, s.value.by]), [['pat-1', 'observation', 'V', 'token:clinician']]);
  assert.equal((await call('POST', `${P}/patients/pat-1/observations`, TOKENS.clinician, {})).json().error, 'API_ERR_BAD_REQUEST');
  assert.equal((await call('POST', `${P}/patients/pat-1/observations`, TOKENS.clinician, { consciousness: 'X' })).statusCode, 400);

  const scale = await call('PUT', `${P}/patients/pat-1/spo2-scale`, TOKENS.clinician, { scale: 2, reason: 'hypercapnic COPD' });
  assert.equal(scale.statusCode, 202);
  assert.deepEqual([f.sent.at(-1)!.value.type, f.sent.at(-1)!.value.scale], ['spo2-scale', 2]);
  assert.equal((await call('PUT', `${P}/patients/pat-1/spo2-scale`, TOKENS.clinician, { scale: 3, reason: 'hypercapnic COPD' })).json().error, 'API_ERR_BAD_REQUEST');
  assert.equal((await call('PUT', `${P}/patients/pat-1/spo2-scale`, TOKENS.clinician, { scale: 2 })).statusCode, 400);

  const limits = { heart_rate: { low: 40, high: 130, delayMs: 5000 } };
  assert.equal((await call('PUT', `${P}/patients/pat-1/limits`, TOKENS.clinician, limits)).json().error, 'API_ERR_FORBIDDEN');
  const put = await call('PUT', `${P}/patients/pat-1/limits`, TOKENS.operator, limits);
  assert.equal(put.statusCode, 202);
  const { at, ...sent } = f.sent.at(-1)!.value as { at: number };
  assert.deepEqual(sent, { type: 'limits', patientId: 'pat-1', overrides: limits, by: 'token:operator' });
  assert.ok(Math.abs(at - Date.now()) < 60_000, `limits command time ${at}`);
  const got = await call('GET', `${P}/patients/pat-1/limits`, TOKENS.clinician);
  assert.deepEqual(got.json(), { patientId: 'pat-1', overrides: limits });
  assert.equal((await call('PUT', `${P}/patients/pat-1/limits`, TOKENS.operator, { heart_rate: { low: 130, high: 40 } })).json().error, 'API_ERR_BAD_REQUEST');
  assert.equal((await call('PUT', `${P}/patients/pat-1/limits`, TOKENS.operator, { pulse: { low: 1 } })).statusCode, 400);
  assert.equal((await call('GET', `${P}/patients/bad%20id/limits`)).statusCode, 400);
  assert.deepEqual(f.audit.map((e) => e.action), ['patient.observation', 'patient.spo2-scale', 'patient.limits']);

  const nurse = await nurseToken(h);
  assert.equal((await call('POST', `${P}/patients/pat-2/observations`, nurse, { consciousness: 'A' })).json().error, 'API_ERR_FORBIDDEN_WARD');
  assert.equal((await call('PUT', `${P}/patients/pat-2/spo2-scale`, nurse, { scale: 1, reason: 'back to scale 1' })).json().error, 'API_ERR_FORBIDDEN_WARD');
  assert.equal((await call('GET', `${P}/patients/pat-2/limits`, nurse)).json().error, 'API_ERR_FORBIDDEN_WARD');
  for (const [m, path] of [['POST', 'observations'], ['PUT', 'spo2-scale'], ['GET', 'limits'], ['PUT', 'limits']] as const) {
    assert.equal((await call(m, `${P}/patients/pat-1/${path}`, null, m === 'GET' ? undefined : {})).statusCode, 401, path);
  }

  await refusedWithoutAudit(h, [
    ['POST', `${P}/patients/pat-1/observations`, { consciousness: 'A' }], ['PUT', `${P}/patients/pat-1/spo2-scale`, { scale: 1, reason: 'back to scale 1' }], ['PUT', `${P}/patients/pat-1/limits`, { spo2: { low: 85 } }],
  ]);
  assert.deepEqual(f.view.limits.get('pat-1'), limits, 'the limits are unchanged');
});

test('stream: a one-time ticket opens the stream, filtered to the reader\'s wards', async (t) => {
  const h = await harness(t);
  const { call, f, app } = h;
  const nurse = await nurseToken(h);
  const ticket = await call('POST', `${P}/stream/ticket`, nurse);
  assert.equal(ticket.statusCode, 201);
  assert.equal(ticket.json().expiresInMs, 30_000);
  assert.equal((await call('POST', `${P}/stream/ticket`, null)).statusCode, 401);
  assert.equal((await call('GET', `${P}/stream?ticket=made-up`, null)).json().error, 'API_ERR_UNAUTHORIZED');

  const res = app.inject({ method: 'GET', url: `${P}/stream?ticket=${ticket.json().ticket as string}` });
  while (f.view.events.listenerCount('vitals') === 0) await new Promise((r) => setTimeout(r, 5));
  f.view.events.emit('vitals', { patientId: 'pat-2', at: 1, values: { heart_rate: 99 } });
  f.view.events.emit('vitals', { patientId: 'pat-1', at: 1, values: { heart_rate: 77 } });
  f.view.events.emit('status', { deviceId: 'dev-9', patientId: '', online: false });
  // The ticket was spent: a second stream with it is refused.
  assert.equal((await call('GET', `${P}/stream?ticket=${ticket.json().ticket as string}`, null)).statusCode, 401);
  await app.close(); // ends every open stream
  const body = (await res).body;
  assert.equal((await res).statusCode, 200);
  assert.match(body, /^retry: 2000\n\nevent: monitoring\n/);
  assert.match(body, /event: vitals\ndata: \{"patientId":"pat-1"/);
  assert.doesNotMatch(body, /pat-2|dev-9/, 'another ward\'s patient and an unassigned device are not shown to a ward nurse');
});

test('stream: a bearer header opens it too; over maxStreams is 503', async (t) => {
  const { app, f } = await harness(t);
  const open = () => app.inject({ method: 'GET', url: `${P}/stream`, headers: { authorization: `Bearer ${TOKENS.clinician}` } });
  const streams = [open(), open()];
  while (f.view.events.listenerCount('vitals') < 2) await new Promise((r) => setTimeout(r, 5));
  const third = await open();
  assert.equal(third.statusCode, 503);
  assert.equal(third.json().error, 'API_ERR_UNAVAILABLE');
  await app.close();
  for (const s of await Promise.all(streams)) assert.equal(s.statusCode, 200);
});

test('devices: register, read, rotate and revoke (operators), audit first; credentials are not cached', async (t) => {
  const h = await harness(t);
  const { call, f } = h;
  const reg = await call('POST', `${P}/devices`, TOKENS.operator, { deviceId: 'dev-new', model: 'watch', firmware: '2.1' });
  assert.equal(reg.statusCode, 201);
  assert.equal(reg.json().password, 'secret-dev-new');
  assert.equal(reg.headers['cache-control'], 'no-store');
  assert.equal((await call('POST', `${P}/devices`, TOKENS.operator, { deviceId: 'dev-new', model: 'watch', firmware: '2.1' })).json().error, 'API_ERR_CONFLICT');
  assert.equal((await call('POST', `${P}/devices`, TOKENS.operator, { deviceId: 'dev new', model: 'watch', firmware: '2.1' })).json().error, 'API_ERR_BAD_REQUEST');
  assert.equal((await call('POST', `${P}/devices`, TOKENS.clinician, { deviceId: 'dev-x', model: 'watch', firmware: '2.1' })).json().error, 'API_ERR_FORBIDDEN');
  const got = await call('GET', `${P}/devices/dev-new/registration`);
  assert.equal(got.statusCode, 200);
  assert.equal(got.json().model, 'watch');
  assert.equal((await call('GET', `${P}/devices/dev-404/registration`)).json().error, 'API_ERR_NOT_FOUND');
  const rot = await call('POST', `${P}/devices/dev-new/credentials`);
  assert.equal(rot.statusCode, 200);
  assert.equal(rot.headers['cache-control'], 'no-store');
  assert.equal((await call('POST', `${P}/devices/dev-404/credentials`)).json().error, 'API_ERR_NOT_FOUND');
  assert.equal((await call('POST', `${P}/devices/dev-new/revoke`)).statusCode, 204);
  assert.equal((await call('POST', `${P}/devices/bad%20id/revoke`)).statusCode, 400);
  for (const [m, path] of [['GET', 'dev-new/registration'], ['POST', 'dev-new/credentials'], ['POST', 'dev-new/revoke']]) {
    assert.equal((await call(m!, `${P}/devices/${path}`, TOKENS.clinician)).json().error, 'API_ERR_FORBIDDEN', path);
    assert.equal((await call(m!, `${P}/devices/${path}`, null)).statusCode, 401, path);
  }
  assert.deepEqual(f.audit.map((e) => e.action), ['device.register', 'device.register', 'device.register.failed', 'device.rotate', 'device.revoke']);
  assert.ok(!JSON.stringify(f.audit).includes('secret-'), 'no credentials in the audit trail');

  await refusedWithoutAudit(h, [['POST', `${P}/devices`, { deviceId: 'dev-z', model: 'watch', firmware: '2.1' }], ['POST', `${P}/devices/dev-1/credentials`], ['POST', `${P}/devices/dev-1/revoke`]]);
});

test('people: sign in, whoami, refresh, sign out; wrong password and disabled account are one answer', async (t) => {
  const h = await harness(t);
  const { call, f } = h;
  const token = await nurseToken(h);
  assert.match(token, /^vs1\./);
  const me = await call('GET', `${P}/session`, token);
  assert.deepEqual(me.json(), { id: 'nurse-w1', role: 'clinician', wards: ['w1'] });
  assert.equal((await call('GET', `${P}/session`, null)).statusCode, 401);
  const refreshed = await call('POST', `${P}/session/refresh`, token);
  assert.equal(refreshed.statusCode, 201);
  assert.match(String(refreshed.json().token), /^vs1\./);
  assert.equal((await call('POST', `${P}/session/refresh`, TOKENS.operator)).json().error, 'API_ERR_BAD_REQUEST', 'static tokens do not refresh');
  assert.equal((await call('POST', `${P}/session/refresh`, null)).statusCode, 401);
  const wrong = await call('POST', `${P}/session`, null, { username: 'nurse-w1', password: 'not-the-password' });
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.json().error, 'API_ERR_SIGN_IN_FAILED');
  assert.equal((await call('POST', `${P}/session`, null, { username: 'nurse-w1' })).json().error, 'API_ERR_BAD_REQUEST');

  assert.equal((await call('DELETE', `${P}/session`, token)).statusCode, 204);
  assert.equal((await call('GET', `${P}/session`, token)).statusCode, 401, 'signed out: every session of the account ends');
  assert.equal((await call('DELETE', `${P}/session`, null)).statusCode, 401);
  assert.deepEqual(f.audit.map((e) => e.action), ['session.create', 'session.refused', 'session.end']);

  // The trail is down: no session is issued, none is ended.
  const token2 = await nurseToken(h);
  f.auditDown = true;
  const refused = await call('POST', `${P}/session`, null, { username: 'nurse-w1', password: 'ward-one-nurse-password' });
  assert.equal(refused.statusCode, 503);
  assert.equal(refused.json().error, 'API_ERR_AUDIT_UNAVAILABLE');
  assert.equal((await call('DELETE', `${P}/session`, token2)).statusCode, 503);
  assert.equal((await call('GET', `${P}/session`, token2)).statusCode, 200, 'the session was not ended');
});

test('people: accounts (operators) and the audit trail, audit first', async (t) => {
  const h = await harness(t);
  const { call } = h;
  const created = await call('POST', `${P}/accounts`, TOKENS.operator, { username: 'nurse-w2', password: 'ward-two-nurse-password', role: 'clinician', wards: ['w2'] });
  assert.equal(created.statusCode, 201);
  assert.equal(created.json().passwordHash, undefined, 'no hash in a response');
  assert.equal((await call('POST', `${P}/accounts`, TOKENS.operator, { username: 'nurse-w2', password: 'ward-two-nurse-password', role: 'clinician', wards: ['w2'] })).json().error, 'API_ERR_CONFLICT');
  assert.equal((await call('POST', `${P}/accounts`, TOKENS.operator, { username: 'nurse-w3', password: 'ward-three-password', role: 'clinician' })).json().error, 'API_ERR_BAD_REQUEST', 'a clinician needs a ward');
  assert.equal((await call('POST', `${P}/accounts`, TOKENS.clinician, { username: 'nurse-w3', password: 'ward-three-password', role: 'operator' })).json().error, 'API_ERR_FORBIDDEN');
  const list = await call('GET', `${P}/accounts`);
  assert.deepEqual((list.json().accounts as { username: string }[]).map((a) => a.username).sort(), ['nurse-w1', 'nurse-w2']);
  assert.equal((await call('GET', `${P}/accounts`, TOKENS.clinician)).statusCode, 403);
  assert.equal((await call('GET', `${P}/accounts`, null)).statusCode, 401);

  const nurse = await nurseToken(h);
  assert.equal((await call('POST', `${P}/accounts/nurse-w1/disable`)).json().disabled, true);
  assert.equal((await call('GET', `${P}/session`, nurse)).statusCode, 401, 'disabled: its sessions end at once');
  assert.equal((await call('POST', `${P}/accounts/nurse-w1/enable`)).json().disabled, false);
  assert.equal((await call('POST', `${P}/accounts/nobody/enable`)).json().error, 'API_ERR_NOT_FOUND');
  assert.equal((await call('POST', `${P}/accounts/NOT%20A%20NAME/disable`)).json().error, 'API_ERR_BAD_REQUEST');
  for (const a of ['disable', 'enable']) assert.equal((await call('POST', `${P}/accounts/nurse-w1/${a}`, TOKENS.clinician)).statusCode, 403, a);

  const audit = await call('GET', `${P}/audit?action=account.create`);
  assert.equal(audit.statusCode, 200);
  assert.deepEqual((audit.json().entries as { target: string }[]).map((e) => e.target), ['account:nurse-w2']);
  assert.equal((await call('GET', `${P}/audit?limit=0`)).json().error, 'API_ERR_BAD_REQUEST');
  assert.equal((await call('GET', `${P}/audit`, TOKENS.clinician)).statusCode, 403);
  const fhir = await call('GET', `${P}/audit/fhir?limit=5`);
  assert.equal(fhir.statusCode, 200);
  assert.equal(fhir.json().resourceType, 'Bundle');
  assert.equal((await call('GET', `${P}/audit/fhir?since=yesterday`)).statusCode, 400);
  assert.equal((await call('GET', `${P}/audit/fhir`, null)).statusCode, 401);

  await refusedWithoutAudit(h, [['POST', `${P}/accounts`, { username: 'nurse-w4', password: 'ward-four-password', role: 'operator' }], ['POST', `${P}/accounts/nurse-w2/disable`], ['POST', `${P}/accounts/nurse-w2/enable`]]);
});

test('patients: admissions, transfers, discharge (with its command), assignments, notices; ward scoping; audit first', async (t) => {
  const h = await harness(t);
  const { call, f } = h;
  const nurse = await nurseToken(h);
  const list = await call('GET', `${P}/admissions`, nurse);
  assert.deepEqual((list.json().patients as { patientId: string; devices: string[] }[]).map((p) => [p.patientId, p.devices]), [['pat-1', ['dev-1']]]);
  assert.equal((await call('GET', `${P}/admissions?ward=w2`)).json().patients instanceof Array, true);
  assert.equal((await call('GET', `${P}/admissions?discharged=maybe`)).json().error, 'API_ERR_BAD_REQUEST');
  assert.equal((await call('GET', `${P}/admissions`, null)).statusCode, 401);
  assert.equal((await call('GET', `${P}/admissions/pat-1`, nurse)).json().ward, 'w1');
  assert.equal((await call('GET', `${P}/admissions/pat-2`, nurse)).json().error, 'API_ERR_FORBIDDEN_WARD');
  assert.equal((await call('GET', `${P}/admissions/pat-404`)).json().error, 'API_ERR_NOT_FOUND');

  const adm = await call('POST', `${P}/admissions`, TOKENS.operator, { patientId: 'pat-3', displayName: 'Ann Other', ward: 'w1', bed: '3' });
  assert.equal(adm.statusCode, 201);
  assert.equal((await call('POST', `${P}/admissions`, TOKENS.operator, { patientId: 'pat-3', displayName: 'Ann Other', ward: 'w1', bed: '3' })).json().error, 'API_ERR_CONFLICT');
  assert.equal((await call('POST', `${P}/admissions`, TOKENS.operator, { patientId: 'pat-4', displayName: '<b>', ward: 'w1', bed: '3' })).json().error, 'API_ERR_BAD_REQUEST');
  assert.equal((await call('POST', `${P}/admissions`, nurse, { patientId: 'pat-4', displayName: 'Bo', ward: 'w1', bed: '3' })).json().error, 'API_ERR_FORBIDDEN');
  const tr = await call('POST', `${P}/admissions/pat-3/transfer`, TOKENS.operator, { ward: 'w2', bed: '7' });
  assert.equal(tr.statusCode, 200);
  assert.equal(tr.json().ward, 'w2');
  assert.equal((await call('POST', `${P}/admissions/pat-3/transfer`, TOKENS.operator, { ward: 'w2' })).statusCode, 400);
  assert.equal((await call('POST', `${P}/admissions/pat-404/transfer`, TOKENS.operator, { ward: 'w2', bed: '1' })).json().error, 'API_ERR_NOT_FOUND');

  const asg = await call('POST', `${P}/assignments`, TOKENS.operator, { deviceId: 'dev-3', patientId: 'pat-3' });
  assert.equal(asg.statusCode, 201);
  assert.equal((await call('POST', `${P}/assignments`, TOKENS.operator, { deviceId: 'dev-3', patientId: 'pat-3', from: 'soon' })).statusCode, 400);
  assert.equal((await call('GET', `${P}/assignments/dev-3`, TOKENS.clinician)).json().deviceId, 'dev-3');
  assert.equal((await call('GET', `${P}/assignments/dev-404`)).json().error, 'API_ERR_NOT_FOUND');
  assert.equal((await call('GET', `${P}/assignments/dev-3`, null)).statusCode, 401);
  assert.equal((await call('POST', `${P}/assignments/dev-1/end`, TOKENS.operator, {})).statusCode, 200);
  assert.equal((await call('POST', `${P}/assignments/dev-1/end`, TOKENS.operator)).json().error, 'API_ERR_CONFLICT');
  assert.equal((await call('POST', `${P}/assignments/dev-1/end`, TOKENS.operator, { at: 'never' })).statusCode, 400);

  const dis = await call('POST', `${P}/admissions/pat-3/discharge`, TOKENS.operator);
  assert.equal(dis.statusCode, 200);
  assert.deepEqual(dis.json().endedAssignments, ['dev-3']);
  assert.deepEqual(f.sent.map((s) => [s.key, s.value.type, s.value.by]), [['pat-3', 'discharge', 'token:operator']]);
  assert.equal((await call('POST', `${P}/admissions/pat-3/discharge`, TOKENS.operator)).json().error, 'API_ERR_CONFLICT');
  assert.equal((await call('POST', `${P}/admissions/bad%20id/discharge`, TOKENS.operator)).statusCode, 400);
  for (const path of ['admissions/pat-1/transfer', 'admissions/pat-1/discharge', 'assignments', 'assignments/dev-1/end']) {
    assert.equal((await call('POST', `${P}/${path}`, nurse, {})).json().error, 'API_ERR_FORBIDDEN', path);
    assert.equal((await call('POST', `${P}/${path}`, null, {})).statusCode, 401, path);
  }

  const notices = await call('GET', `${P}/notices`, TOKENS.clinician);
  assert.deepEqual((notices.json().notices as { deviceId: string; kind: string }[]).map((n) => [n.deviceId, n.kind]), [['dev-9', 'unassigned-device']]);
  assert.equal((await call('GET', `${P}/notices`, null)).statusCode, 401);
  assert.deepEqual(f.audit.filter((e) => !e.action.startsWith('session')).map((e) => e.action),
    ['patient.admit', 'patient.admit', 'patient.admit.failed', 'patient.transfer', 'patient.transfer', 'patient.transfer.failed', 'device.assign', 'device.unassign', 'device.unassign', 'device.unassign.failed', 'patient.discharge']);

  await refusedWithoutAudit(h, [
    ['POST', `${P}/admissions`, { patientId: 'pat-5', displayName: 'Cy', ward: 'w1', bed: '5' }], ['POST', `${P}/admissions/pat-1/transfer`, { ward: 'w2', bed: '2' }], ['POST', `${P}/admissions/pat-1/discharge`],
    ['POST', `${P}/assignments`, { deviceId: 'dev-5', patientId: 'pat-1' }], ['POST', `${P}/assignments/dev-3/end`],
  ]);
  assert.equal(f.sent.length, 1, 'only the one discharge command of before');
});

test('without the optional dependencies, their routes are absent', async (t) => {
  const { call } = await harness(t, (d: ApiDeps) => ({ ...d, devices: undefined, people: undefined, patients: undefined }) as ApiDeps);
  for (const [m, url] of [['POST', `${P}/devices`], ['POST', `${P}/session`], ['GET', `${P}/admissions`], ['GET', `${P}/audit`]]) {
    assert.equal((await call(m!, url!, TOKENS.operator, m === 'POST' ? {} : undefined)).json().error, 'API_ERR_NOT_FOUND', url);
  }
});

// Keep last: every route the full app registers was reached by a test above with a success.
test('every registered route has an inject test with a success', async (t) => {
  const routes: string[] = [];
  const { app } = await harness(t);
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push(`${m} ${r.url}`);
  });
  await app.ready();
  assert.ok(routes.length >= 50, `the app registers its routes (${routes.length})`);
  const untested = routes.filter((r) => !coverage.has(r));
  assert.deepEqual(untested, [], 'routes without an inject test');
  const neverOk = routes.filter((r) => !coverage.get(r)!.some((s) => s < 400));
  assert.deepEqual(neverOk, [], 'routes tested only with errors');

  // Every /api/ route is in the OpenAPI document. The ticket route is not yet (openapi.ts is
  // another change's file): empty this list once it is.
  const NOT_YET_DOCUMENTED = ['POST /api/v1/stream/ticket'];
  const paths = openApiDocument.paths as Record<string, Record<string, unknown>>;
  const undocumented = routes.filter((r) => r.includes(' /api/')).filter((r) => {
    const [method, url] = r.split(' ') as [string, string];
    return !paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  });
  assert.deepEqual(undocumented.filter((r) => !NOT_YET_DOCUMENTED.includes(r)), [], 'API routes missing from services/api/openapi.ts');
});
