// Issue 15 part 3 against the real stack: patients, device assignment and attribution by the
// ingest (the registry, never the device, says whose readings these are), and what a transfer
// and a discharge do to the patient's alerts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { flux, InfluxDB } from '@influxdata/influxdb-client';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { deviceIdFor, devicePassword, patientIdFor } from '../../services/common/device-credentials.js';
import { createPatientRegistry } from '../../services/common/patient-registry.js';
import { DeviceState, DeviceStatus, VitalKind } from '../../services/common/proto.js';
import { statusTopic, telemetryTopic } from '../../services/common/topics.js';
import { simulate } from '../../services/simulator/app.js';
import { provisionFleet } from '../../services/simulator/provision.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { startFull } from '../helpers/full.js';
import { startPipeline, waitFor, type Pipeline } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

async function device(t: { after: (fn: () => Promise<unknown>) => void }, p: Pipeline, deviceId: string) {
  const c = await mqtt.connectAsync(p.s.mqttUrl, { clientId: deviceId, username: deviceId, password: devicePassword(p.deviceSecret, deviceId), protocolVersion: 4, reconnectPeriod: 0 });
  t.after(() => c.endAsync());
  return c;
}

const publish = (c: mqtt.MqttClient, deviceId: string, init: Parameters<typeof makeBatch>[0]) =>
  c.publishAsync(telemetryTopic(deviceId), Buffer.from(encodeBatch(makeBatch({ deviceId, ...init }))), { qos: 1 });

/** SpO2 80 % for 15 s of measured time: past the default limit (90 %, 10 s delay, 2 samples). */
const desaturated = (now = Date.now()) => [15_000, 10_000, 5_000, 1_000].map((ago) => ({ kind: VitalKind.VITAL_KIND_SPO2, value: 80, unit: '%', measuredAtMs: now - ago }));

async function rows(p: Pipeline, q: ReturnType<typeof flux>) {
  return new InfluxDB({ url: p.s.influx.url, token: p.s.influx.token }).getQueryApi(p.s.influx.org).collectRows<{ _value: number; patient_id?: string; device_id: string; _time: string }>(q);
}
const samplesOf = (p: Pipeline, field: 'patient_id' | 'device_id', id: string) =>
  rows(p, flux`from(bucket: ${p.bucket}) |> range(start: -2h) |> filter(fn: (r) => r._measurement == "vitals" and r._field == "value" and r[${field}] == ${id})`);

