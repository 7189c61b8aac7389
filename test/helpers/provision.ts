// Test provisioning (issue 15): admits patients and assigns devices through the API's own write
// path (services/api/patient-store.ts) on a given pair of registry topics, so tests publish
// readings the ingest attributes exactly as in production.
import type { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { createPatientStore, type PatientStore } from '../../services/api/patient-store.js';
import { deviceIdFor, patientIdFor } from '../../services/common/device-credentials.js';
import { createPatientRegistry, type PatientRegistry, type PatientTopics } from '../../services/common/patient-registry.js';

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
    async close() {
      await producer.disconnect().catch(() => undefined);
      if (!registry) await reg.stop();
    },
  };
  return p;
}
