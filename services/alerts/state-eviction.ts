// Bounded patient state in the alert worker (issue 16): forgets patients absent past the
// absence time or beyond the cap (least recently active first), never one with an unresolved
// alert or limit overrides, and writes a tombstone for each to the compacted state topic, so
// neither memory nor a reload after a restart holds them any more.
import type { Registry } from 'prom-client';
import type { Logger } from '../common/logger.js';
import { PatientBound, type PatientBoundOptions } from '../common/patient-bound.js';
import type { PatientState } from './engine.js';

export interface StateEvictionDeps {
  states: Map<string, PatientState>;
  /** The JSON last persisted per patient (dropped with the patient). */
  persisted: Map<string, string>;
  /** Writes the tombstones (acks=all): StateStore.forget. */
  forget: (patientIds: string[]) => Promise<void>;
  options?: Partial<PatientBoundOptions> | undefined;
  registry?: Registry | undefined;
  log?: Logger | undefined;
  now: () => number;
}

/** Unresolved alerts and clinician limits keep a patient; everything else may be forgotten. */
export function keepsPatient(s: PatientState | undefined): boolean {
  if (!s) return false;
  if (s.overrides && Object.keys(s.overrides).length > 0) return true;
  return Object.values(s.alerts).some((a) => a.state !== 'resolved');
}

export function createStateEviction(deps: StateEvictionDeps) {
  const bound = new PatientBound({
    service: 'alerts', options: deps.options, registry: deps.registry, log: deps.log,
    isProtected: (patientId) => keepsPatient(deps.states.get(patientId)),
  });
  return {
    bound,
    touch(patientId: string): void { bound.touch(patientId, deps.now()); },
    /** After a reload: every loaded patient counts as active now. */
    reset(patientIds: Iterable<string>): void {
      bound.clear();
      const t = deps.now();
      for (const id of patientIds) bound.touch(id, t);
    },
    /** Tombstones first (acks=all), then memory: a failed send keeps the patients for the next sweep. */
    async sweep(): Promise<number> {
      const gone = bound.sweep(deps.now()).map((e) => e.patientId);
      if (gone.length === 0) return 0;
      const present = gone.filter((id) => deps.states.has(id) || deps.persisted.has(id));
      try {
        if (present.length > 0) await deps.forget(present);
      } catch (err) {
        const t = deps.now();
        for (const id of gone) bound.touch(id, t);
        throw err;
      }
      for (const id of gone) { deps.states.delete(id); deps.persisted.delete(id); }
      return gone.length;
    },
  };
}
