import type { KafkaClient, KafkaProducer } from '../common/kafka.js';
import type { PatientState } from './engine.js';

/** Where the alert worker's per-patient state is loaded from and persisted to. */
export interface StateStore {
  /** The state of the patients in these partitions, as last persisted. */
  load(partitions: Set<number>): Promise<Map<string, PatientState>>;
  /** Writes these patients' state (JSON, keyed by patient); resolves once durable. */
  persist(entries: { key: string; value: string }[]): Promise<void>;
  /** Forgets these patients for good (tombstones); resolves once durable. */
  forget(patientIds: string[]): Promise<void>;
}

/**
 * Alert state lives in a compacted Kafka topic keyed by patient, with the same
 * partition count as the vitals topic: partition p of it holds the state of the
 * patients whose vitals are in partition p (Kafka Streams' changelog idea).
 * Writes are acks=all through the worker's producer.
 */
export function createTopicStateStore(deps: { kafka: KafkaClient; producer: () => KafkaProducer; topic: string }): StateStore {
  const { kafka, topic } = deps;
  return {
    load: (partitions) => loadStates(kafka, topic, partitions),
    async persist(entries) {
      if (entries.length > 0) await deps.producer().send({ topic, acks: -1, messages: entries });
    },
    async forget(patientIds) {
      if (patientIds.length > 0) await deps.producer().send({ topic, acks: -1, messages: patientIds.map((key) => ({ key, value: null })) });
    },
  };
}

/** Reads `partitions` of the state topic to their current end, with a throwaway group. */
export async function loadStates(kafka: KafkaClient, topic: string, partitions: Set<number>): Promise<Map<string, PatientState>> {
  const states = new Map<string, PatientState>();
  if (partitions.size === 0) return states;
  const admin = kafka.admin();
  await admin.connect();
  let targets: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    targets = new Map(offsets.filter((o) => partitions.has(o.partition) && BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
  if (targets.size === 0) return states;
  const groupId = `alerts-state-load-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const remaining = new Set(targets.keys());
      const timer = setTimeout(() => reject(new Error(`state topic ${topic} not read within 60 s`)), 60_000);
      consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (!targets.has(partition)) return;
          const key = message.key?.toString();
          if (key) {
            if (message.value === null) states.delete(key);
            else states.set(key, JSON.parse(message.value.toString()) as PatientState);
          }
          if (BigInt(message.offset) + 1n >= targets.get(partition)!) {
            remaining.delete(partition);
            if (remaining.size === 0) { clearTimeout(timer); resolve(); }
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
    const admin2 = kafka.admin();
    await admin2.connect();
    await admin2.deleteGroups([groupId]).catch(() => undefined);
    await admin2.disconnect();
  }
  return states;
}
