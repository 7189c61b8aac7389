// The write side of the patient registry (issue 15): admit, transfer, discharge, assign, end.
// The only writer of the patients and assignments topics; each change is produced (acks all)
// and then awaited in this process's own registry, so a following read sees it.
import type { Producer } from 'kafkajs';
import type { PatientRegistry, PatientTopics } from '../common/patient-registry.js';
import { openAssignment, withAssignment, withEnded, type AssignmentRecord, type PatientRecord } from '../common/patient-records.js';

export class PatientStoreError extends Error {
  constructor(readonly kind: 'exists' | 'not-found' | 'conflict', message: string) { super(message); }
}

export interface PatientStore {
  admit(p: { patientId: string; displayName: string; ward: string; bed: string }, atMs?: number): Promise<PatientRecord>;
  transfer(patientId: string, to: { ward: string; bed: string }, atMs?: number): Promise<{ before: PatientRecord; after: PatientRecord }>;
  /** Discharges the patient and ends every open assignment of theirs at the same time. */
  discharge(patientId: string, atMs?: number): Promise<{ before: PatientRecord; after: PatientRecord; ended: string[] }>;
  assign(deviceId: string, patientId: string, fromMs?: number): Promise<{ before: AssignmentRecord | undefined; after: AssignmentRecord }>;
  end(deviceId: string, atMs?: number): Promise<{ before: AssignmentRecord; after: AssignmentRecord }>;
}

export function createPatientStore(deps: { producer: Producer; registry: PatientRegistry; topics: PatientTopics; now?: () => number; waitMs?: number }): PatientStore {
  const { producer, registry, topics, now = Date.now } = deps;
  // One change at a time in this process: each reads the registry and writes the next state.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };

  /** Resolves once the registry holds `seen()` (the record came back from Kafka). */
  function applied(seen: () => boolean): Promise<void> {
    if (seen()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onChange = () => { if (seen()) { cleanup(); resolve(); } };
      const timer = setTimeout(() => { cleanup(); reject(new Error('the registry did not see its own write in time')); }, deps.waitMs ?? 15_000);
      const cleanup = () => { clearTimeout(timer); registry.events.off('change', onChange); };
      registry.events.on('change', onChange);
    });
  }

  async function putPatient(rec: PatientRecord): Promise<void> {
    await producer.send({ topic: topics.patients, acks: -1, messages: [{ key: rec.patientId, value: JSON.stringify(rec) }] });
    await applied(() => registry.patient(rec.patientId)?.updatedAt === rec.updatedAt && registry.patient(rec.patientId)?.ward === rec.ward && registry.patient(rec.patientId)?.dischargedAt === rec.dischargedAt);
  }
  async function putAssignment(rec: AssignmentRecord): Promise<void> {
    await producer.send({ topic: topics.assignments, acks: -1, messages: [{ key: rec.deviceId, value: JSON.stringify(rec) }] });
    await applied(() => JSON.stringify(registry.assignments(rec.deviceId)) === JSON.stringify(rec));
  }
  const current = (patientId: string) => {
    const p = registry.patient(patientId);
    if (!p) throw new PatientStoreError('not-found', `no patient ${patientId}`);
    if (p.dischargedAt) throw new PatientStoreError('conflict', `patient ${patientId} was discharged`);
    return p;
  };

  return {
    admit: (p, atMs = now()) => serial(async () => {
      const existing = registry.patient(p.patientId);
      if (existing && !existing.dischargedAt) throw new PatientStoreError('exists', `patient ${p.patientId} is already admitted`);
      const at = new Date(atMs).toISOString();
      const rec: PatientRecord = { ...p, admittedAt: at, dischargedAt: null, updatedAt: at };
      await putPatient(rec);
      return rec;
    }),
    transfer: (patientId, to, atMs = now()) => serial(async () => {
      const before = current(patientId);
      const after: PatientRecord = { ...before, ward: to.ward, bed: to.bed, updatedAt: new Date(atMs).toISOString() };
      await putPatient(after);
      return { before, after };
    }),
    discharge: (patientId, atMs = now()) => serial(async () => {
      const before = current(patientId);
      const at = new Date(atMs).toISOString();
      // Assignments first: from here on no new reading is attributed to the patient.
      const ended: string[] = [];
      for (const rec of registry.devicesOf(patientId)) {
        if (openAssignment(rec)?.patientId !== patientId) continue;
        await putAssignment(withEnded(rec, atMs, patientId));
        ended.push(rec.deviceId);
      }
      const after: PatientRecord = { ...before, dischargedAt: at, updatedAt: at };
      await putPatient(after);
      return { before, after, ended };
    }),
    assign: (deviceId, patientId, fromMs = now()) => serial(async () => {
      current(patientId);
      const before = registry.assignments(deviceId);
      const after = withAssignment(deviceId, before, patientId, fromMs);
      await putAssignment(after);
      return { before, after };
    }),
    end: (deviceId, atMs = now()) => serial(async () => {
      const before = registry.assignments(deviceId);
      if (!before || !openAssignment(before)) throw new PatientStoreError('not-found', `device ${deviceId} has no open assignment`);
      const after = withEnded(before, atMs);
      await putAssignment(after);
      return { before, after };
    }),
  };
}
