// Reads a Kafka topic from the beginning into the caller's state, tells when it has caught up
// with the end it saw at start, then keeps following (accounts, audit, ward lookup).
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from '../common/logger.js';

export interface TopicFollower {
  /** Resolves once every partition has been read up to its end at start. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `onRecord` gets each record's key and value (null value = a compaction tombstone); it must not throw. */
export function followTopic(deps: { kafka: Kafka; topic: string; groupId: string; log: Logger; readyTimeoutMs?: number; onRecord: (key: string, value: Buffer | null) => void }): TopicFollower {
  let consumer: Consumer | undefined;
  return {
    async start() {
      const admin = deps.kafka.admin();
      await admin.connect();
      let ends: { partition: number; high: string; low: string }[];
      try { ends = await admin.fetchTopicOffsets(deps.topic); } finally { await admin.disconnect(); }
      const pending = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]));
      let caughtUp!: () => void;
      const ready = new Promise<void>((resolve) => { caughtUp = resolve; });
      const seen = (partition: number, next: number) => {
        const end = pending.get(partition);
        if (end !== undefined && next >= end) pending.delete(partition);
        if (pending.size === 0) caughtUp();
      };
      if (pending.size === 0) caughtUp();
      consumer = deps.kafka.consumer({ groupId: deps.groupId, maxWaitTimeInMs: 100 });
      // A compacted partition may end in offsets that no longer hold a record: the fetch's lag says so.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => { if (Number(payload.offsetLag) <= 0) seen(payload.partition, Number.MAX_SAFE_INTEGER); });
      await consumer.connect();
      await consumer.subscribe({ topic: deps.topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          try { deps.onRecord(message.key?.toString() ?? '', message.value); } catch (err) { deps.log.warn({ err, topic: deps.topic }, 'record skipped'); }
          seen(partition, Number(message.offset) + 1);
        },
      });
      const timeoutMs = deps.readyTimeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ready, new Promise((_r, reject) => { timer = setTimeout(() => reject(new Error(`${deps.topic}: not read to its end within ${timeoutMs} ms`)), timeoutMs); })])
        .finally(() => clearTimeout(timer));
    },
    // The group is this process's own (it always reads from the beginning): removed at stop,
    // as the live view does, so restarts leave no groups behind.
    async stop() {
      if (!consumer) return;
      await consumer.disconnect().catch(() => undefined);
      const admin = deps.kafka.admin();
      await admin.connect();
      await admin.deleteGroups([deps.groupId]).catch(() => undefined);
      await admin.disconnect();
    },
  };
}
