// Issue 13 against the real stack: the vital catalogue served by the API (GET /api/v1/vitals)
// and the FHIR export checked against the R4 rules and vital-signs profiles it must follow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFhirBundle } from '../../services/api/fhir.js';
import { simulate } from '../../services/simulator/app.js';
import { startFull } from '../helpers/full.js';
import { waitFor } from '../helpers/pipeline.js';

const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';
// R4 datatypes, "id": https://hl7.org/fhir/R4/datatypes.html#id
const ID_RE = /^[A-Za-z0-9\-.]{1,64}$/;
// RFC 4122 UUID, lowercase, as R4 datatypes "uuid" (https://hl7.org/fhir/R4/datatypes.html#uuid) writes it in a urn.
const URN_UUID_RE = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// R4 datatypes, "dateTime" (a time needs a zone): https://hl7.org/fhir/R4/datatypes.html#dateTime
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// The vital-signs profile table, https://hl7.org/fhir/R4/observation-vitalsigns.html:
// profile LOINC code -> the UCUM code(s) its valueQuantity must carry.
const PROFILE_UNITS: Record<string, string[]> = {
  '8867-4': ['/min'], // heart rate
  '9279-1': ['/min'], // respiratory rate
  '2708-6': ['%'], // oxygen saturation (https://hl7.org/fhir/R4/oxygensat.html)
  '8310-5': ['Cel', '[degF]'], // body temperature
  '8480-6': ['mm[Hg]'], // systolic (BP component)
  '8462-4': ['mm[Hg]'], // diastolic (BP component)
};

interface Coding { system?: string; code?: string }
interface Quantity { value?: number; unit?: string; system?: string; code?: string }
interface Obs {
  resourceType: string; id?: string; status?: string; category?: { coding?: Coding[] }[]; code?: { coding?: Coding[] };
  subject?: { reference?: string }; effectiveDateTime?: string; valueQuantity?: Quantity;
  component?: { code?: { coding?: Coding[] }; valueQuantity?: Quantity }[];
}

/** The R4 and vital-signs rules the export relies on; returns every violation found. */
function validateBundle(bundle: { resourceType?: string; type?: string; total?: number; entry?: { fullUrl?: string; resource: Obs }[] }, patientId: string): string[] {
  const problems: string[] = [];
  if (bundle.resourceType !== 'Bundle' || bundle.type !== 'searchset') problems.push('not a searchset Bundle');
  const entries = bundle.entry ?? [];
  // bdl-1: total only on searchset or history; it counts the matches.
  if (bundle.total !== entries.length) problems.push(`total ${bundle.total} != ${entries.length} entries`);
  const fullUrls = new Set<string>();
  const loincs = (c: { coding?: Coding[] } | undefined) => (c?.coding ?? []).filter((x) => x.system === LOINC).map((x) => x.code!);
  const checkQuantity = (where: string, q: Quantity | undefined, codes: string[]) => {
    if (!q) { problems.push(`${where}: no valueQuantity`); return; }
    // vitalsigns profile: valueQuantity value, unit, system = UCUM and code are all required.
    if (typeof q.value !== 'number' || !q.unit || q.system !== UCUM || !q.code) problems.push(`${where}: valueQuantity needs value, unit, UCUM system and code`);
    const allowed = codes.flatMap((c) => PROFILE_UNITS[c] ?? []);
    if (allowed.length > 0 && !allowed.includes(q.code ?? '')) problems.push(`${where}: UCUM ${q.code} not allowed for LOINC ${codes.join(',')} (${allowed.join('|')})`);
  };
  for (const [i, e] of entries.entries()) {
    const r = e.resource;
    const where = `entry[${i}] ${r.id}`;
    // Bundle.entry.fullUrl: an absolute URI, unique in the Bundle (bdl-7); ours are urn:uuid.
    if (!URN_UUID_RE.test(e.fullUrl ?? '')) problems.push(`${where}: fullUrl ${e.fullUrl} is not urn:uuid:<uuid>`);
    if (fullUrls.has(e.fullUrl ?? '')) problems.push(`${where}: fullUrl repeated`);
    fullUrls.add(e.fullUrl ?? '');
    if (r.resourceType !== 'Observation') { problems.push(`${where}: not an Observation`); continue; }
    if (!ID_RE.test(r.id ?? '')) problems.push(`${where}: id ${JSON.stringify(r.id)} breaks [A-Za-z0-9\\-.]{1,64}`);
    if (!['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown'].includes(r.status ?? '')) problems.push(`${where}: status`);
    // vitalsigns profile: category slice VSCat (observation-category#vital-signs), min 1.
    if (!(r.category ?? []).some((c) => (c.coding ?? []).some((x) => x.system === 'http://terminology.hl7.org/CodeSystem/observation-category' && x.code === 'vital-signs'))) problems.push(`${where}: no vital-signs category`);
    if (r.subject?.reference !== `Patient/${patientId}`) problems.push(`${where}: subject ${r.subject?.reference}`);
    // vs-1: effectiveDateTime at least to the day; ours carry a time, so a zone is required.
    if (!DATETIME_RE.test(r.effectiveDateTime ?? '')) problems.push(`${where}: effectiveDateTime ${r.effectiveDateTime}`);
    const codes = loincs(r.code);
    if (codes.length === 0) problems.push(`${where}: no LOINC coding`);
    // The oxygen-saturation profile fixes code 2708-6; a pulse-oximetry 59408-5 must carry it too.
    if (codes.includes('59408-5') && !codes.includes('2708-6')) problems.push(`${where}: SpO2 without LOINC 2708-6`);
    if (codes.includes('85354-9')) {
      // BP profile: components SystolicBP (8480-6) and DiastolicBP (8462-4), each 1..1, with mm[Hg].
      const comps = r.component ?? [];
      for (const need of ['8480-6', '8462-4']) {
        const c = comps.filter((x) => loincs(x.code).includes(need));
        if (c.length !== 1) problems.push(`${where}: BP panel needs exactly one ${need} component`);
        else checkQuantity(`${where} component ${need}`, c[0]!.valueQuantity, [need]);
      }
    } else {
      // vs-2: without component or hasMember a value[x] (or dataAbsentReason) is required.
      checkQuantity(where, r.valueQuantity, codes);
    }
  }
  return problems;
}

