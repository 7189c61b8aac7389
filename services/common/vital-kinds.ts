import { VitalKind } from './proto.js';

export interface VitalInfo {
  kind: VitalKind;
  /** Tag value in InfluxDB and key in the API. */
  key: string;
  display: string;
  /** UCUM unit (https://ucum.org). */
  ucum: string;
  /** LOINC code for FHIR Observation.code. */
  loinc: string;
  loincDisplay: string;
  /** Physiologically possible range; outside it a reading is a sensor or encoding fault. */
  min: number;
  max: number;
}

export const VITALS: readonly VitalInfo[] = [
  { kind: VitalKind.VITAL_KIND_HEART_RATE, key: 'heart_rate', display: 'Heart rate', ucum: '/min', loinc: '8867-4', loincDisplay: 'Heart rate', min: 0, max: 350 },
  { kind: VitalKind.VITAL_KIND_SPO2, key: 'spo2', display: 'SpO2', ucum: '%', loinc: '59408-5', loincDisplay: 'Oxygen saturation in Arterial blood by Pulse oximetry', min: 0, max: 100 },
  { kind: VitalKind.VITAL_KIND_RESPIRATORY_RATE, key: 'respiratory_rate', display: 'Respiratory rate', ucum: '/min', loinc: '9279-1', loincDisplay: 'Respiratory rate', min: 0, max: 120 },
  { kind: VitalKind.VITAL_KIND_BODY_TEMPERATURE, key: 'temperature', display: 'Body temperature', ucum: 'Cel', loinc: '8310-5', loincDisplay: 'Body temperature', min: 20, max: 45 },
  { kind: VitalKind.VITAL_KIND_BP_SYSTOLIC, key: 'bp_systolic', display: 'Systolic blood pressure', ucum: 'mm[Hg]', loinc: '8480-6', loincDisplay: 'Systolic blood pressure', min: 0, max: 300 },
  { kind: VitalKind.VITAL_KIND_BP_DIASTOLIC, key: 'bp_diastolic', display: 'Diastolic blood pressure', ucum: 'mm[Hg]', loinc: '8462-4', loincDisplay: 'Diastolic blood pressure', min: 0, max: 250 },
  { kind: VitalKind.VITAL_KIND_SUPPLEMENTAL_OXYGEN, key: 'supplemental_oxygen', display: 'Supplemental oxygen', ucum: '1', loinc: '3150-0', loincDisplay: 'Inhaled oxygen concentration', min: 0, max: 1 },
  { kind: VitalKind.VITAL_KIND_CONSCIOUSNESS, key: 'consciousness', display: 'Consciousness (ACVPU, 0 = alert)', ucum: '1', loinc: '80288-4', loincDisplay: 'Level of consciousness', min: 0, max: 1 },
];

/** The FHIR BP panel: systolic and diastolic are components of one Observation. */
export const BP_PANEL_LOINC = '85354-9';

const byKind = new Map(VITALS.map((v) => [v.kind as number, v]));
const byKey = new Map(VITALS.map((v) => [v.key, v]));

export const vitalByKind = (kind: number): VitalInfo | undefined => byKind.get(kind);
export const vitalByKey = (key: string): VitalInfo | undefined => byKey.get(key);
