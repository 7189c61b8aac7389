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
export function createTopicStateStore(deps: { kafka: KafkaClient; producer: () => KafkaProducer; topic: string; groupId: string }): StateStore {
  const { kafka, topic } = deps;
  return {
    load: (partitions) => loadStates(kafka, topic, partitions, deps.groupId),
    async persist(entries) {
      if (entries.length > 0) await deps.producer().send({ topic, acks: -1, messages: entries });
    },
    async forget(patientIds) {
      if (patientIds.length > 0) await deps.producer().send({ topic, acks: -1, messages: patientIds.map((key) => ({ key, value: null })) });
    },
  };
}

/**
 * The prefix of the throwaway groups that read the state topic (the alert principal's ACL
 * grants it: infra/kafka/acls.json), followed by the worker's own group id.
 */
export const STATE_LOAD_GROUP_PREFIX = 'alerts-state-load-';

/**
 * Reads `partitions` of the state topic to their current end, with a throwaway group named
 * after the worker's group (`owner`) that commits no offsets (it never needs them) and is
 * deleted at the end. A reader killed -9 before that leaves the group behind, Empty once its
 * session expires: Kafka 4.1 kept such a group (no offsets) for more than 14 minutes here.
 * The next worker of the same group removes it at its start ({@link sweepStaleLoadGroups}).
 */
export async function loadStates(kafka: KafkaClient, topic: string, partitions: Set<number>, owner: string): Promise<Map<string, PatientState>> {
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
  const groupId = `${STATE_LOAD_GROUP_PREFIX}${owner}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const remaining = new Set(targets.keys());
      const timer = setTimeout(() => reject(new Error(`state topic ${topic} not read within 60 s`)), 60_000);
      consumer.run({
        autoCommit: false,
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
    // The group goes even when the disconnect fails (the load's own error is the one thrown).
    await consumer.disconnect().catch(() => undefined);
    await deleteGroup(kafka, groupId);
  }
  return states;
}

/** Deletes a throwaway group; a failure is not the load's (the group stays, Empty, until deleted). */
async function deleteGroup(kafka: KafkaClient, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // Logged nowhere on purpose: the reload itself succeeded; the group is only clutter.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** A reload group older than this was left by a reader that died (a reload gives up after 60 s). */
export const STALE_LOAD_GROUP_MS = 5 * 60_000;

/**
 * Deletes the reload groups of `owner` (a worker group) that a killed reader left behind: those
 * created more than {@link STALE_LOAD_GROUP_MS} ago (the time in their name) and Empty now.
 * Another group's reloads (`owner` a prefix of its name) are never touched: the name must be
 * exactly the prefix, the owner, a 13-digit time and the random part. Returns the deleted ids.
 */
export async function sweepStaleLoadGroups(kafka: KafkaClient, owner: string, now = Date.now()): Promise<string[]> {
  const prefix = `${STATE_LOAD_GROUP_PREFIX}${owner}-`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const stale = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => {
      if (!id.startsWith(prefix)) return false;
      const m = /^(\d{13})-[a-z0-9]+$/.exec(id.slice(prefix.length));
      return m !== null && now - Number(m[1]) > STALE_LOAD_GROUP_MS;
    });
    if (stale.length === 0) return [];
    const empty = (await admin.describeGroups(stale)).groups.filter((g) => g.state === 'Empty' || g.state === 'Dead').map((g) => g.groupId);
    if (empty.length > 0) await admin.deleteGroups(empty);
    return empty;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
