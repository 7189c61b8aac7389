import { vitalByKey } from '../common/vital-kinds.js';

/** Named episodes the simulator can inject. */
export const SCENARIOS = ['normal', 'tachycardia', 'desaturation', 'fever', 'hypotension', 'spike', 'dropout', 'replay', 'reboot', 'clock-skew', 'future-batch', 'low-battery', 'sensor-off'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Episode {
  scenario: ScenarioName;
  /** Start, relative to the simulation start. */
  startMs: number;
  durationMs: number;
  /** Repeats the episode this often after its start (a long-running demo). */
  everyMs?: number;
}

export interface Vitals {
  heartRate: number;
  spo2: number;
  respiratoryRate: number;
  temperature: number;
  systolic: number;
  diastolic: number;
}

/** A small deterministic PRNG (mulberry32) so a seed reproduces a run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const gauss = (rand: () => number) => {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
};

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Ramp 0 -> 1 -> 0 over an episode (20% onset, plateau, 20% recovery). */
function intensity(t: number, ep: Episode): number {
  const since = t - ep.startMs;
  const x = (ep.everyMs && since > 0 ? since % ep.everyMs : since) / ep.durationMs;
  if (x < 0 || x > 1) return 0;
  if (x < 0.2) return x / 0.2;
  if (x > 0.8) return (1 - x) / 0.2;
  return 1;
}

/**
 * One patient's physiology: a personal baseline, slow drift (a random walk pulled back
 * to baseline) and per-reading noise, with episodes layered on top.
 */
export class Patient {
  private readonly rand: () => number;
  private readonly base: Vitals;
  private drift: Vitals = { heartRate: 0, spo2: 0, respiratoryRate: 0, temperature: 0, systolic: 0, diastolic: 0 };

  constructor(seed: number, private readonly episodes: Episode[] = []) {
    this.rand = prng(seed);
    const r = this.rand;
    this.base = {
      heartRate: 62 + r() * 20,
      spo2: 96 + r() * 2.5,
      respiratoryRate: 13 + r() * 5,
      temperature: 36.4 + r() * 0.6,
      systolic: 115 + r() * 20,
      diastolic: 70 + r() * 12,
    };
  }

  /** The vitals at `t` ms since the simulation started. */
  at(t: number): Vitals {
    const r = this.rand;
    for (const k of Object.keys(this.drift) as (keyof Vitals)[]) {
      const scale = k === 'temperature' ? 0.01 : k === 'spo2' ? 0.05 : 0.2;
      this.drift[k] = this.drift[k] * 0.98 + gauss(r) * scale;
    }
    const v: Vitals = {
      heartRate: this.base.heartRate + this.drift.heartRate + gauss(r) * 1.5,
      spo2: this.base.spo2 + this.drift.spo2 + gauss(r) * 0.4,
      respiratoryRate: this.base.respiratoryRate + this.drift.respiratoryRate + gauss(r) * 0.6,
      temperature: this.base.temperature + this.drift.temperature + gauss(r) * 0.03,
      systolic: this.base.systolic + this.drift.systolic + gauss(r) * 3,
      diastolic: this.base.diastolic + this.drift.diastolic + gauss(r) * 2,
    };
    for (const ep of this.episodes) {
      const i = intensity(t, ep);
      if (i === 0) continue;
      switch (ep.scenario) {
        case 'tachycardia': v.heartRate += 75 * i; v.respiratoryRate += 6 * i; break;
        // Desaturation and spikes are held steady (no noise) inside the plateau so
        // tests can rely on the value staying past the limit.
        case 'desaturation': v.spo2 = i === 1 ? 84 : v.spo2 - (v.spo2 - 84) * i; v.respiratoryRate += 8 * i; v.heartRate += 20 * i; break;
        case 'spike': v.spo2 = i > 0 ? 85 : v.spo2; break;
        case 'fever': v.temperature += 3 * i; v.heartRate += 25 * i; v.respiratoryRate += 5 * i; break;
        case 'hypotension': v.systolic -= 45 * i; v.diastolic -= 25 * i; v.heartRate += 30 * i; break;
        default: break;
      }
    }
    return {
      heartRate: Math.round(clamp(v.heartRate, 25, 250)),
      spo2: Math.round(clamp(v.spo2, 50, 100)),
      respiratoryRate: Math.round(clamp(v.respiratoryRate, 4, 60)),
      temperature: Math.round(clamp(v.temperature, 32, 43) * 10) / 10,
      systolic: Math.round(clamp(v.systolic, 50, 250)),
      diastolic: Math.round(clamp(v.diastolic, 25, 150)),
    };
  }
}

/** Which catalogue vital each simulated value is (the unit comes from the catalogue). */
const SAMPLE_KEYS: readonly [keyof Vitals, string][] = [
  ['heartRate', 'heart_rate'], ['spo2', 'spo2'], ['respiratoryRate', 'respiratory_rate'],
  ['temperature', 'temperature'], ['systolic', 'bp_systolic'], ['diastolic', 'bp_diastolic'],
];

export function toSamples(v: Vitals, measuredAtMs: number) {
  return SAMPLE_KEYS.map(([field, key]) => {
    const info = vitalByKey(key)!;
    return { kind: info.kind, value: v[field], unit: info.ucum, measuredAtMs };
  });
}
