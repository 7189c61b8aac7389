// People (issue 15) against the real stack: named accounts, ward roles, sessions that expire,
// and the append-only audit trail.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InfluxDB } from '@influxdata/influxdb-client';
import { buildApi } from '../../services/api/app.js';
import { createAccountStore } from '../../services/api/accounts.js';
import { createAuditTrail, type AuditFn } from '../../services/api/audit.js';
import { createSessions } from '../../services/api/sessions.js';
import { simulate } from '../../services/simulator/app.js';
import { startFull } from '../helpers/full.js';
import { startPeople, type People } from '../helpers/people.js';
import { waitFor } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

interface Entry { id: string; at: string; actor: string; role: string; action: string; target: string; before: unknown; after: unknown }

// The two tests run side by side: each has its own pipeline, API, accounts, audit topic and
// sign-in limiter, and the second one mostly waits on session clocks.
describe('people against the real stack (issue 15)', { concurrency: true }, () => {
  test('people: ward roles, named sessions, audit trail of every action, no password anywhere', async (t) => {
    let people!: People;
    const f = await startFull(t, { registry: true, apiDeps: async (p) => { people = await startPeople(p); return people.deps; } });
    const seen: string[] = []; // every response body, to look for passwords in
    const call = async (path: string, token: string | null, init: RequestInit = {}) => {
      const r = await fetch(`${f.url}${path}`, { ...init, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}) } });
      const text = await r.text();
      seen.push(text);
      return { status: r.status, body: (text && r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}) as Record<string, unknown> & { error?: string }, headers: r.headers };
    };
    const post = (path: string, token: string | null, body: unknown = {}) => call(path, token, { method: 'POST', body: JSON.stringify(body) });
    const op = f.tokens.operator;

    // Three patients on two wards (admitted through the patient store), each wearing its device.
    await people.admit('pat-00041', 'ward-a');
    await people.admit('pat-00042', 'ward-b');
    await people.admit('pat-00043', 'ward-a');
    await waitFor('ward lookup has them', () => (people.wards.wardOf('pat-00041') === 'ward-a' && people.wards.wardOf('pat-00042') === 'ward-b' && people.wards.wardOf('pat-00043') === 'ward-a') || undefined, 15_000);
    await f.p.provisionFleet(41, 3); // dev-00041..43 -> pat-00041..43: attribution (issue 15)

    // Accounts: the static operator token bootstraps them; validation; clinicians cannot.
    const pw = { nurseA: `Nurse-A-${uid('pw')}`, nurseB: `Nurse-B-${uid('pw')}`, op: `Operator-${uid('pw')}` };
    assert.equal((await post('/api/v1/accounts', op, { username: 'nurse-a', password: pw.nurseA, role: 'clinician', wards: ['ward-a'] })).status, 201);
    assert.equal((await post('/api/v1/accounts', op, { username: 'nurse-b', password: pw.nurseB, role: 'clinician', wards: ['ward-b'] })).status, 201);
    const created = await post('/api/v1/accounts', op, { username: 'op-one', password: pw.op, role: 'operator' });
    assert.equal(created.status, 201);
    assert.deepEqual(Object.keys(created.body).sort(), ['createdAt', 'createdBy', 'disabled', 'role', 'updatedAt', 'username', 'wards']);
    assert.equal((await post('/api/v1/accounts', op, { username: 'nurse-a', password: pw.nurseA, role: 'clinician', wards: ['ward-a'] })).status, 409);
    assert.equal((await post('/api/v1/accounts', op, { username: 'nurse-c', password: 'short', role: 'clinician', wards: ['ward-a'] })).status, 400);
    assert.equal((await post('/api/v1/accounts', op, { username: 'nurse-c', password: pw.nurseA, role: 'clinician' })).status, 400, 'a clinician needs a ward');
    assert.equal((await post('/api/v1/accounts', op, { username: 'anonymous', password: pw.nurseA, role: 'operator' })).status, 400, 'reserved for the trail');
    assert.equal((await post('/api/v1/accounts', f.tokens.clinician, { username: 'nurse-c', password: pw.nurseA, role: 'clinician', wards: ['ward-a'] })).status, 403);

    // Sign-in: wrong password and unknown user get one answer.
    const wrong = await post('/api/v1/session', null, { username: 'nurse-a', password: 'not-the-password' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error, 'API_ERR_SIGN_IN_FAILED');
    assert.equal((await post('/api/v1/session', null, { username: 'nobody-here', password: 'not-the-password' })).body.error, 'API_ERR_SIGN_IN_FAILED');
    const signIn = async (username: string, password: string) => {
      const r = await post('/api/v1/session', null, { username, password });
      assert.equal(r.status, 201, `${username} signs in`);
      return r.body.token as string;
    };
    const nurseA = await signIn('nurse-a', pw.nurseA);
    const operator = await signIn('op-one', pw.op);
    assert.deepEqual((await call('/api/v1/session', nurseA)).body, { id: 'nurse-a', role: 'clinician', wards: ['ward-a'] });

    // The nurse's live stream, open while the devices send: only her ward's patients.
    const { ticket } = (await post('/api/v1/stream/ticket', nurseA)).body as { ticket: string };
    const ctrl = new AbortController();
    const stream = await fetch(`${f.url}/api/v1/stream?ticket=${ticket}`, { signal: ctrl.signal });
    assert.equal(stream.status, 200);
    let streamed = '';
    const reading = (async () => {
      const reader = stream.body!.getReader();
      for (;;) { const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true })); if (done) return; streamed += new TextDecoder().decode(value); }
    })();
    const summary = await simulate({
      mqttUrl: f.p.s.mqttUrl, deviceSecret: f.p.deviceSecret, devices: 3, firstDevice: 41, batches: 60, intervalMs: 500,
      // A and B stay desaturated; the episode of the other ward-A patient ends (its alert can be resolved).
      scenarios: [{ name: 'desaturation', device: 1, startMs: 1_000, durationMs: 40_000 }, { name: 'desaturation', device: 2, startMs: 1_000, durationMs: 40_000 }, { name: 'desaturation', device: 3, startMs: 1_000, durationMs: 20_000 }],
    });
    assert.equal(summary.failed, 0);
    const alertOf = (pid: string) => waitFor(`spo2 alert of ${pid}`, async () => {
      const r = await call(`/api/v1/alerts?patient=${pid}`, op);
      return (r.body.alerts as { kind: string; id: string }[]).find((a) => a.kind === 'limit:spo2:low');
    }, 30_000);
    const alertA = await alertOf('pat-00041');
    const alertB = await alertOf('pat-00042');
    const alertC = await alertOf('pat-00043');
    ctrl.abort();
    await reading;
    assert.match(streamed, /event: vitals\ndata: \{"patientId":"pat-00041"/, 'her patient streams');
    assert.doesNotMatch(streamed, /pat-00042/, 'nothing of ward B on her stream');

    // Ward A: she sees it. Ward B: 403 on every patient-scoped route, filtered from lists.
    const ward = await call('/api/v1/patients', nurseA);
    assert.deepEqual((ward.body.patients as { patientId: string; ward: string }[]).map((p) => [p.patientId, p.ward]), [['pat-00041', 'ward-a'], ['pat-00043', 'ward-a']]);
    assert.equal((await call('/api/v1/patients/pat-00041/vitals?kind=spo2', nurseA)).status, 200);
    assert.equal((await call('/api/v1/patients/pat-00041/fhir?limit=5', nurseA)).status, 200);
    for (const path of ['/api/v1/patients/pat-00042', '/api/v1/patients/pat-00042/vitals?kind=spo2', '/api/v1/patients/pat-00042/fhir', '/api/v1/patients/pat-00042/limits', `/api/v1/alerts/${alertB.id}`, '/api/v1/patients/pat-unknown']) {
      const r = await call(path, nurseA);
      assert.equal(r.status, 403, path);
      assert.equal(r.body.error, 'API_ERR_FORBIDDEN_WARD', path);
    }
    for (const [path, body] of [[`/api/v1/alerts/${alertB.id}/acknowledge`, {}], [`/api/v1/alerts/${alertB.id}/resolve`, {}], ['/api/v1/patients/pat-00042/observations', { consciousness: 'A' }]] as const) {
      assert.equal((await post(path, nurseA, body)).status, 403, path);
    }
    assert.deepEqual((await call('/api/v1/alerts?patient=pat-00042', nurseA)).body.alerts, []);
    assert.ok((await call('/api/v1/alerts', nurseA)).body.alerts instanceof Array);
    assert.ok(((await call('/api/v1/alerts', nurseA)).body.alerts as { patientId: string }[]).every((a) => a.patientId !== 'pat-00042'));
    assert.deepEqual(((await call('/api/v1/devices', nurseA)).body.devices as { deviceId: string }[]).map((d) => d.deviceId), ['dev-00041', 'dev-00043']);
    // Static tokens and operators see all wards.
    assert.equal((await call('/api/v1/patients/pat-00042', f.tokens.clinician)).status, 200);
    assert.equal((await call('/api/v1/patients/pat-00042', operator)).status, 200);

    // The author comes from the principal: a name in the body is refused, not trusted.
    assert.equal((await post(`/api/v1/alerts/${alertA.id}/acknowledge`, nurseA, { by: 'dr.someone-else' })).status, 400);
    assert.equal((await post(`/api/v1/alerts/${alertA.id}/acknowledge`, nurseA)).status, 202);
    await waitFor('acknowledged by nurse-a', async () => ((await call(`/api/v1/alerts/${alertA.id}`, nurseA)).body.acknowledgedBy === 'nurse-a' ? true : undefined), 15_000);
    // The other patient's desaturation ended: once its condition clears she can resolve it.
    await waitFor('condition of C cleared', async () => ((await call(`/api/v1/alerts/${alertC.id}`, nurseA)).body.conditionActive === false ? true : undefined), 30_000);
    const resolved = await post(`/api/v1/alerts/${alertC.id}/resolve`, nurseA);
    assert.equal(resolved.status, 202, JSON.stringify(resolved.body));
    assert.equal((await call('/api/v1/patients/pat-00041/limits', nurseA, { method: 'PUT', body: JSON.stringify({ spo2: { low: 88 } }) })).status, 403, 'limits are operators\'');
    assert.equal((await call('/api/v1/patients/pat-00041/limits', operator, { method: 'PUT', body: JSON.stringify({ spo2: { low: 88 } }) })).status, 202);

    // Device registry actions by the named operator.
    const dev = `dev-${uid('p').slice(-10)}`;
    const reg = await post('/api/v1/devices', operator, { deviceId: dev, model: 'W1', firmware: '1.0' });
    assert.equal(reg.status, 201);
    const devicePasswords = [String(reg.body.password)];
    const rot = await post(`/api/v1/devices/${dev}/credentials`, operator);
    assert.equal(rot.status, 200);
    devicePasswords.push(String(rot.body.password));
    assert.equal((await post(`/api/v1/devices/${dev}/revoke`, operator)).status, 204);
    f.p.cleanup(async () => {
      await f.dynsec?.run({ command: 'deleteClient', username: dev }).catch(() => undefined);
      await f.dynsec?.run({ command: 'deleteRole', rolename: `device/${dev}` }).catch(() => undefined);
    });

    // Admissions by the named operator: admit, assign, transfer, end the assignment, discharge.
    assert.equal((await post('/api/v1/admissions', operator, { patientId: 'pat-00049', displayName: 'Test Forty-Nine', ward: 'ward-a', bed: 'bed-9' })).status, 201);
    assert.equal((await post('/api/v1/assignments', operator, { deviceId: 'dev-00049', patientId: 'pat-00049' })).status, 201);
    assert.equal((await call('/api/v1/admissions/pat-00049', nurseA)).status, 200, 'ward A sees its admission');
    assert.equal((await post('/api/v1/admissions/pat-00049/transfer', operator, { ward: 'ward-b', bed: 'bed-2' })).status, 200);
    await waitFor('transfer seen', () => (people.wards.wardOf('pat-00049') === 'ward-b' || undefined), 15_000);
    assert.equal((await call('/api/v1/admissions/pat-00049', nurseA)).status, 403, 'after the transfer, ward A no longer sees her');
    assert.ok(!((await call('/api/v1/admissions', nurseA)).body.patients as { patientId: string }[]).some((p) => p.patientId === 'pat-00049'));
    assert.equal((await post('/api/v1/assignments/dev-00049/end', operator)).status, 200);
    assert.equal((await post('/api/v1/admissions/pat-00049/discharge', operator)).status, 200);

    // Disable: her session is refused at once, and she cannot sign in again.
    assert.equal((await post('/api/v1/accounts/nurse-a/disable', operator)).status, 200);
    assert.equal((await call('/api/v1/patients', nurseA)).status, 401);
    assert.equal((await post('/api/v1/session', null, { username: 'nurse-a', password: pw.nurseA })).body.error, 'API_ERR_SIGN_IN_FAILED');
    // Sign-out ends the session.
    const nurseB = await signIn('nurse-b', pw.nurseB);
    assert.equal((await call('/api/v1/session', nurseB, { method: 'DELETE' })).status, 204);
    assert.equal((await call('/api/v1/patients', nurseB)).status, 401);

    // The trail: every action with its author; operators only; bounded; FHIR AuditEvent.
    assert.equal((await call('/api/v1/audit', f.tokens.clinician)).status, 403);
    const entries = async (q: string) => (await call(`/api/v1/audit?${q}`, operator)).body.entries as Entry[];
    const all = await entries('limit=1000');
    const has = (actor: string, action: string, target: string) => assert.ok(all.some((e) => e.actor === actor && e.action === action && e.target === target), `${actor} ${action} ${target}`);
    has('token:operator', 'account.create', 'account:nurse-a');
    has('nurse-a', 'session.create', 'account:nurse-a');
    has('anonymous', 'session.refused', 'account:nurse-a');
    has('nurse-a', 'alert.acknowledge', `alert:${alertA.id}`);
    has('nurse-a', 'alert.resolve', `alert:${alertC.id}`);
    has('op-one', 'patient.limits', 'patient:pat-00041');
    has('op-one', 'device.register', `device:${dev}`);
    has('op-one', 'device.rotate', `device:${dev}`);
    has('op-one', 'device.revoke', `device:${dev}`);
    has('op-one', 'account.disable', 'account:nurse-a');
    for (const action of ['patient.admit', 'patient.transfer', 'patient.discharge']) has('op-one', action, 'patient:pat-00049');
    has('op-one', 'device.assign', 'device:dev-00049');
    has('op-one', 'device.unassign', 'device:dev-00049');
    const transfer = all.find((e) => e.action === 'patient.transfer' && e.target === 'patient:pat-00049')!;
    assert.equal((transfer.before as { ward: string }).ward, 'ward-a');
    assert.equal((transfer.after as { ward: string }).ward, 'ward-b');
    has('nurse-b', 'session.end', 'account:nurse-b');
    assert.ok(!all.some((e) => e.target === `alert:${alertB.id}`), 'refused actions changed nothing and are not in the trail as done');
    const limitEntry = all.find((e) => e.action === 'patient.limits')!;
    assert.deepEqual(limitEntry.after, { spo2: { low: 88 } });
    assert.ok(all.every((e) => !Number.isNaN(Date.parse(e.at)) && e.id), 'each entry has an id and a time');
    const byNurse = await entries('actor=nurse-a');
    assert.ok(byNurse.length >= 3 && byNurse.every((e) => e.actor === 'nurse-a'));
    assert.ok((await entries(`target=device:${dev}`)).length === 3);
    assert.equal((await entries(`since=${new Date(Date.now() + 60_000).toISOString()}`)).length, 0);
    assert.equal((await entries('limit=2')).length, 2);
    assert.equal((await call('/api/v1/audit?limit=100000', operator)).status, 400, 'bounded');
    const fhir = await call('/api/v1/audit/fhir?actor=op-one', operator);
    assert.equal(fhir.body.resourceType, 'Bundle');
    assert.ok((fhir.body.entry as { resource: { resourceType: string; agent: { who: { identifier: { value: string } } }[] } }[]).every((e) => e.resource.resourceType === 'AuditEvent' && e.resource.agent[0]!.who.identifier.value === 'op-one'));
    // Append-only: no route edits or deletes an entry.
    const someId = all[0]!.id;
    for (const [method, path] of [['DELETE', '/api/v1/audit'], ['DELETE', `/api/v1/audit/${someId}`], ['PUT', `/api/v1/audit/${someId}`], ['PATCH', `/api/v1/audit/${someId}`], ['POST', '/api/v1/audit']] as const) {
      assert.equal((await call(path, op, { method, body: '{}' })).status, 404, `${method} ${path}`);
    }
    assert.equal((await entries('limit=1000')).length, all.length);

    // Durable: a fresh reader of the accounts topic (as an API restart) has them, hashed.
    const again = createAccountStore({ kafka: f.p.kafka, producer: f.p.kafka.producer(), topic: people.topics.accounts, groupId: `${f.p.id}-accounts-again`, log: people.log });
    await again.start();
    f.p.cleanup(() => again.stop());
    assert.equal(again.get('nurse-a')?.disabled, true);
    assert.match(again.get('op-one')!.passwordHash, /^scrypt\$32768\$8\$1\$/);

    // No password (people's or devices') in a response, a log line, the audit topic or the accounts topic.
    const audit = await f.p.collect(people.topics.audit);
    const acc = await f.p.collect(people.topics.accounts);
    await waitFor('audit topic read', () => (audit.messages.length >= all.length ? true : undefined), 15_000);
    await waitFor('accounts topic read', () => (acc.messages.length >= 3 ? true : undefined), 15_000);
    const records = [...audit.messages, ...acc.messages].map((m) => m.value!.toString());
    assert.ok(people.logLines.some((l) => l.includes('"audited"')), 'the logs were captured');
    for (const secret of [...Object.values(pw), 'not-the-password']) {
      for (const [where, texts] of [['responses', seen], ['logs', people.logLines], ['topics', records]] as const) {
        assert.ok(!texts.some((x) => x.includes(secret)), `a password in ${where}`);
      }
    }
    for (const secret of devicePasswords) {
      assert.ok(![...people.logLines, ...records].some((x) => x.includes(secret)), 'a device password in logs or the trail');
    }
  });

  test('people: a session expires when idle and at its absolute end; no audit entry, no change; sign-in failures are rate limited', async (t) => {
    let people!: People;
    const f = await startFull(t, { apiDeps: async (p) => { people = await startPeople(p); return people.deps; } });
    // More APIs on the same accounts, with short session times (ms), each with its own limiter.
    const sessions = createSessions({ secret: 'another-test-secret-0123456789abcdef', absoluteMs: 8_000, idleMs: 3_000 }, people.accounts);
    const producer = f.p.kafka.producer();
    await producer.connect();
    f.p.cleanup(() => producer.disconnect());
    const startApi = async (audit: AuditFn = people.trail.record) => {
      const api = buildApi({
        log: people.log, view: f.view, producer, audit, wards: people.wards, people: { accounts: people.accounts, sessions },
        query: new InfluxDB({ url: f.p.s.influx.url, token: f.p.s.influx.token }).getQueryApi(f.p.s.influx.org),
        options: { bucket: f.p.bucket, tokens: { clinician: [], operator: [f.tokens.operator] }, commandsTopic: f.commandsTopic, news2FreshMs: 300_000 },
      });
      f.p.cleanup(() => api.close());
      return api.listen({ host: '127.0.0.1', port: 0 });
    };
    let url = await startApi();
    const call = async (path: string, token: string | null, body?: unknown) => {
      const r = await fetch(`${url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: r.status, body: await r.json() as Record<string, unknown>, retryAfter: r.headers.get('retry-after') };
    };
    const password = `Nurse-X-${uid('pw')}`;
    assert.equal((await call('/api/v1/accounts', f.tokens.operator, { username: 'nurse-x', password, role: 'clinician', wards: ['ward-x'] })).status, 201);

    // Idle: a token not refreshed dies after idleMs.
    const s1 = await call('/api/v1/session', null, { username: 'nurse-x', password });
    assert.equal(s1.status, 201);
    const t1 = s1.body.token as string;
    assert.ok(Number(s1.body.expiresAt) - Date.now() <= 3_000);
    assert.equal((await call('/api/v1/session', t1)).status, 200);
    await waitFor('idle session expired', async () => ((await call('/api/v1/session', t1)).status === 401 ? true : undefined), 10_000, 200);
    assert.equal((await call('/api/v1/session/refresh', t1, {})).status, 401, 'an expired session cannot be refreshed');

    // Absolute: refreshing keeps it alive, but never past absoluteMs from sign-in.
    const s2 = await call('/api/v1/session', null, { username: 'nurse-x', password });
    const absoluteEnd = Number(s2.body.absoluteExpiresAt);
    assert.ok(absoluteEnd - Date.now() <= 8_000);
    let token = s2.body.token as string;
    let refreshed = 0;
    while (Date.now() < absoluteEnd + 3_000) {
      const r = await call('/api/v1/session/refresh', token, {});
      if (r.status !== 201) break;
      refreshed++;
      token = r.body.token as string;
      assert.ok(Number(r.body.expiresAt) <= Number(s2.body.absoluteExpiresAt));
      await new Promise((res) => setTimeout(res, 500)); // the client's refresh cadence, well inside the idle timeout
    }
    assert.ok(refreshed >= 2, `refreshed ${refreshed} times`);
    await waitFor('absolute end reached', async () => ((await call('/api/v1/session', token)).status === 401 ? true : undefined), 10_000, 200);
    assert.ok(Date.now() >= absoluteEnd, 'not before its absolute end');

    // The trail cannot be written (Kafka refuses: no such topic): the change is not made.
    const refusing = f.p.kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 1 } });
    await refusing.connect();
    f.p.cleanup(() => refusing.disconnect());
    const broken = createAuditTrail({ kafka: f.p.kafka, producer: refusing, topic: `${f.p.id}.no-such-audit-topic`, groupId: `${f.p.id}-no-audit`, log: people.log });
    url = await startApi(broken.record);
    const refused = await call('/api/v1/accounts', f.tokens.operator, { username: 'nurse-y', password, role: 'clinician', wards: ['ward-x'] });
    assert.equal(refused.status, 503);
    assert.equal(refused.body.error, 'API_ERR_AUDIT_UNAVAILABLE');
    assert.equal(people.accounts.get('nurse-y'), undefined, 'no account without its audit entry');
    assert.equal((await call('/api/v1/session', null, { username: 'nurse-y', password })).status, 401);

    // 20 failed sign-ins from one address, then 429 even with the right password (an API
    // whose limiter has not counted the expired tokens above).
    url = await startApi();
    for (let i = 0; i < 20; i++) assert.equal((await call('/api/v1/session', null, { username: 'nurse-x', password: `wrong-${i}-password` })).status, 401);
    const limited = await call('/api/v1/session', null, { username: 'nurse-x', password });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error, 'API_ERR_RATE_LIMITED');
    assert.ok(Number(limited.retryAfter) > 0);
    assert.equal((await call('/api/v1/patients', f.tokens.operator)).status, 429, 'the same limiter as bearer tokens');
    assert.ok(!people.logLines.some((l) => l.includes(password)), 'no password in the logs');
  });
});
