// Read-only view of the ward of each patient, from the compacted patients topic (issue 15
// contract). Stand-in for services/common/patient-registry.ts, which the lead swaps in.
import type { Kafka } from 'kafkajs';
import type { Logger } from '../common/logger.js';
import { PATIENT_ID_RE } from '../common/topics.js';
import { followTopic } from './topic-follower.js';

export interface WardLookup { wardOf(patientId: string): string | undefined }

/** Nobody's ward is known: ward-restricted accounts see no patient. */
export const NO_WARDS: WardLookup = { wardOf: () => undefined };

export function createWardLookup(deps: { kafka: Kafka; topic: string; groupId: string; log: Logger }): WardLookup & { start(): Promise<void>; stop(): Promise<void> } {
  const wards = new Map<string, string>();
  const follower = followTopic({
    ...deps,
    onRecord: (key, value) => {
      if (!value) { wards.delete(key); return; }
      const p = JSON.parse(value.toString()) as { patientId?: unknown; ward?: unknown };
      if (typeof p.patientId !== 'string' || !PATIENT_ID_RE.test(p.patientId) || typeof p.ward !== 'string') return;
      // A discharged patient keeps the ward of the stay: its history stays with that ward.
      wards.set(p.patientId, p.ward);
    },
  });
  return { wardOf: (id) => wards.get(id), start: () => follower.start(), stop: () => follower.stop() };
}
