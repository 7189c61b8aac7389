// The clinician API against the real stack: every endpoint, auth failures included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate } from '../../services/simulator/app.js';
import { startFull } from '../helpers/full.js';
import { waitFor } from '../helpers/pipeline.js';

test('clinician API: auth, patients, series, FHIR, devices, alerts lifecycle, limits, stream, OpenAPI', async (t) => {
  const f = await startFull(t);
  const get = (path: string, token: string | null = f.tokens.clinician, init: RequestInit = {}) =>
    fetch(`${f.url}${path}`, { ...init, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
  const json = async (path: string, token?: string | null, init?: RequestInit) => {
    const r = await get(path, token, init);
    return { status: r.status, body: await r.json() as Record<string, unknown> };
  };

  // One subtest per concern, so that one failure does not hide the others.
  await t.test('auth: no token, a wrong token, a malformed header refused; public pages need none', async () => {
    assert.equal((await json('/api/v1/patients', null)).status, 401);
    assert.equal((await json('/api/v1/patients', 'not-a-valid-token-at-all')).status, 401);
    assert.equal((await fetch(`${f.url}/api/v1/alerts`, { headers: { Authorization: 'Basic abc' } })).status, 401);
    assert.equal((await json('/api/v1/patients', null)).body.error, 'API_ERR_UNAUTHORIZED');
    assert.equal((await get('/', null)).status, 200);
    const doc = await json('/openapi.json', null);
    assert.equal(doc.status, 200);
    assert.ok(Object.keys(doc.body.paths as object).includes('/api/v1/patients/{patientId}/vitals'));
  });

  // What the subtests below read: two patients, a desaturation on pat-00031.
  await f.p.provisionFleet(31, 2);
  const summary = await simulate({
    mqttUrl: f.p.s.mqttUrl, deviceSecret: f.p.deviceSecret, devices: 2, firstDevice: 31, batches: 36, intervalMs: 500,
    scenarios: [{ name: 'desaturation', device: 1, startMs: 1_000, durationMs: 40_000 }],
  });
  assert.equal(summary.failed, 0);
  const spo2Alert = await waitFor('spo2 alert in the API', async () => {
    const r = await json('/api/v1/alerts?state=open&patient=pat-00031');
    return (r.body.alerts as { kind: string; id: string }[]).find((a) => a.kind === 'limit:spo2:low');
  }, 30_000);

  await t.test('patients: the ward list with latest values, NEWS2 and open alerts; one patient; unknown and malformed ids', async () => {
    const ward = await json('/api/v1/patients');
    assert.equal(ward.status, 200);
    const patients = ward.body.patients as { patientId: string; latest: Record<string, { value: number }>; online: boolean; news2: { score: number } | null; openAlerts: { high: number } }[];
    const p31 = patients.find((p) => p.patientId === 'pat-00031')!;
    assert.ok(p31, 'patient listed');
    assert.ok(p31.latest.spo2!.value < 90);
    assert.ok(p31.news2 && p31.news2.score >= 3, 'NEWS2 reflects the desaturation');
    assert.ok(p31.openAlerts.high >= 1);
    assert.ok(patients.some((p) => p.patientId === 'pat-00032'));
    assert.equal((await json('/api/v1/patients/pat-00032')).status, 200);
    assert.equal((await json('/api/v1/patients/pat-nobody')).status, 404);
    assert.equal((await json('/api/v1/patients/bad%20id%22)')).status, 400);
  });

  await t.test('series: downsampled in InfluxDB; bad parameters and a Flux injection refused', async () => {
    const start = new Date(Date.now() - 5 * 60_000).toISOString();
    const series = await json(`/api/v1/patients/pat-00031/vitals?kind=spo2&start=${start}&every=5s`);
    assert.equal(series.status, 200);
    const points = series.body.points as [number, number][];
    assert.ok(points.length >= 3 && points.length <= 61, `${points.length} windows of 5 s`);
    assert.ok(points.some(([, v]) => v < 90));
    assert.equal(series.body.unit, '%');
    for (const bad of ['kind=pulse', 'kind=spo2&every=5parsecs', 'kind=spo2&start=yesterday', `kind=spo2&start=${new Date().toISOString()}&stop=${start}`, 'kind=spo2&every=1ms&start=2020-01-01T00:00:00Z', 'kind=spo2&extra=1']) {
      const r = await json(`/api/v1/patients/pat-00031/vitals?${bad}`);
      assert.equal(r.status, 400, bad);
      assert.equal(r.body.error, 'API_ERR_BAD_REQUEST');
    }
    // A Flux injection attempt in a parameter is refused before it reaches InfluxDB.
    const inj = await json(`/api/v1/patients/${encodeURIComponent('x") |> drop() //')}/vitals?kind=spo2`);
    assert.equal(inj.status, 400);
  });

  await t.test('FHIR export: a Bundle with the LOINC codes, the BP panel, UCUM units', async () => {
    const fhirRes = await get('/api/v1/patients/pat-00031/fhir?limit=200');
    assert.equal(fhirRes.status, 200);
    assert.match(fhirRes.headers.get('content-type') ?? '', /application\/fhir\+json/);
    const bundle = await fhirRes.json() as { resourceType: string; entry: { resource: { code: { coding: { code: string }[] }; valueQuantity?: { code: string; system: string }; component?: { code: { coding: { code: string }[] } }[] } }[] };
    assert.equal(bundle.resourceType, 'Bundle');
    const codes = new Set(bundle.entry.map((e) => e.resource.code.coding[0]!.code));
    for (const c of ['8867-4', '59408-5', '9279-1', '8310-5', '85354-9']) assert.ok(codes.has(c), `LOINC ${c}`);
    const bp = bundle.entry.find((e) => e.resource.code.coding[0]!.code === '85354-9')!.resource;
    assert.deepEqual(bp.component!.map((c) => c.code.coding[0]!.code).sort(), ['8462-4', '8480-6']);
    const spo2Obs = bundle.entry.find((e) => e.resource.code.coding[0]!.code === '59408-5')!.resource;
    assert.deepEqual([spo2Obs.valueQuantity!.code, spo2Obs.valueQuantity!.system], ['%', 'http://unitsofmeasure.org']);
  });

  await t.test('devices: battery and last seen', async () => {
    const devices = (await json('/api/v1/devices')).body.devices as { deviceId: string; battery: number; online: boolean; lastSeen: number }[];
    const d31 = devices.find((d) => d.deviceId === 'dev-00031')!;
    assert.ok(d31 && d31.battery > 0 && d31.lastSeen > 0);
  });

  await t.test('alerts: filters, acknowledge (time-limited, by the principal); a live condition is not resolved by hand', async () => {
    assert.equal((await json('/api/v1/alerts?priority=high&state=open')).status, 200);
    assert.equal((await json('/api/v1/alerts?state=bogus')).status, 400);
    assert.equal((await json(`/api/v1/alerts/${spo2Alert.id}`)).body.state, 'open');
    assert.equal((await json('/api/v1/alerts/0123456789abcdef01234567/acknowledge', f.tokens.clinician, { method: 'POST', body: '{}' })).status, 404);
    const ack = await json(`/api/v1/alerts/${spo2Alert.id}/acknowledge`, f.tokens.clinician, { method: 'POST', body: '{}' });
    assert.equal(ack.status, 202);
    const acked = await waitFor('acknowledged', async () => {
      const r = await json(`/api/v1/alerts/${spo2Alert.id}`);
      return r.body.state === 'acknowledged' ? r.body : undefined;
    }, 10_000);
    assert.equal(acked.acknowledgedBy, 'token:clinician', 'the author is the principal (issue 15)');
    assert.ok(Number(acked.acknowledgedUntil) > Date.now(), 'a time-limited acknowledgement');
    // The episode is still on (the device stopped while SpO2 was low): nobody resolves a live
    // alarm condition by hand (issue 14); the API says why.
    const refused = await json(`/api/v1/alerts/${spo2Alert.id}/resolve`, f.tokens.clinician, { method: 'POST', body: '{}' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error, 'API_ERR_CONFLICT');
    assert.match(String(refused.body.message), /alarm condition is still present/);
    assert.equal((await json(`/api/v1/alerts/${spo2Alert.id}`)).body.state, 'acknowledged');
  });

  await t.test('NEWS2: nurse-entered parameters and SpO2 scale 2 reach the worker through Kafka', async () => {
    const before = (await json('/api/v1/patients/pat-00031')).body.news2 as { complete: boolean; missing: string[] };
    assert.equal(before.complete, false, 'no oxygen or consciousness known: incomplete, nothing assumed');
    assert.deepEqual(before.missing.sort(), ['air or oxygen', 'consciousness']);
    assert.equal((await json('/api/v1/patients/pat-00031/observations', f.tokens.clinician, { method: 'POST', body: '{}' })).status, 400);
    assert.equal((await json('/api/v1/patients/pat-00031/observations', f.tokens.clinician, { method: 'POST', body: JSON.stringify({ consciousness: 'X' }) })).status, 400);
    assert.equal((await json('/api/v1/patients/pat-00031/observations', f.tokens.clinician, { method: 'POST', body: JSON.stringify({ consciousness: 'A', supplementalOxygen: true }) })).status, 202);
    assert.equal((await json('/api/v1/patients/pat-00031/spo2-scale', f.tokens.clinician, { method: 'PUT', body: JSON.stringify({ scale: 2 }) })).status, 400, 'a reason is required');
    assert.equal((await json('/api/v1/patients/pat-00031/spo2-scale', f.tokens.clinician, { method: 'PUT', body: JSON.stringify({ scale: 2, reason: 'COPD, type 2 respiratory failure (ABG)' }) })).status, 202);
    const worked = await waitFor('worker has the observations', () => {
      const s = f.worker.states.get('pat-00031');
      return s?.observed?.supplemental_oxygen && s.spo2Scale?.scale === 2 ? s : undefined;
    }, 10_000);
    assert.equal(worked.news2Missing, '', 'the worker scores a complete NEWS2');
    const after = await waitFor('API shows a complete NEWS2', async () => {
      const n = (await json('/api/v1/patients/pat-00031')).body.news2 as { complete: boolean; spo2Scale: number; response: string } | null;
      return n?.complete && n.spo2Scale === 2 ? n : undefined;
    }, 10_000);
    assert.match(after.response, /response/);
  });

  await t.test('limits: operator only; the worker applies them without restart', async () => {
    const limits = { spo2: { low: 88, delayMs: 5000 } };
    assert.equal((await json('/api/v1/patients/pat-00032/limits', f.tokens.clinician, { method: 'PUT', body: JSON.stringify(limits) })).status, 403);
    assert.equal((await json('/api/v1/patients/pat-00032/limits', f.tokens.operator, { method: 'PUT', body: JSON.stringify({ spo2: { low: 95, high: 90 } }) })).status, 400);
    assert.equal((await json('/api/v1/patients/pat-00032/limits', f.tokens.operator, { method: 'PUT', body: JSON.stringify({ spo2: { low: 'x' } }) })).status, 400);
    assert.equal((await json('/api/v1/patients/pat-00032/limits', f.tokens.operator, { method: 'PUT', body: JSON.stringify(limits) })).status, 202);
    assert.deepEqual((await json('/api/v1/patients/pat-00032/limits')).body.overrides, limits);
    await waitFor('worker picked up the override', () => (f.worker.states.get('pat-00032')?.overrides?.spo2?.low === 88 ? true : undefined), 10_000);
  });

  await t.test('an oversized request body is refused (413)', async () => {
    const huge = await get('/api/v1/patients/pat-00032/limits', f.tokens.operator, { method: 'PUT', body: JSON.stringify({ spo2: { low: 1 }, pad: 'x'.repeat(200_000) }) });
    assert.equal(huge.status, 413);
  });

  await t.test('live stream (SSE): opened with a one-time ticket, no token in the URL; vitals events', async () => {
    assert.equal((await get('/api/v1/stream', null)).status, 401);
    const ctrl = new AbortController();
    // A one-time ticket (bought with the token in a header) opens the stream; no token in the URL.
    const { ticket } = (await (await get('/api/v1/stream/ticket', f.tokens.clinician, { method: 'POST', body: '{}' })).json()) as { ticket: string };
    const stream = await fetch(`${f.url}/api/v1/stream?ticket=${ticket}`, { signal: ctrl.signal });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = stream.body!.getReader();
    await f.p.provisionFleet(33, 1);
    const more = simulate({ mqttUrl: f.p.s.mqttUrl, deviceSecret: f.p.deviceSecret, devices: 1, firstDevice: 33, batches: 4, intervalMs: 300 });
    let text = '';
    const deadline = Date.now() + 15_000;
    while (!text.includes('event: vitals') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    ctrl.abort();
    await more;
    assert.match(text, /event: vitals\ndata: \{"patientId":"pat-000/);
  });
});
