import type { Registry } from 'prom-client';
import type { Logger } from '../common/logger.js';
import type { PatientBoundOptions } from '../common/patient-bound.js';
import { fromStored, newPatientState, type PatientState } from './engine.js';
import { createStateEviction } from './state-eviction.js';
import type { StateStore } from './state-store.js';

/**
 * The patients a batch (or tick) touched, and the assignment generation it started under.
 * Work started under an older generation never writes its rollback into the states loaded
 * for a newer one.
 */
export interface Undo { generation: number; touched: Set<string> }

export interface PatientStatesDeps {
  store: StateStore;
  /** Per-patient limit overrides from a file (lower precedence than the API's). */
  fileOverrides?: (() => Record<string, PatientState['overrides']>) | undefined;
  /** Bounded patient state (issue 16). */
  bound?: Partial<PatientBoundOptions> | undefined;
  registry: Registry;
  log: Logger;
  now: () => number;
}

/**
 * The alert worker's memory of its assigned patients, kept in step with the state store.
 * Memory is only allowed to run ahead of the store once that work is persisted: when
 * publishing fails, the touched patients are restored from their persisted state, so the
 * retried batch derives the same transitions (same deterministic alert ids) and publishes
 * them, rather than finding its sequences already seen and publishing nothing (an "open" lost).
 */
export function createPatientStates({ store, fileOverrides, bound, registry, log, now }: PatientStatesDeps) {
  const states = new Map<string, PatientState>();
  /**
   * Each patient's state as the store holds it (the JSON last written or loaded). A batch
   * that fails is rolled back from here: no copy is taken on the hot path.
   */
  const persisted = new Map<string, string>();
  const eviction = createStateEviction({ states, persisted, forget: (ids) => store.forget(ids), options: bound, registry, log, now });
  /** Bumped on every (re)assignment. */
  let generation = 0;

  return {
    states,

    /** Starts a unit of work (a batch or a tick) under the current generation. */
    begin: (): Undo => ({ generation, touched: new Set() }),

    /** The patient's state for `undo`'s work, created if new; file overrides apply when the API set none. */
    stateFor(patientId: string, undo: Undo): PatientState {
      undo.touched.add(patientId);
      eviction.touch(patientId);
      let s = states.get(patientId);
      if (!s) { s = newPatientState(patientId); states.set(patientId, s); }
      const fromFile = fileOverrides?.()[patientId];
      if (fromFile && !s.overrides) s.overrides = fromFile;
      return s;
    },

    /** Forgets `undo`'s unpersisted work: its patients go back to what the store holds. */
    rollback(undo: Undo): void {
      if (undo.generation !== generation) return; // the states were reloaded from the store since
      for (const patientId of undo.touched) {
        const json = persisted.get(patientId);
        if (json) states.set(patientId, JSON.parse(json) as PatientState);
        else states.delete(patientId);
      }
    },

    /** The records to persist for these patients, as they are now. */
    snapshot: (dirty: Iterable<string>): { key: string; value: string }[] => {
      const out: { key: string; value: string }[] = [];
      // A patient forgotten since (the bounded memory's sweep wrote its tombstone) has nothing to write.
      for (const p of dirty) { const s = states.get(p); if (s) out.push({ key: p, value: JSON.stringify(s) }); }
      return out;
    },

    /** Writes a snapshot to the store; only then does it count as persisted. */
    async persist(values: { key: string; value: string }[]): Promise<void> {
      if (values.length === 0) return;
      await store.persist(values);
      for (const v of values) persisted.set(v.key, v.value);
    },

    /** A new assignment: work in flight belongs to the old one. Returns its generation. */
    reassigned: (): number => ++generation,
    isCurrent: (gen: number): boolean => gen === generation,

    /** Reads the assigned partitions' state back from the store. */
    load: (partitions: Set<number>) => store.load(partitions),

    /** Replaces memory with what was loaded: whatever memory held that the store did not is dropped. */
    replace(loaded: Map<string, PatientState>): void {
      states.clear();
      persisted.clear();
      for (const [k, v] of loaded) { states.set(k, fromStored(v)); persisted.set(k, JSON.stringify(v)); }
      eviction.reset(loaded.keys());
    },

    /** Bounded memory: forgets absent patients (tombstones first). */
    sweep: () => eviction.sweep(),

    /** Alerts open or acknowledged, over every patient. */
    openAlerts: (): number => [...states.values()].reduce((n, s) => n + Object.values(s.alerts).filter((a) => a.state !== 'resolved').length, 0),
  };
}

export type PatientStates = ReturnType<typeof createPatientStates>;
