// Bounded per-patient memory (issue 16): remembers when each patient was last active and
// decides whom the API and the alert worker forget: patients absent longer than `absentMs`,
// then the least recently active beyond `maxPatients`; never a patient the caller protects
// (an open alert, clinician-set limits). Logged and metered; the caller drops its own maps.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from './logger.js';

export interface PatientBoundOptions {
  /** Patients kept at most; beyond it the least recently active unprotected ones go. @defaultValue 50_000 */
  maxPatients: number;
  /** A patient with no activity this long and nothing protecting it is forgotten. @defaultValue 86_400_000 (24 h, ms) */
  absentMs: number;
}

export const DEFAULT_PATIENT_BOUND: PatientBoundOptions = { maxPatients: 50_000, absentMs: 24 * 3600_000 };

export type EvictReason = 'absent' | 'cap';

export interface PatientBoundDeps {
  options?: Partial<PatientBoundOptions>;
  /** True for a patient that must never be forgotten (e.g. it has an open alert). */
  isProtected: (patientId: string) => boolean;
  /** Metrics `vitals_<service>_patients_tracked`, `..._patients_evicted_total{reason}`, `..._patients_over_cap`. */
  service: string;
  registry?: Registry | undefined;
  log?: Logger | undefined;
}

export class PatientBound {
  readonly options: PatientBoundOptions;
  /** patientId -> last activity (ms); Map order = least recently active first (touch re-inserts). */
  private readonly seen = new Map<string, number>();
  private readonly tracked?: Gauge;
  private readonly evicted?: Counter<'reason'>;
  private readonly overCap?: Gauge;
  private warnedAt = 0;

  constructor(private readonly deps: PatientBoundDeps) {
    this.options = { ...DEFAULT_PATIENT_BOUND, ...deps.options };
    if (!(this.options.maxPatients >= 1) || !(this.options.absentMs >= 1)) throw new Error('patient bound: maxPatients and absentMs must be positive');
    const r = deps.registry;
    if (r) {
      const p = `vitals_${deps.service}_patients`;
      this.tracked = new Gauge({ name: `${p}_tracked`, help: 'Patients held in memory', registers: [r], collect: () => this.tracked!.set(this.seen.size) });
      this.evicted = new Counter({ name: `${p}_evicted_total`, help: 'Patients forgotten, by reason (absent: no activity for the absence time; cap: beyond the cap, least recently active first)', labelNames: ['reason'], registers: [r] });
      this.overCap = new Gauge({ name: `${p}_over_cap`, help: 'Patients beyond the cap that are kept because they are protected (open alert)', registers: [r] });
    }
  }

  get size(): number { return this.seen.size; }
  has(patientId: string): boolean { return this.seen.has(patientId); }

  /** Records activity of a patient at `at` (ms). Returns true when the cap is now exceeded. */
  touch(patientId: string, at: number): boolean {
    this.seen.delete(patientId);
    this.seen.set(patientId, at);
    return this.seen.size > this.options.maxPatients;
  }

  forget(patientId: string): void { this.seen.delete(patientId); }
  clear(): void { this.seen.clear(); }

  /**
   * The patients to forget now, oldest activity first: absent ones, then beyond the cap (down to
   * 95% of it). They
   * are no longer tracked once returned; the caller drops its state for them (and may `touch`
   * them back if it could not). Protected patients are never returned.
   */
  sweep(now: number): { patientId: string; reason: EvictReason }[] {
    const out: { patientId: string; reason: EvictReason }[] = [];
    const { absentMs, maxPatients } = this.options;
    let protectedSeen = 0;
    for (const [id, at] of this.seen) {
      if (now - at < absentMs) break; // Map order: the rest are more recent
      if (this.deps.isProtected(id)) { protectedSeen++; continue; }
      out.push({ patientId: id, reason: 'absent' });
    }
    for (const e of out) this.seen.delete(e.patientId);
    let excess = this.seen.size - maxPatients;
    if (excess > 0) {
      // Down to 95% of the cap: a flood then costs one sweep per cap/20 new patients, not one each.
      excess += Math.floor(maxPatients / 20);
      for (const id of this.seen.keys()) {
        if (excess <= 0) break;
        if (this.deps.isProtected(id)) continue;
        out.push({ patientId: id, reason: 'cap' });
        excess--;
      }
      for (const e of out) if (e.reason === 'cap') this.seen.delete(e.patientId);
    }
    const over = Math.max(0, this.seen.size - maxPatients);
    this.overCap?.set(over);
    if (out.length > 0) {
      const absent = out.filter((e) => e.reason === 'absent').length;
      if (absent) this.evicted?.inc({ reason: 'absent' }, absent);
      if (out.length - absent) this.evicted?.inc({ reason: 'cap' }, out.length - absent);
      this.deps.log?.info({ absent, cap: out.length - absent, tracked: this.seen.size, maxPatients, absentMs }, 'patients evicted');
    }
    if (over > 0 && now - this.warnedAt >= 60_000) {
      this.warnedAt = now;
      this.deps.log?.warn({ tracked: this.seen.size, maxPatients, protectedOverCap: over, protectedAbsent: protectedSeen }, 'patient cap exceeded by patients with open alerts; they are kept');
    }
    return out;
  }
}
