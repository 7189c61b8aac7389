// The one provisioning point of the scale tests: which patient each simulated device's
// readings belong to. The ingest attributes readings only through the patient registry
// (issue 15): a device with no assignment is stored under the device only and raises no
// clinical alert. So the devices are admitted and assigned on the test's own registry topics
// (the names test/helpers/kafka-acl.ts grants the ingest), BEFORE the ingest starts: its
// registry loads both topics to their end before it takes a message.
import { deviceIdFor, patientIdFor } from '../../services/common/device-credentials.js';
import type { PatientTopics } from '../../services/common/patient-registry.js';
import { testAclNames } from '../helpers/kafka-acl.js';
import { createProvisioner } from '../helpers/provision.js';
import { kafkaFor, type StackEndpoints } from '../helpers/stack.js';

export interface Provisioned {
  /** device id -> the patient its readings (and alerts) are attributed to */
  patientOf: Map<string, string>;
  /** The env a child-process ingest needs to read this registry (KAFKA_TOPIC_PATIENTS/ASSIGNMENTS). */
  env: Record<string, string>;
  /** Undoes the provisioning: stops the reader (its group goes). The topics carry the test's id and go with its other topics. */
  remove: () => Promise<void>;
}

/** The registry topics of test `id`, as its ACL rows name them. */
export function registryTopics(id: string): PatientTopics {
  const n = testAclNames(id);
  return { patients: n.patients!, assignments: n.assignments! };
}

/** Admits patients `first..first+count-1` and assigns each device to its patient; resolves once the records are readable. */
export async function provisionDevices(s: StackEndpoints, id: string, firstDevice: number, count: number): Promise<Provisioned> {
  const topics = registryTopics(id);
  const kafka = kafkaFor(s, `${id}-provision`); // admin: creates the topics and writes them, as the API would
  const p = await createProvisioner(kafka, topics, `${id}-provision`);
  try {
    await p.provisionMany(firstDevice, count);
  } finally {
    await p.close();
  }
  const patientOf = new Map<string, string>();
  for (let i = 0; i < count; i++) patientOf.set(deviceIdFor(firstDevice + i), patientIdFor(firstDevice + i));
  return {
    patientOf,
    env: { KAFKA_TOPIC_PATIENTS: topics.patients, KAFKA_TOPIC_ASSIGNMENTS: topics.assignments },
    remove: async () => undefined,
  };
}
