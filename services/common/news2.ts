/**
 * NEWS2 (Royal College of Physicians, 2017) from the latest value of each parameter. Pure: no I/O.
 *
 * - SpO2 scale 1 by default; scale 2 (target 88-92%, for hypercapnic respiratory failure)
 *   only when a clinician has set it for the patient. Scale 2 per the RCP 2017 chart:
 *   <=83:3, 84-85:2, 86-87:1, 88-92 (or >=93 on air):0, 93-94 on O2:1, 95-96 on O2:2,
 *   >=97 on O2:3 (RCP NEWS2 chart 1; the scale 1 / scale 2 table is reproduced in Thorax,
 *   https://thorax.bmj.com, "NEWS2 ... scale 1 (normocapnic) and scale 2 (hypercapnic)").
 * - A parameter not known is never assumed normal (issue 14): the result lists it in
 *   `missing` and `complete` is false. Supplemental oxygen and consciousness are typically
 *   nurse-entered (ACVPU), so a wearable alone gives an incomplete score.
 * - Each band carries the RCP clinical response (RCP NEWS2 chart 2 "NEWS thresholds and
 *   triggers" and chart 3 "clinical response"; the cut points are summarised in Clin Med
 *   (rcpjournals.org), Table 1 of the NEWS2 study definitions).
 */
import { VITALS, type News2Parameter } from './vital-kinds.js';

const news2Keys = new Map(VITALS.flatMap((v) => (v.news2 ? [[v.news2, v.key] as const] : [])));
const news2Key = (p: News2Parameter) => news2Keys.get(p);

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
  /** SpO2 scale: 2 only for a patient a clinician has put on scale 2. @defaultValue 1 */
  spo2Scale?: 1 | 2 | undefined;
}

/** Names a clinician reads, for the "missing" text. */
export const PARAMETER_NAMES: Record<Exclude<keyof News2Input, 'spo2Scale'>, string> = {
  respiratoryRate: 'respiration rate', spo2: 'SpO2', supplementalOxygen: 'air or oxygen', systolic: 'systolic BP',
  heartRate: 'pulse', cvpu: 'consciousness', temperature: 'temperature',
};

export type News2Band = 'low' | 'low-medium' | 'medium' | 'high';
export const BAND_ORDER: readonly News2Band[] = ['low', 'low-medium', 'medium', 'high'];

export interface News2Result {
  score: number;
  band: News2Band;
  /** Score of each parameter that had a value. */
  parts: Partial<Record<keyof News2Input, number>>;
  /** Parameters with no fresh value (the score is partial when this is not empty). */
  missing: Exclude<keyof News2Input, 'spo2Scale'>[];
  /** False when any parameter is missing: the score is then a lower bound, not the NEWS2. */
  complete: boolean;
  spo2Scale: 1 | 2;
  /** The RCP clinical response for the band. */
  response: string;
}

/** RCP 2017, chart 3 (clinical response to NEWS trigger thresholds), shortened. */
export const CLINICAL_RESPONSE: Record<News2Band, string> = {
  low: 'ward-based response: registered nurse to assess; monitoring at least 4-6 hourly (12 hourly at 0)',
  'low-medium': 'urgent ward-based response: registered nurse to inform the medical team; monitoring at least hourly',
  medium: 'key threshold for urgent response: registered nurse to inform the medical team immediately; urgent assessment by a clinician competent in acute illness; monitoring at least hourly',
  high: 'urgent or emergency response: emergency assessment by a team with critical-care competencies; continuous monitoring; consider transfer to level 2/3 care',
};

