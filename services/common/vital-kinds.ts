/**
 * The vital catalogue: the one place that says what each vital is (wire kind, API key, LOINC,
 * UCUM, display names, possible range, default alarm limits, NEWS2 parameter). The simulator,
 * validation, the alert engine's defaults, FHIR, OpenAPI and the dashboard (GET /api/v1/vitals) read it.
 */
import { VitalKind } from './proto.js';

/** The NEWS2 parameter a vital feeds (services/common/news2.ts). */
export type News2Parameter = 'respiratoryRate' | 'spo2' | 'supplementalOxygen' | 'systolic' | 'heartRate' | 'cvpu' | 'temperature';

/** A bedside monitor's default limit for one vital (DESIGN.md, "Clinical reference"). */
export interface DefaultLimit {
  low?: number;
  high?: number;
  priority: 'high' | 'medium' | 'low';
  /** The condition must persist this long (event time, ms) ... */
  delayMs: number;
  /** ... and for this many consecutive samples. */
  delaySamples: number;
  /** Clears only once the value is this far back inside the limit (in the vital's unit). */
  hysteresis: number;
}

export interface LoincCoding { code: string; display: string }

export interface VitalInfo {
  kind: VitalKind;
  /** Tag value in InfluxDB and key in the API. */
  key: string;
  display: string;
  /** Short label for a tile (dashboard). */
  label: string;
  /** UCUM unit (https://ucum.org). */
  ucum: string;
  /** The unit as people write it (dashboard). */
  unitDisplay: string;
  /** LOINC code for FHIR Observation.code (the first coding). */
  loinc: string;
  loincDisplay: string;
  /** Further LOINC codings a FHIR profile requires (SpO2: 2708-6 for the oxygen-saturation profile). */
  extraLoinc: readonly LoincCoding[];
  /** Physiologically possible range; outside it a reading is a sensor or encoding fault. */
  min: number;
  max: number;
  /** Default alarm limit; none for nurse-entered flags. */
  limit: DefaultLimit | null;
  news2: News2Parameter | null;
  /** A FHIR vital-signs quantity (false for the oxygen and consciousness flags). */
  fhirQuantity: boolean;
}

const mm = 'mm[Hg]';
export const VITALS: readonly VitalInfo[] = [
  { kind: VitalKind.VITAL_KIND_HEART_RATE, key: 'heart_rate', display: 'Heart rate', label: 'HR', ucum: '/min', unitDisplay: '/min', loinc: '8867-4', loincDisplay: 'Heart rate', extraLoinc: [], min: 0, max: 350,
    limit: { low: 50, high: 120, priority: 'medium', delayMs: 10_000, delaySamples: 2, hysteresis: 5 }, news2: 'heartRate', fhirQuantity: true },
  // 59408-5 stays the first coding (API clients match on it); the FHIR oxygen-saturation
  // profile requires 2708-6 as well (https://hl7.org/fhir/R4/oxygensat.html).
  { kind: VitalKind.VITAL_KIND_SPO2, key: 'spo2', display: 'SpO2', label: 'SpO2', ucum: '%', unitDisplay: '%', loinc: '59408-5', loincDisplay: 'Oxygen saturation in Arterial blood by Pulse oximetry',
    extraLoinc: [{ code: '2708-6', display: 'Oxygen saturation in Arterial blood' }], min: 0, max: 100,
    limit: { low: 90, priority: 'high', delayMs: 10_000, delaySamples: 2, hysteresis: 2 }, news2: 'spo2', fhirQuantity: true },
  { kind: VitalKind.VITAL_KIND_RESPIRATORY_RATE, key: 'respiratory_rate', display: 'Respiratory rate', label: 'RR', ucum: '/min', unitDisplay: '/min', loinc: '9279-1', loincDisplay: 'Respiratory rate', extraLoinc: [], min: 0, max: 120,
    limit: { low: 8, high: 30, priority: 'high', delayMs: 15_000, delaySamples: 2, hysteresis: 2 }, news2: 'respiratoryRate', fhirQuantity: true },
  { kind: VitalKind.VITAL_KIND_BODY_TEMPERATURE, key: 'temperature', display: 'Body temperature', label: 'Temp', ucum: 'Cel', unitDisplay: '°C', loinc: '8310-5', loincDisplay: 'Body temperature', extraLoinc: [], min: 20, max: 45,
    limit: { low: 35, high: 39, priority: 'low', delayMs: 30_000, delaySamples: 2, hysteresis: 0.3 }, news2: 'temperature', fhirQuantity: true },
  { kind: VitalKind.VITAL_KIND_BP_SYSTOLIC, key: 'bp_systolic', display: 'Systolic blood pressure', label: 'SYS', ucum: mm, unitDisplay: 'mmHg', loinc: '8480-6', loincDisplay: 'Systolic blood pressure', extraLoinc: [], min: 0, max: 300,
    limit: { low: 90, high: 160, priority: 'medium', delayMs: 0, delaySamples: 1, hysteresis: 5 }, news2: 'systolic', fhirQuantity: true },
  { kind: VitalKind.VITAL_KIND_BP_DIASTOLIC, key: 'bp_diastolic', display: 'Diastolic blood pressure', label: 'DIA', ucum: mm, unitDisplay: 'mmHg', loinc: '8462-4', loincDisplay: 'Diastolic blood pressure', extraLoinc: [], min: 0, max: 250,
    limit: { low: 50, high: 90, priority: 'low', delayMs: 0, delaySamples: 1, hysteresis: 5 }, news2: null, fhirQuantity: true },
  { kind: VitalKind.VITAL_KIND_SUPPLEMENTAL_OXYGEN, key: 'supplemental_oxygen', display: 'Supplemental oxygen', label: 'O2', ucum: '1', unitDisplay: '', loinc: '3150-0', loincDisplay: 'Inhaled oxygen concentration', extraLoinc: [], min: 0, max: 1,
    limit: null, news2: 'supplementalOxygen', fhirQuantity: false },
  { kind: VitalKind.VITAL_KIND_CONSCIOUSNESS, key: 'consciousness', display: 'Consciousness (ACVPU, 0 = alert)', label: 'ACVPU', ucum: '1', unitDisplay: '', loinc: '80288-4', loincDisplay: 'Level of consciousness', extraLoinc: [], min: 0, max: 1,
    limit: null, news2: 'cvpu', fhirQuantity: false },
];

/** The FHIR BP panel: systolic and diastolic are components of one Observation. */
export const BP_PANEL_LOINC = '85354-9';
export const BP_PANEL_DISPLAY = 'Blood pressure panel with all children optional';

const byKind = new Map(VITALS.map((v) => [v.kind as number, v]));
const byKey = new Map(VITALS.map((v) => [v.key, v]));

export const vitalByKind = (kind: number): VitalInfo | undefined => byKind.get(kind);
export const vitalByKey = (key: string): VitalInfo | undefined => byKey.get(key);
export const VITAL_KEYS = VITALS.map((v) => v.key) as [string, ...string[]];

/** The catalogue as the API serves it (GET /api/v1/vitals): plain JSON, no wire enum numbers. */
export const vitalCatalogueView = () => VITALS.map(({ kind: _kind, ...v }) => v);
