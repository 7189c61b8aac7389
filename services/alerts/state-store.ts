import type { Kafka } from 'kafkajs';
import type { PatientState } from './engine.js';

/**
 * Alert state lives in a compacted Kafka topic keyed by patient, with the same
 * partition count as the vitals topic: partition p of it holds the state of the
 * patients whose vitals are in partition p (Kafka Streams' changelog idea).
 */
export async function loadStates(kafka: Kafka, topic: string, partitions: Set<number>): Promise<Map<string, PatientState>> {
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