// The tests run side by side: each has its own pipeline (topics, groups, bucket, registry),
// devices and patients. Every pipeline's ingest also hears the others' devices, which its own
// registry does not know: stored under the device only, nothing clinical (what the
// unassigned-device test checks), and each assertion names its own devices or patients.
describe('patients, assignment and attribution against the real stack (issue 15)', { concurrency: true }, () => {
  test('a device publishing with another patient\'s id is dead-lettered (patient-mismatch) and nothing is stored for that patient', async (t) => {
    const p = await startPipeline(t);
    const devA = deviceIdFor(41), devB = deviceIdFor(42);
    const patA = uid('pa'), patB = uid('pb');
    await p.provision(devA, patA);
    await p.provision(devB, patB);
    const dlq = await p.collect(p.topics.deadLetter);
    const a = await device(t, p, devA);
    await publish(a, devA, { patientId: patB, sequence: 1 });
    // The same device with its own patient, and with none: both attributed to patA.
    await publish(a, devA, { patientId: patA, sequence: 2 });
    await publish(a, devA, { patientId: '', sequence: 3 });
    const dead = await waitFor('the mismatch dead letter', () => dlq.messages.find((m) => m.headers?.reason?.toString() === 'patient-mismatch'));
    assert.equal(dead.key?.toString(), devA);
    assert.match(dead.headers!.detail!.toString(), /differs from the patient assigned/);
    await waitFor('both good batches under patA', async () => ((await samplesOf(p, 'patient_id', patA)).length >= 6 ? true : undefined))
      .catch(async (err: unknown) => { throw new Error(`${(err as Error).message}; ${await p.diagnose()}`); });
    assert.equal((await samplesOf(p, 'patient_id', patA)).length, 6, 'batches 2 and 3, three samples each');
    assert.equal((await samplesOf(p, 'patient_id', patB)).length, 0, 'nothing written into patB\'s record');
    assert.equal(dlq.messages.filter((m) => m.headers?.reason?.toString() === 'patient-mismatch').length, 1);
  });

  test('a late reading measured before a re-assignment goes to the earlier patient; a batch across it is split', async (t) => {
    const p = await startPipeline(t);
    const dev = deviceIdFor(43);
    const first = uid('p1'), second = uid('p2');
    const now = Date.now();
    await p.provision(dev, first, { from: now - 3_600_000 });
    await p.provision(dev, second, { from: now - 60_000 });
    assert.deepEqual(p.patients.assignments(dev)!.history.map((h) => [h.patientId, h.to === null]), [[first, false], [second, true]]);
    const c = await device(t, p, dev);
    const hr = (value: number, ago: number) => ({ kind: VitalKind.VITAL_KIND_HEART_RATE, value, unit: '/min', measuredAtMs: now - ago });
    // Published now, measured two minutes ago (e.g. a device's buffer after a network gap).
    await publish(c, dev, { patientId: '', sequence: 1, sentAtMs: now, samples: [hr(61, 120_000)] });
    await publish(c, dev, { patientId: '', sequence: 2, sentAtMs: now, samples: [hr(62, 10_000)] });
    await publish(c, dev, { patientId: '', sequence: 3, sentAtMs: now, samples: [hr(63, 90_000), hr(64, 20_000)] });
    await waitFor('four samples stored', async () => ((await samplesOf(p, 'device_id', dev)).length >= 4 ? true : undefined));
    const firstValues = (await samplesOf(p, 'patient_id', first)).map((r) => r._value).sort();
    const secondValues = (await samplesOf(p, 'patient_id', second)).map((r) => r._value).sort();
    assert.deepEqual(firstValues, [61, 63]);
    assert.deepEqual(secondValues, [62, 64]);
  });

  test('an unassigned device: readings stored under the device only, no clinical alert, an "unassigned device" notice', async (t) => {
    const f = await startFull(t, { engine: { escalationMs: { high: 0, medium: 0, low: 0 } } });
    const api = (path: string) => fetch(`${f.url}${path}`, { headers: { Authorization: `Bearer ${f.tokens.clinician}` } }).then(async (r) => ({ status: r.status, body: await r.json() as Record<string, unknown> }));
    const lone = deviceIdFor(44), watched = deviceIdFor(45);
    const claimed = uid('pl'), patient = uid('pw');
    await f.p.provision(watched, patient);
    const c1 = await device(t, f.p, lone);
    const c2 = await device(t, f.p, watched);
    // Both desaturated; only the assigned one is a patient's alarm.
    await publish(c1, lone, { patientId: claimed, sequence: 1, samples: desaturated() });
    await publish(c2, watched, { patientId: '', sequence: 1, samples: desaturated() });
    await waitFor('the assigned patient\'s alert', async () => ((await api(`/api/v1/alerts?patient=${patient}`)).body.alerts as { kind: string }[]).find((a) => a.kind === 'limit:spo2:low'));
    const notice = await waitFor('the unassigned notice', async () => ((await api('/api/v1/notices')).body.notices as { deviceId: string; kind: string; priority: string; category: string }[]).find((n) => n.deviceId === lone));
    assert.deepEqual([notice.kind, notice.category, notice.priority], ['unassigned-device', 'technical', 'low']);
    const stored = await samplesOf(f.p, 'device_id', lone);
    assert.equal(stored.length, 4, 'stored under the device');
    assert.ok(stored.every((r) => r.patient_id === undefined), 'with no patient tag');
    assert.equal((await samplesOf(f.p, 'patient_id', claimed)).length, 0);
    const all = (await api('/api/v1/alerts')).body.alerts as { deviceId: string; patientId: string }[];
    assert.equal(all.filter((a) => a.deviceId === lone || a.patientId === claimed).length, 0, 'no alert for the unassigned device');
    assert.ok(!((await api('/api/v1/notices')).body.notices as { deviceId: string }[]).some((n) => n.deviceId === watched));
    // Its Last Will neither: no "device offline" for a patient it merely claims, or under its own id.
    const offline = (deviceId: string) => Buffer.from(DeviceStatus.encode(DeviceStatus.create({ deviceId, patientId: claimed, state: DeviceState.DEVICE_STATE_OFFLINE, reason: 'last-will', atMs: Date.now() })).finish());
    await c1.publishAsync(statusTopic(lone), offline(lone), { qos: 1 });
    await c2.publishAsync(statusTopic(watched), offline(watched), { qos: 1 });
    await waitFor('the assigned device\'s offline alert, under its patient', async () => ((await api(`/api/v1/alerts?patient=${patient}`)).body.alerts as { kind: string }[]).find((a) => a.kind === `device-offline:${watched}`));
    await waitFor('the worker past both statuses', async () => {
      const o = await f.p.offsets(`${f.p.id}-alerts`, f.p.topics.status);
      return Object.entries(o.high).every(([part, h]) => h === 0 || (o.committed[Number(part)] ?? -1) >= h) ? true : undefined;
    });
    const after = (await api('/api/v1/alerts')).body.alerts as { deviceId: string; patientId: string }[];
    assert.deepEqual(after.filter((a) => a.deviceId === lone || a.patientId === claimed || a.patientId === lone), []);
  });

  test('admissions: a transfer moves the open alerts with the patient; a discharge closes them ("discharged") and ends the assignment', async (t) => {
    const f = await startFull(t, { engine: { escalationMs: { high: 0, medium: 0, low: 0 } } });
    const call = async (method: string, path: string, body?: unknown, token = f.tokens.operator) => {
      const r = await fetch(`${f.url}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: r.status, body: await r.json() as Record<string, unknown> };
    };
    const dev = deviceIdFor(46);
    const pid = uid('pt');
    // Through the routes: clinicians read, operators change; ids in the documented alphabet.
    assert.equal((await call('POST', '/api/v1/admissions', { patientId: pid, displayName: 'Ada L.', ward: 'ward-a', bed: '3' }, f.tokens.clinician)).status, 403);
    assert.equal((await call('POST', '/api/v1/admissions', { patientId: 'bad/id', displayName: 'X', ward: 'ward-a', bed: '3' })).status, 400);
    assert.equal((await call('POST', '/api/v1/admissions', { patientId: pid, displayName: 'Ada L.', ward: 'ward-a', bed: '3' })).status, 201);
    assert.equal((await call('POST', '/api/v1/admissions', { patientId: pid, displayName: 'Ada L.', ward: 'ward-a', bed: '3' })).status, 409);
    assert.equal((await call('POST', '/api/v1/assignments', { deviceId: dev, patientId: 'pat-never-admitted' })).status, 404);
    const from = new Date(Date.now() - 60_000).toISOString();
    const assigned = await call('POST', '/api/v1/assignments', { deviceId: dev, patientId: pid, from });
    assert.equal(assigned.status, 201);
    assert.deepEqual(assigned.body.history, [{ patientId: pid, from, to: null }]);
    assert.equal((await call('GET', `/api/v1/admissions/${pid}`, undefined, f.tokens.clinician)).body.ward, 'ward-a');
    const wardList = async () => ((await call('GET', '/api/v1/patients', undefined, f.tokens.clinician)).body.patients as { patientId: string; ward: string | null }[]);
    assert.equal((await wardList()).find((x) => x.patientId === pid)?.ward, 'ward-a', 'admitted: on the ward before any reading');

    const c = await device(t, f.p, dev);
    await publish(c, dev, { patientId: '', sequence: 1, samples: desaturated() });
    const alert = await waitFor('the SpO2 alert', async () => ((await call('GET', `/api/v1/alerts?patient=${pid}&state=active`)).body.alerts as { id: string; kind: string; ward: string }[]).find((a) => a.kind === 'limit:spo2:low'));
    assert.equal(alert.ward, 'ward-a');

    const moved = await call('POST', `/api/v1/admissions/${pid}/transfer`, { ward: 'ward-b', bed: '7' });
    assert.equal(moved.status, 200);
    const after = await call('GET', `/api/v1/alerts/${alert.id}`, undefined, f.tokens.clinician);
    assert.equal(after.body.ward, 'ward-b', 'the open alert follows the patient');
    assert.equal(after.body.state, 'open');
    const summary = await call('GET', `/api/v1/patients/${pid}`, undefined, f.tokens.clinician);
    assert.deepEqual([summary.body.ward, summary.body.bed], ['ward-b', '7']);
    assert.equal((await call('GET', '/api/v1/admissions?ward=ward-b', undefined, f.tokens.clinician)).body.patients instanceof Array, true);

    // Before the call: readings measured up to this moment are certainly before the discharge,
    // however long the waits below take on a loaded machine.
    const beforeDischarge = Date.now();
    const out = await call('POST', `/api/v1/admissions/${pid}/discharge`);
    assert.equal(out.status, 200);
    assert.deepEqual(out.body.endedAssignments, [dev]);
    const closed = await waitFor('the alert closed as discharged', async () => {
      const a = (await call('GET', `/api/v1/alerts/${alert.id}`, undefined, f.tokens.clinician)).body;
      return a.state === 'resolved' ? a : undefined;
    });
    assert.equal(closed.change, 'discharged');
    assert.equal(((await call('GET', `/api/v1/alerts?patient=${pid}&state=active`)).body.alerts as unknown[]).length, 0);
    assert.equal((await call('POST', `/api/v1/admissions/${pid}/transfer`, { ward: 'ward-c', bed: '1' })).status, 409);
    assert.equal((await wardList()).some((x) => x.patientId === pid), false, 'discharged: off the ward');
    const history = (await call('GET', `/api/v1/assignments/${dev}`)).body.history as { to: string | null }[];
    assert.ok(history.every((h) => h.to !== null), 'the discharge ended the assignment');
    // Late readings measured before the discharge are the patient's (stored) but reopen nothing;
    // readings measured after it belong to nobody: stored under the device, a notice, no alert.
    await publish(c, dev, { patientId: '', sequence: 2, samples: desaturated(beforeDischarge) });
    await publish(c, dev, { patientId: '', sequence: 3, samples: desaturated(Date.now() + 16_000) });
    await waitFor('the post-discharge notice', async () => ((await call('GET', '/api/v1/notices')).body.notices as { deviceId: string }[]).find((n) => n.deviceId === dev));
    await waitFor('the late readings stored', async () => ((await samplesOf(f.p, 'device_id', dev)).length >= 12 ? true : undefined));
    assert.equal((await samplesOf(f.p, 'patient_id', pid)).length, 8, 'the readings measured before the discharge are the patient\'s');
    assert.equal(((await call('GET', `/api/v1/alerts?patient=${pid}&state=active`)).body.alerts as unknown[]).length, 0);
    // Only once the worker has committed every vitals record does "no alert" mean something.
    await waitFor('the worker past the late batches', async () => {
      const o = await f.p.offsets(`${f.p.id}-alerts`, f.p.topics.vitals);
      return Object.entries(o.high).every(([part, h]) => h === 0 || (o.committed[Number(part)] ?? -1) >= h) ? true : undefined;
    });
    assert.equal(((await call('GET', `/api/v1/alerts?patient=${pid}`)).body.alerts as { state: string }[]).filter((a) => a.state !== 'resolved').length, 0);
  });

  // Devices 91-93: their retained statuses must not collide with other suites' devices (61-66 in test/security).
  test('the simulator provisions its fleet through the API (idempotently) and its readings are attributed', async (t) => {
    const f = await startFull(t);
    const first = await provisionFleet({ apiUrl: f.url, token: f.tokens.operator, first: 91, count: 3 });
    assert.deepEqual(first, { admitted: 3, assigned: 3, unchanged: 0 });
    assert.deepEqual(await provisionFleet({ apiUrl: f.url, token: f.tokens.operator, first: 91, count: 3 }), { admitted: 0, assigned: 0, unchanged: 3 }, 'a restarted simulator changes nothing');
    await assert.rejects(provisionFleet({ apiUrl: f.url, token: f.tokens.clinician, first: 94, count: 1 }), /HTTP 403/);
    const summary = await simulate({ mqttUrl: f.p.s.mqttUrl, deviceSecret: f.p.deviceSecret, devices: 3, firstDevice: 91, batches: 3, intervalMs: 200 });
    assert.equal(summary.failed, 0);
    for (const i of [91, 92, 93]) {
      await waitFor(`${patientIdFor(i)}'s readings`, async () => ((await samplesOf(f.p, 'patient_id', patientIdFor(i))).length >= 3 * 6 ? true : undefined));
    }
  });

  test('a registry started on existing topics is complete when start() resolves, then follows live changes', async (t) => {
    const p = await startPipeline(t, { writer: false });
    const n = 30;
    for (let i = 0; i < n; i++) await p.provision(`dev-load-${i}`, `pat-load-${i}`);
    await p.store.transfer('pat-load-0', { ward: 'ward-z', bed: '1' });
    // A second reader, as a restarted ingest or another replica builds it: nothing to wait for after start().
    const fresh = createPatientRegistry({ kafka: p.kafka, log: pino({ level: 'silent' }), topics: p.patientTopics, groupId: `${p.id}-patients-fresh` });
    t.after(() => fresh.stop());
    await fresh.start();
    assert.equal(fresh.loaded(), true);
    for (let i = 0; i < n; i++) assert.equal(fresh.assignmentAt(`dev-load-${i}`, Date.now()), `pat-load-${i}`);
    assert.equal(fresh.wardOf('pat-load-0'), 'ward-z', 'the latest record of a key wins');
    const changed = new Promise((resolve) => fresh.events.once('change', resolve));
    await p.store.discharge('pat-load-1');
    assert.equal((await changed as { kind: string }).kind, 'assignment', 'the discharge ends the assignment first');
    await waitFor('the discharge seen live', () => (fresh.patient('pat-load-1')?.dischargedAt ? true : undefined));
    assert.equal(fresh.wardOf('pat-load-1'), undefined, 'a discharged patient is on no ward');
    assert.equal(fresh.assignmentAt('dev-load-1', Date.now()), null);
  });
});