export const scoreRespiration = (v: number) => (v <= 8 ? 3 : v <= 11 ? 1 : v <= 20 ? 0 : v <= 24 ? 2 : 3);
export const scoreSpo2Scale1 = (v: number) => (v <= 91 ? 3 : v <= 93 ? 2 : v <= 95 ? 1 : 0);
/** Scale 2 needs to know whether the patient is on oxygen: 93+ scores only on oxygen. */
export const scoreSpo2Scale2 = (v: number, onOxygen: boolean) =>
  v <= 83 ? 3 : v <= 85 ? 2 : v <= 87 ? 1 : v <= 92 || !onOxygen ? 0 : v <= 94 ? 1 : v <= 96 ? 2 : 3;
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
  const add = (key: Exclude<keyof News2Input, 'spo2Scale'>, value: number | boolean | undefined, score: (v: never) => number) => {
    if (value === undefined) { missing.push(key); return; }
    parts[key] = score(value as never);
  };
  // Round physiological values to whole numbers as charted (e.g. a pulse of 90.4 is 90).
  add('respiratoryRate', input.respiratoryRate === undefined ? undefined : Math.round(input.respiratoryRate), scoreRespiration);
  const scale = input.spo2Scale === 2 ? 2 : 1;
  if (scale === 2 && input.spo2 !== undefined && input.spo2 >= 92.5 && input.supplementalOxygen === undefined) {
    // Scale 2 at 93% or more depends on air vs oxygen: unknown oxygen leaves SpO2 unscored too.
    missing.push('spo2');
  } else {
    add('spo2', input.spo2 === undefined ? undefined : Math.round(input.spo2), (v: number) => (scale === 2 ? scoreSpo2Scale2(v, input.supplementalOxygen === true) : scoreSpo2Scale1(v)));
  }
  add('supplementalOxygen', input.supplementalOxygen, (on: boolean) => (on ? 2 : 0));
  add('systolic', input.systolic === undefined ? undefined : Math.round(input.systolic), scoreSystolic);
  add('heartRate', input.heartRate === undefined ? undefined : Math.round(input.heartRate), scorePulse);
  add('cvpu', input.cvpu, (c: boolean) => (c ? 3 : 0));
  add('temperature', input.temperature, scoreTemperature);
  const values = Object.values(parts) as number[];
  const score = values.reduce((a, b) => a + b, 0);
  const band: News2Band = score >= 7 ? 'high' : score >= 5 ? 'medium' : values.some((v) => v === 3) ? 'low-medium' : 'low';
  return { score, band, parts, missing, complete: missing.length === 0, spo2Scale: scale, response: CLINICAL_RESPONSE[band] };
}

/** A value with the time it was measured (epoch ms). */
export interface TimedValue<T> { value: T; at: number }

/** Where the NEWS2 inputs come from: the latest device value per vital key, and nurse entries. */
export interface News2Sources {
  latest: Readonly<Record<string, TimedValue<number> | undefined>>;
  /** Nurse-entered flags: new confusion/V/P/U (true) and supplemental oxygen (true). */
  observed?: { cvpu?: TimedValue<boolean> | undefined; supplementalOxygen?: TimedValue<boolean> | undefined } | undefined;
  spo2Scale?: 1 | 2 | undefined;
}

export interface News2Freshness {
  /** A device value older than this (before the newest device value) does not count. (ms) */
  deviceMs: number;
  /** A nurse entry counts this long (before the newest device value). (ms) */
  observationMs: number;
}

/**
 * Minimum parameters (of the 7) for an aggregate score. RCP NEWS2 (2017) defines the score on
 * the full set; a partial sum is only a lower bound (every part is >= 0), so it is shown as
 * "at least N" with the missing parameters named. Under 4 of 7 the sum says too little to be
 * banded and none is given; a single vital past its monitor limit still alarms through the
 * limit rules. Worker and API share this rule (they share {@link news2FromSources}).
 */
export const NEWS2_MIN_PARAMETERS = 4;
const NEWS2_PARAMETER_COUNT = 7;

/**
 * The NEWS2 inputs from the latest values: each device vital within its freshness of the
 * newest one; for oxygen and consciousness the more recent of the device flag and the nurse
 * entry. Unknown stays unknown (issue 14). Vital keys come from the catalogue (`news2` field).
 */
export function news2Inputs(src: News2Sources, fresh: News2Freshness): News2Input {
  const times = Object.values(src.latest).flatMap((v) => (v ? [v.at] : []));
  const newest = Math.max(0, ...times);
  const device = (key: string | undefined) => {
    const v = key === undefined ? undefined : src.latest[key];
    return v && newest - v.at <= fresh.deviceMs ? v : undefined;
  };
  const flag = (p: 'supplementalOxygen' | 'cvpu'): boolean | undefined => {
    const d = device(news2Key(p));
    const o = src.observed?.[p];
    const m = o && newest - o.at <= fresh.observationMs ? o : undefined;
    if (d && (!m || d.at >= m.at)) return d.value >= 0.5;
    return m?.value;
  };
  const value = (p: News2Parameter) => device(news2Key(p))?.value;
  return {
    respiratoryRate: value('respiratoryRate'), spo2: value('spo2'), systolic: value('systolic'),
    heartRate: value('heartRate'), temperature: value('temperature'),
    supplementalOxygen: flag('supplementalOxygen'), cvpu: flag('cvpu'), spo2Scale: src.spo2Scale ?? 1,
  };
}

/** NEWS2 from the latest values, or null when fewer than `minParameters` are known. */
export function news2FromSources(src: News2Sources, fresh: News2Freshness, minParameters = NEWS2_MIN_PARAMETERS): News2Result | null {
  const result = news2(news2Inputs(src, fresh));
  return NEWS2_PARAMETER_COUNT - result.missing.length >= minParameters ? result : null;
}
