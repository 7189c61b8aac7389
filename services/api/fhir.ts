// FHIR R4 export: stored readings as vital-signs Observations in a searchset Bundle.
// LOINC, UCUM and names come from the vital catalogue (services/common/vital-kinds.ts).
import { createHash } from 'node:crypto';
import { BP_PANEL_DISPLAY, BP_PANEL_LOINC, vitalByKey, type VitalInfo } from '../common/vital-kinds.js';

export interface StoredSample { kind: string; value: number; time: string; deviceId: string }

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const VITAL_SIGNS = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }] }];
/** Namespace of this project's reading ids (a fixed random UUID; never change it: ids would change). */
const NAMESPACE = Buffer.from('5d0f6a4e8b2c4c1e9a7d3f60b1e2c9a4', 'hex');

/**
 * A name-based (version 5, SHA-1) UUID, RFC 4122 section 4.3: the same reading always gets the
 * same id, so a repeated export or a redelivered reading does not make a new Observation.
 */
export function uuidV5(name: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(name).digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const quantity = (value: number, ucum: string) => ({ value, unit: ucum, system: UCUM, code: ucum });
const codingOf = (info: VitalInfo) => [{ system: LOINC, code: info.loinc, display: info.loincDisplay }, ...info.extraLoinc.map((c) => ({ system: LOINC, ...c }))];

/** One vital-signs Observation; its id is a UUID, valid as an R4 `id` ([A-Za-z0-9-.]{1,64}). */
function observation(patientId: string, idName: string, s: StoredSample, body: object) {
  return {
    resourceType: 'Observation', id: uuidV5(`${patientId}|${s.deviceId}|${idName}|${Date.parse(s.time)}`), status: 'final', category: VITAL_SIGNS,
    ...body, subject: { reference: `Patient/${patientId}` }, effectiveDateTime: s.time, device: { display: s.deviceId },
  };
}

/**
 * FHIR R4 Observations (vital-signs profiles, https://hl7.org/fhir/R4/observation-vitalsigns.html)
 * as a searchset Bundle: one Observation per sample, and systolic + diastolic measured
 * together as one BP panel (85354-9) with both components, as the BP profile requires; a lone
 * systolic or diastolic is its own Observation. Oxygen and consciousness flags are left out
 * (not vital-sign quantities). `fullUrl` is `urn:uuid:` + the Observation's id.
 */
export function toFhirBundle(patientId: string, samples: StoredSample[], baseUrl: string) {
  const entries: { id: string }[] = [];
  const bp = new Map<string, { sys?: StoredSample; dia?: StoredSample }>();
  const single = (s: StoredSample, info: VitalInfo) =>
    entries.push(observation(patientId, info.key, s, { code: { coding: codingOf(info), text: info.display }, valueQuantity: quantity(s.value, info.ucum) }));
  for (const s of samples) {
    const info = vitalByKey(s.kind);
    if (!info || !info.fhirQuantity) continue;
    if (s.kind === 'bp_systolic' || s.kind === 'bp_diastolic') {
      const k = `${s.deviceId}|${s.time}`;
      const pair = bp.get(k) ?? {};
      if (s.kind === 'bp_systolic') pair.sys = s; else pair.dia = s;
      bp.set(k, pair);
      continue;
    }
    single(s, info);
  }
  for (const { sys, dia } of bp.values()) {
    if (!sys || !dia) { const lone = (sys ?? dia)!; single(lone, vitalByKey(lone.kind)!); continue; }
    const component = [sys, dia].map((s) => {
      const info = vitalByKey(s.kind)!;
      return { code: { coding: codingOf(info) }, valueQuantity: quantity(s.value, info.ucum) };
    });
    entries.push(observation(patientId, 'bp', sys, { code: { coding: [{ system: LOINC, code: BP_PANEL_LOINC, display: BP_PANEL_DISPLAY }], text: 'Blood pressure' }, component }));
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: entries.length,
    link: [{ relation: 'self', url: `${baseUrl}/api/v1/patients/${encodeURIComponent(patientId)}/fhir` }],
    entry: entries.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource, search: { mode: 'match' } })),
  };
}
