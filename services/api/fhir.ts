import { BP_PANEL_LOINC, vitalByKey } from '../common/vital-kinds.js';

export interface StoredSample { kind: string; value: number; time: string; deviceId: string }

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const VITAL_SIGNS = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }] }];

const quantity = (value: number, ucum: string) => ({ value, unit: ucum, system: UCUM, code: ucum });

/**
 * FHIR R4 Observations (vital-signs profile) as a searchset Bundle: one Observation per
 * sample, and systolic + diastolic measured together as one BP panel (85354-9) with
 * two components. A projection of stored data: LOINC and UCUM come from the mapping.
 */
export function toFhirBundle(patientId: string, samples: StoredSample[], baseUrl: string) {
  const entries: object[] = [];
  const bp = new Map<string, { sys?: StoredSample; dia?: StoredSample }>();
  for (const s of samples) {
    if (s.kind === 'bp_systolic' || s.kind === 'bp_diastolic') {
      const k = `${s.deviceId}|${s.time}`;
      const pair = bp.get(k) ?? {};
      if (s.kind === 'bp_systolic') pair.sys = s; else pair.dia = s;
      bp.set(k, pair);
      continue;
    }
    const info = vitalByKey(s.kind);
    if (!info || info.ucum === '1') continue; // oxygen/consciousness flags are not vital-sign quantities
    entries.push({
      resourceType: 'Observation',
      id: `${patientId}-${s.kind}-${Date.parse(s.time)}`,
      status: 'final',
      category: VITAL_SIGNS,
      code: { coding: [{ system: LOINC, code: info.loinc, display: info.loincDisplay }], text: info.display },
      subject: { reference: `Patient/${patientId}` },
      effectiveDateTime: s.time,
      device: { display: s.deviceId },
      valueQuantity: quantity(s.value, info.ucum),
    });
  }
  for (const [, pair] of bp) {
    const any = (pair.sys ?? pair.dia)!;
    const component = [];
    if (pair.sys) component.push({ code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] }, valueQuantity: quantity(pair.sys.value, 'mm[Hg]') });
    if (pair.dia) component.push({ code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }] }, valueQuantity: quantity(pair.dia.value, 'mm[Hg]') });
    entries.push({
      resourceType: 'Observation',
      id: `${patientId}-bp-${Date.parse(any.time)}`,
      status: 'final',
      category: VITAL_SIGNS,
      code: { coding: [{ system: LOINC, code: BP_PANEL_LOINC, display: 'Blood pressure panel with all children optional' }], text: 'Blood pressure' },
      subject: { reference: `Patient/${patientId}` },
      effectiveDateTime: any.time,
      device: { display: any.deviceId },
      component,
    });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: entries.length,
    link: [{ relation: 'self', url: `${baseUrl}/api/v1/patients/${encodeURIComponent(patientId)}/fhir` }],
    entry: entries.map((resource) => ({ fullUrl: `urn:uuid:${(resource as { id: string }).id}`, resource })),
  };
}
