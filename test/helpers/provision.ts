// Test provisioning (issue 15): admits patients and assigns devices through the API's own write
// path (services/api/patient-store.ts) on a given pair of registry topics, so tests publish
// readings the ingest attributes exactly as in production.
import type { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { createPatientStore, type PatientStore } from '../../services/api/patient-store.js';
import { deviceIdFor, patientIdFor } from '../../services/common/device-credentials.js';
import { createPatientRegistry, type PatientRegistry, type PatientTopics } from '../../services/common/patient-registry.js';
import { withAssignment, type PatientRecord } from '../../services/common/patient-records.js';

/** Records per produce request of {@link Provisioner.provisionMany}. */
const BULK_BATCH = 1000;

export interface Provisioner {
  registry: PatientRegistry;
  store: PatientStore;
  /**
   * Admits the patient (if not admitted) and assigns the device to them from `from`
   * (default: 7 days ago, the oldest reading the ingest accepts).
   */
  provision(deviceId: string, patientId: string, opts?: { from?: number; ward?: string; bed?: string }): Promise<void>;
  /** {@link provision} for the simulator's devices `first..first+count-1` and their patients. */
  provisionFleet(first: number, count: number): Promise<void>;
  /**
   * {@link provisionFleet} for thousands of devices (the benchmark, the scale test): the
   * admissions and assignments are produced in the contract format (patient-records.ts) in
   * batches, not one awaited change at a time, then awaited in this registry: it resolves once
   * the registry (a reader at the topics' end offsets) holds every assignment. Devices already
   * assigned to their patient are skipped.
   */
  provisionMany(first: number, count: number, opts?: { from?: number; ward?: string }): Promise<void>;
  close(): Promise<void>;
}

/** A registry and store of its own on `topics` (`registry` given: that one, e.g. the in-process ingest's). */
export async function createProvisioner(kafka: Kafka, topics: PatientTopics, groupId: string, registry?: PatientRegistry): Promise<Provisioner> {
  const reg = registry ?? createPatientRegistry({ kafka, log: pino({ level: 'silent' }), topics, groupId });
  await reg.start();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const store = createPatientStore({ producer, registry: reg, topics });
  const p: Provisioner = {
    registry: reg,
    store,
    async provision(deviceId, patientId, o = {}) {
      const current = reg.patient(patientId);
      if (!current || current.dischargedAt) await store.admit({ patientId, displayName: `Test ${patientId}`, ward: o.ward ?? 'ward-a', bed: o.bed ?? 'bed-1' });
      if (reg.assignmentAt(deviceId, Date.now()) !== patientId || o.from !== undefined) {
        await store.assign(deviceId, patientId, o.from ?? Date.now() - 7 * 24 * 3600_000);
      }
    },
    async provisionFleet(first, count) {
      for (let i = first; i < first + count; i++) await p.provision(deviceIdFor(i), patientIdFor(i));
    },
    async provisionMany(first, count, o = {}) {
      const fromMs = o.from ?? Date.now() - 7 * 24 * 3600_000;
      const at = new Date().toISOString();
      const todo: { deviceId: string; patientId: string }[] = [];
      for (let i = first; i < first + count; i++) {
        const deviceId = deviceIdFor(i), patientId = patientIdFor(i);
        if (reg.assignmentAt(deviceId, Date.now()) !== patientId) todo.push({ deviceId, patientId });
      }
      const patients = todo.filter((d) => { const c = reg.patient(d.patientId); return !c || c.dischargedAt; }).map((d): PatientRecord => ({
        patientId: d.patientId, displayName: `Test ${d.patientId}`, ward: o.ward ?? 'ward-a', bed: `bed-${d.deviceId}`, admittedAt: at, dischargedAt: null, updatedAt: at,
      }));
      const send = async (topic: string, messages: { key: string; value: string }[]) => {
        for (let i = 0; i < messages.length; i += BULK_BATCH) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + BULK_BATCH) });
      };
      // Patients first: an assignment never names a patient the registry has not admitted.
      await send(topics.patients, patients.map((r) => ({ key: r.patientId, value: JSON.stringify(r) })));
      await send(topics.assignments, todo.map((d) => {
        const rec = withAssignment(d.deviceId, reg.assignments(d.deviceId), d.patientId, fromMs);
        return { key: rec.deviceId, value: JSON.stringify(rec) };
      }));
      // Acknowledged by Kafka (acks all); done once this registry has read them all back.
      const missing = () => todo.filter((d) => reg.assignmentAt(d.deviceId, Date.now()) !== d.patientId).length;
      const deadline = Date.now() + 120_000;
      while (missing() > 0) {
        if (Date.now() > deadline) throw new Error(`provisionMany: ${missing()} of ${todo.length} assignments not read back from ${topics.assignments} within 120 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await producer.disconnect().catch(() => undefined);
      if (!registry) await reg.stop();
    },
  };
  return p;
}