test('vital catalogue and FHIR R4 export against the real stack', async (t) => {
  const f = await startFull(t);
  const get = (path: string, token: string | null = f.tokens.clinician) => fetch(`${f.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

  await t.test('GET /api/v1/vitals needs a token and serves the catalogue', async () => {
    const refused = await get('/api/v1/vitals', null);
    assert.equal(refused.status, 401);
    assert.equal((await refused.json() as { error: string }).error, 'API_ERR_UNAUTHORIZED');
    const res = await get('/api/v1/vitals');
    assert.equal(res.status, 200);
    const { vitals } = await res.json() as { vitals: { key: string; loinc: string; ucum: string; unitDisplay: string; label: string; limit: { low?: number; high?: number } | null; news2: string | null }[] };
    const spo2 = vitals.find((v) => v.key === 'spo2')!;
    assert.deepEqual([spo2.ucum, spo2.limit?.low, spo2.news2], ['%', 90, 'spo2']);
    assert.deepEqual(vitals.find((v) => v.key === 'temperature')!.unitDisplay, '°C');
    assert.equal(vitals.filter((v) => v.limit).length, 6, 'the six monitored vitals carry default limits');
    const doc = await (await get('/openapi.json', null)).json() as { paths: Record<string, unknown> };
    assert.ok('/api/v1/vitals' in doc.paths);
  });

  await t.test('the FHIR Bundle follows R4 and the vital-signs profiles', async () => {
    await f.p.provisionFleet(41, 1); // dev-00041 -> pat-00041: attribution (issue 15)
    const summary = await simulate({ mqttUrl: f.p.s.mqttUrl, deviceSecret: f.p.deviceSecret, devices: 1, firstDevice: 41, batches: 4, intervalMs: 200 });
    assert.equal(summary.failed, 0);
    // Every acknowledged batch is in Kafka (the PUBACK waits for it); once the writer has
    // committed the topic to its end they are all stored, so the export is complete and a
    // second export must name the same resources (a reading still in flight made it grow once).
    await f.p.committedToEnd(f.p.writerGroup, f.p.topics.vitals);
    const bundle = await waitFor('every vital exported', async () => {
      const r = await get('/api/v1/patients/pat-00041/fhir?limit=200');
      if (r.status !== 200) return undefined;
      const b = await r.json() as Parameters<typeof validateBundle>[0];
      const codes = new Set((b.entry ?? []).flatMap((e) => (e.resource.code?.coding ?? []).map((c) => c.code)));
      return ['8867-4', '9279-1', '8310-5', '85354-9'].every((c) => codes.has(c)) && (codes.has('2708-6') || codes.has('59408-5')) ? b : undefined;
    }, 30_000);
    assert.deepEqual(validateBundle(bundle, 'pat-00041'), []);
    // The same reading keeps its id: a second export names the same resources.
    const again = await (await get('/api/v1/patients/pat-00041/fhir?limit=200')).json() as Parameters<typeof validateBundle>[0];
    assert.deepEqual(new Set(again.entry!.map((e) => e.fullUrl)), new Set(bundle.entry!.map((e) => e.fullUrl)));
  });

  await t.test('a lone systolic or diastolic is its own valid Observation, never a half BP panel', () => {
    const at = '2026-11-30T06:00:00.000Z';
    const b = toFhirBundle('pat-00041', [
      { kind: 'bp_systolic', value: 118, time: at, deviceId: 'dev-00041' },
      { kind: 'bp_diastolic', value: 76, time: '2026-11-30T06:00:05.000Z', deviceId: 'dev-00041' },
      { kind: 'supplemental_oxygen', value: 1, time: at, deviceId: 'dev-00041' },
    ], 'http://127.0.0.1') as unknown as Parameters<typeof validateBundle>[0];
    assert.deepEqual(validateBundle(b, 'pat-00041'), []);
    assert.deepEqual(b.entry!.map((e) => e.resource.code!.coding![0]!.code).sort(), ['8462-4', '8480-6'], 'no panel, and the oxygen flag is not exported');
  });

  await t.test('the validator catches what current main produced', () => {
    // Guard against a validator that accepts anything: the old shapes must be refused.
    const old = { resourceType: 'Bundle', type: 'searchset', total: 1, entry: [{ fullUrl: 'urn:uuid:pat-00041-heart_rate-1764480000000', resource: {
      resourceType: 'Observation', id: 'pat-00041-heart_rate-1764480000000', status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: LOINC, code: '59408-5' }] }, subject: { reference: 'Patient/pat-00041' }, effectiveDateTime: '2026-11-30T06:00:00.000Z',
      valueQuantity: { value: 97, unit: '/min', system: UCUM, code: '/min' } } }] };
    const problems = validateBundle(old, 'pat-00041');
    for (const needle of ['fullUrl', 'breaks', '2708-6']) assert.ok(problems.some((p) => p.includes(needle)), `${needle}: ${problems.join('; ')}`);
  });
});
