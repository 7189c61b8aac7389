// One Kafka consumer kept running (issue 13): created, subscribed and run as configured, and
// replaced with backoff after a crash kafkajs does not recover from. The consumer host runs
// its group on it; the patient registry and the API's topic followers read with it.
import type { ConsumerConfig, ConsumerRunConfig } from 'kafkajs';
import { replaceConsumer, type ConsumerSlot, type KafkaClient, type KafkaConsumer, type TopicPartitionOffset } from './kafka.js';
import { setIdleFetchWait } from './kafkajs-idle-fetch.js';
import type { Logger } from './logger.js';

/** What the owner hears of its consumer. */
export interface GroupConsumerHooks {
  /** Joined the group; `assignment` is this member's partitions per topic. */
  joined?(assignment: Record<string, number[]>): void;
  /** Rejoining: the assignment may change. */
  rebalancing?(): void;
  /** A fetch came back (the consumer reaches Kafka, whether or not records came). */
  fetched?(): void;
  /** The consumer crashed (kafkajs restarts it, or it is replaced). */
  crashed?(err: unknown): void;
  /** A fetched batch was processed; `offsetLag` is what the partition still holds beyond it. */
  batchEnded?(batch: { topic: string; partition: number; offsetLag: string }): void;
}

export interface GroupConsumerDeps {
  kafka: Pick<KafkaClient, 'consumer'>;
  log: Logger;
  config: ConsumerConfig;
  /** Subscribed from the beginning of each (for a group without committed offsets). */
  topics: string[];
  /** Handed to every consumer this keeps running (eachBatch or eachMessage, commits). */
  run: ConsumerRunConfig;
  hooks?: GroupConsumerHooks;
  /** Wait before a consumer kafkajs gave up on is replaced. @defaultValue 1000 (ms) */
  replaceAfterMs?: number;
  /** Names the consumer in log lines. @defaultValue 'consumer' */
  name?: string;
  /**
   * Once a fetch brings nothing, the next waits for the first record, up to this long (and
   * never past the next heartbeat): an idle consumer asks less often, and a record is never
   * later (services/common/kafkajs-idle-fetch.ts). @defaultValue undefined (the configured fetch, always)
   */
  idleFetchWaitMs?: number;
}

export type GroupConsumer = ReturnType<typeof createGroupConsumer>;

export function createGroupConsumer({ kafka, log, config, topics, run, hooks = {}, replaceAfterMs = 1000, name = 'consumer', idleFetchWaitMs }: GroupConsumerDeps) {
  let consumer: KafkaConsumer | null = null;
  let running = false;
  /** Why the consumer is not working (a crash, or the owner's `fail`); cleared by the next join. */
  let problem: string | null = null;

  async function startOne(): Promise<void> {
    const c = kafka.consumer(config);
    c.on(c.events.GROUP_JOIN, (e: { payload: { memberId: string; duration: number; memberAssignment: Record<string, number[]> } }) => {
      problem = null;
      // How long the join took says whether it waited for other members (e.g. an old session).
      log.info({ consumer: name, groupId: config.groupId, memberId: e.payload.memberId, durationMs: e.payload.duration }, 'group joined');
      hooks.joined?.(e.payload.memberAssignment);
    });
    c.on(c.events.REBALANCING, () => hooks.rebalancing?.());
    c.on(c.events.FETCH, () => hooks.fetched?.());
    if (hooks.batchEnded) c.on(c.events.END_BATCH_PROCESS, (e: { payload: { topic: string; partition: number; offsetLag: string } }) => hooks.batchEnded?.(e.payload));
    c.on(c.events.CRASH, (e: { payload: { error: unknown; restart: boolean } }) => {
      problem = `consumer crashed: ${String(e.payload.error)}`;
      log.error({ err: e.payload.error, restart: e.payload.restart, consumer: name }, 'consumer crashed');
      hooks.crashed?.(e.payload.error);
      // kafkajs gives up after a non-retriable error (e.g. "failed to find group coordinator"
      // while a restarted broker loads its groups): a new consumer takes over, so the service
      // does not sit idle until someone restarts it.
      if (!e.payload.restart && running && consumer === c) setTimeout(() => replaceConsumer(slot), replaceAfterMs);
    });
    consumer = c;
    await c.connect();
    for (const topic of topics) await c.subscribe({ topic, fromBeginning: true });
    await c.run(run);
    // Stopped while this one was starting (a replacement under way): it must not run on.
    if (!running) await c.disconnect();
  }

  const slot: ConsumerSlot = {
    running: () => running,
    take: () => { const c = consumer; consumer = null; return c; },
    start: startOne,
    log,
  };

  return {
    async start(): Promise<void> {
      running = true;
      if (idleFetchWaitMs !== undefined) setIdleFetchWait(config.groupId, idleFetchWaitMs);
      await startOne();
    },
    /** Leaves the group; kafkajs finishes the batch in flight and commits what was resolved. */
    async stop(): Promise<void> {
      running = false;
      const c = consumer;
      consumer = null;
      await c?.disconnect();
      if (idleFetchWaitMs !== undefined) setIdleFetchWait(config.groupId, null);
    },
    running: () => running,
    /** Why the consumer is not working, or null. */
    problem: () => problem,
    /** Marks the consumer's work as failed (e.g. a state reload) until the next join. */
    fail(reason: string): void { problem = reason; },
    /** Commits these offsets through the running consumer (for an owner that commits itself: `autoCommit: false`). */
    async commit(offsets: TopicPartitionOffset[]): Promise<void> {
      if (offsets.length === 0) return;
      if (!consumer?.commitOffsets) throw new Error('no running consumer to commit with');
      await consumer.commitOffsets(offsets);
    },
    /** Moves fetch positions back (or on) before the next fetch of these partitions. */
    seek(targets: TopicPartitionOffset[]): void {
      if (!consumer?.seek) throw new Error('no running consumer to seek with');
      for (const t of targets) consumer.seek(t);
    },
  };
}
