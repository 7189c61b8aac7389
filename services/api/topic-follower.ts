// Reads a Kafka topic from the beginning into the caller's state, tells when it has caught up
// with the end it saw at start, then keeps following (accounts, audit, ward lookup). The
// consumer is services/common/group-consumer.ts: replaced if kafkajs gives up on it.
import type { Kafka } from 'kafkajs';
import { createGroupConsumer } from '../common/group-consumer.js';
import type { Logger } from '../common/logger.js';

export interface TopicFollower {
  /** Resolves once every partition has been read up to its end at start. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `onRecord` gets each record's key and value (null value = a compaction tombstone); it must not throw. */
export function followTopic(deps: { kafka: Kafka; topic: string; groupId: string; log: Logger; readyTimeoutMs?: number; onRecord: (key: string, value: Buffer | null) => void }): TopicFollower {
  let started = false;
  /** Partitions not yet read to the end they had at start, and that end. */
  let pending = new Map<number, number>();
  let caughtUp: () => void = () => undefined;
  const seen = (partition: number, next: number) => {
    const end = pending.get(partition);
    if (end !== undefined && next >= end) pending.delete(partition);
    if (pending.size === 0) caughtUp();
  };
  const follower = createGroupConsumer({
    kafka: deps.kafka, log: deps.log, name: deps.topic,
    config: { groupId: deps.groupId, maxWaitTimeInMs: 100 },
    topics: [deps.topic],
    // A compacted partition may end in offsets that no longer hold a record: the fetch's lag says so.
    hooks: { batchEnded: (b) => { if (Number(b.offsetLag) <= 0) seen(b.partition, Number.MAX_SAFE_INTEGER); } },
    run: {
      eachMessage: async ({ partition, message }) => {
        try { deps.onRecord(message.key?.toString() ?? '', message.value); } catch (err) { deps.log.warn({ err, topic: deps.topic }, 'record skipped'); }
        seen(partition, Number(message.offset) + 1);
      },
    },
  });
  return {
    async start() {
      const admin = deps.kafka.admin();
      await admin.connect();
      let ends: { partition: number; high: string; low: string }[];
      try { ends = await admin.fetchTopicOffsets(deps.topic); } finally { await admin.disconnect(); }
      pending = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]));
      const ready = new Promise<void>((resolve) => { caughtUp = resolve; });
      if (pending.size === 0) caughtUp();
      started = true;
      await follower.start();
      const timeoutMs = deps.readyTimeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ready, new Promise((_r, reject) => { timer = setTimeout(() => reject(new Error(`${deps.topic}: not read to its end within ${timeoutMs} ms`)), timeoutMs); })])
        .finally(() => clearTimeout(timer));
    },
    // The group is this process's own (it always reads from the beginning): removed at stop,
    // as the live view does, so restarts leave no groups behind.
    async stop() {
      if (!started) return;
      await follower.stop().catch(() => undefined);
      const admin = deps.kafka.admin();
      await admin.connect();
      await admin.deleteGroups([deps.groupId]).catch(() => undefined);
      await admin.disconnect();
    },
  };
}
