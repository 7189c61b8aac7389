/**
 * NEWS2 (Royal College of Physicians, 2017) from the latest value of each parameter.
 * SpO2 uses scale 1. Pure: no I/O.
 */
export interface News2Input {
  respiratoryRate?: number | undefined;
  spo2?: number | undefined;
  /** true when the patient is on supplemental oxygen (scores 2). */
  supplementalOxygen?: boolean | undefined;
  systolic?: number | undefined;
  heartRate?: number | undefined;
  /** true for new confusion, voice, pain or unresponsive (CVPU; scores 3). */
  cvpu?: boolean | undefined;
  temperature?: number | undefined;
}

export type News2Band = 'low' | 'low-medium' | 'medium' | 'high';
export const BAND_ORDER: readonly News2Band[] = ['low', 'low-medium', 'medium', 'high'];

export interface News2Result {
  score: number;
  band: News2Band;
  /** Score of each parameter that had a value. */
  parts: Partial<Record<keyof News2Input, number>>;
  /** Parameters with no fresh value (the score is partial when this is not empty). */
  missing: (keyof News2Input)[];
}

export const scoreRespiration = (v: number) => (v <= 8 ? 3 : v <= 11 ? 1 : v <= 20 ? 0 : v <= 24 ? 2 : 3);
export const scoreSpo2Scale1 = (v: number) => (v <= 91 ? 3 : v <= 93 ? 2 : v <= 95 ? 1 : 0);
export const scoreSystolic = (v: number) => (v <= 90 ? 3 : v <= 100 ? 2 : v <= 110 ? 1 : v <= 219 ? 0 : 3);
export const scorePulse = (v: number) => (v <= 40 ? 3 : v <= 50 ? 1 : v <= 90 ? 0 : v <= 110 ? 1 : v <= 130 ? 2 : 3);
// The chart's bands are in tenths: 35.0 | 35.1-36.0 | 36.1-38.0 | 38.1-39.0 | 39.1+; round first
// so 36.04 is scored as 36.0 and not fall between bands.
export const scoreTemperature = (v: number) => {
  const t = Math.round(v * 10) / 10;
  return t <= 35.0 ? 3 : t <= 36.0 ? 1 : t <= 38.0 ? 0 : t <= 39.0 ? 1 : 2;
};

export function news2(input: News2Input): News2Result {
  const parts: News2Result['parts'] = {};
  const missing: News2Result['missing'] = [];
  const add = (key: keyof News2Input, value: number | boolean | undefined, score: (v: never) => number) => {
    if (value === undefined) { missing.push(key); return; }
    parts[key] = score(value as never);
  };
  // Round physiological values to whole numbers as charted (e.g. a pulse of 90.4 is 90).
  add('respiratoryRate', input.respiratoryRate === undefined ? undefined : Math.round(input.respiratoryRate), scoreRespiration);
  add('spo2', input.spo2 === undefined ? undefined : Math.round(input.spo2), scoreSpo2Scale1);
  add('supplementalOxygen', input.supplementalOxygen, (on: boolean) => (on ? 2 : 0));
  add('systolic', input.systolic === undefined ? undefined : Math.round(input.systolic), scoreSystolic);
  add('heartRate', input.heartRate === undefined ? undefined : Math.round(input.heartRate), scorePulse);
  add('cvpu', input.cvpu, (c: boolean) => (c ? 3 : 0));
  add('temperature', input.temperature, scoreTemperature);
  const values = Object.values(parts) as number[];
  const score = values.reduce((a, b) => a + b, 0);
  const band: News2Band = score >= 7 ? 'high' : score >= 5 ? 'medium' : values.some((v) => v === 3) ? 'low-medium' : 'low';
  return { score, band, parts, missing };
}
