// The Kafka side every consuming service shares (issue 13): it creates the topics, holds one
// idempotent producer and one group consumer, replaces that consumer after a crash kafkajs does
// not recover from, tracks lag, answers readiness, and drains in order on stop. The service
// brings its own `eachBatch` (offsets resolved by it) and reacts to the group through hooks.
import type { ConsumerConfig, EachBatchPayload } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';
import { createGroupConsumer, type GroupConsumerHooks } from './group-consumer.js';
import { ensureTopics, type KafkaClient, type KafkaProducer, type TopicPartitionOffset } from './kafka.js';
import type { Logger } from './logger.js';

/** Topics created if missing (idempotent), sharing a partition count and configs. */
export interface TopicSet {
  topics: string[];
  partitions: number;
  configEntries?: { name: string; value: string }[];
}

export interface ConsumerHostOptions {
  groupId: string;
  /** Created in this order before the producer connects. */
  topics: TopicSet[];
  /** Consumed by the group, from the beginning of each topic for a new group. */
  subscribe: string[];
  /** Consumer settings besides the group id (timeouts, assigners, max wait). */
  consumer?: Omit<ConsumerConfig, 'groupId'>;
  /** Partitions handled at once. @defaultValue 1 */
  concurrency?: number;
  /** Topics whose lag counts (metric and `caughtUp()`). @defaultValue every subscribed topic */
  lagTopics?: string[];
  /** Wait before a consumer kafkajs gave up on is replaced. @defaultValue 1000 (ms) */
  replaceAfterMs?: number;
  /** Longest fetch once a fetch brought nothing (see `GroupConsumerDeps`). @defaultValue undefined (the configured fetch, always) */
  idleFetchWaitMs?: number;
  /** The lag gauge is `<metricPrefix>_consumer_lag_records{topic,partition}`, e.g. `vitals_writer`. */
  metricPrefix: string;
  /**
   * The service commits its offsets itself (`commit()`), and neither kafkajs nor the host
   * commits a resolved offset: for a service whose resolved offsets run ahead of what it has
   * made durable (the alert worker's deferred state: services/alerts/fetch-units.ts).
   * @defaultValue false (resolved offsets are committed after each fetch's batches)
   */
  serviceCommits?: boolean;
}

/** A part that uses the producer inside the consumer's lifetime (e.g. a webhook outbox). */
export interface HostedPart {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ConsumerHostDeps {
  kafka: KafkaClient;
  log: Logger;
  registry: Registry;
  options: ConsumerHostOptions;
  /** The service's work per fetched batch; it resolves offsets itself (committed once the batches ending with it have resolved theirs). */
  eachBatch(payload: EachBatchPayload): Promise<void>;
  hooks?: GroupConsumerHooks;
  /** Started after the producer, before the consumer; stopped after the consumer, before the producer. */
  parts?: HostedPart[];
}

export type ConsumerHost = ReturnType<typeof createConsumerHost>;

export function createConsumerHost({ kafka, log, registry, options, eachBatch, hooks = {}, parts = [] }: ConsumerHostDeps) {
  const lagGauge = new Gauge({ name: `${options.metricPrefix}_consumer_lag_records`, help: 'Records behind the partition high watermark', labelNames: ['topic', 'partition'], registers: [registry] });
  const lagTopics = new Set(options.lagTopics ?? options.subscribe);
  /** Records behind per "topic:partition" of the lag topics this member consumes. */
  let lag = new Map<string, number>();
  let producer: KafkaProducer | null = null;
  let running = false;

  function setLag(topic: string, partition: number, behind: number): void {
    lag.set(`${topic}:${partition}`, behind);
    lagGauge.set({ topic, partition: String(partition) }, behind);
  }

  /** The OffsetCommit that batches ending in the same turn of the event loop share. */
  let commitPending: Promise<void> | null = null;
  /**
   * Commits every resolved offset once the batches that end together (a fetch's partitions,
   * handled concurrently) have all resolved theirs: one OffsetCommit instead of one per
   * partition batch. kafkajs still commits after each batch, but finds nothing left to commit;
   * if this commit fails, that commit of kafkajs's is the retry (and its failure ends the
   * batch as it always did).
   */
  function commitTogether(payload: EachBatchPayload): Promise<void> {
    commitPending ??= new Promise<void>((resolve) => setImmediate(() => {
      commitPending = null;
      const failed = (err: unknown) => { log.debug({ err }, 'shared offset commit failed; kafkajs commits after the batch'); resolve(); };
      try {
        const offsets = payload.uncommittedOffsets();
        if (offsets.topics.length === 0) resolve();
        else payload.commitOffsetsIfNecessary(offsets).then(resolve, failed);
      } catch (err) {
        failed(err);
      }
    }));
    return commitPending;
  }

  const group = createGroupConsumer({
    kafka, log, hooks,
    config: { ...options.consumer, groupId: options.groupId },
    topics: options.subscribe,
    replaceAfterMs: options.replaceAfterMs ?? 1000,
    idleFetchWaitMs: options.idleFetchWaitMs,
    // Offsets are resolved by the service only once its work is durable; they are committed
    // once per group of batches that end together (commitTogether), and by kafkajs after each
    // batch, on rebalance and on stop. (With autoCommit off, commitOffsetsIfNecessary()
    // commits nothing at all: a restart re-read the whole topic.)
    run: {
      autoCommit: !options.serviceCommits,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.concurrency ?? 1,
      eachBatch: async (payload) => {
        await eachBatch(payload);
        if (!options.serviceCommits) await commitTogether(payload);
        const { topic, partition } = payload.batch;
        if (lagTopics.has(topic)) setLag(topic, partition, Math.max(0, Number(payload.batch.offsetLag())));
      },
    },
  });

  return {
    async start(): Promise<void> {
      const admin = kafka.admin();
      await admin.connect();
      try {
        for (const set of options.topics) await ensureTopics(admin, set.topics, set.partitions, set.configEntries);
      } finally {
        await admin.disconnect();
      }
      const p = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await p.connect();
      producer = p;
      running = true;
      for (const part of parts) await part.start();
      await group.start();
    },

    /** The consumer first (kafkajs finishes the batch in flight and commits), then the parts, then the producer. */
    async stop(): Promise<void> {
      running = false;
      await group.stop();
      for (const part of [...parts].reverse()) await part.stop();
      await producer?.disconnect();
    },

    /** The shared producer (acks and idempotence as configured at start). */
    producer(): KafkaProducer {
      if (!producer) throw new Error('producer used before the consumer host started');
      return producer;
    },

    running: () => running,
    /** Commits offsets whose work is durable (`serviceCommits`). */
    commit: (offsets: TopicPartitionOffset[]) => group.commit(offsets),
    /** Moves fetch positions (e.g. back to the last committed offsets after a failure). */
    seek: (targets: TopicPartitionOffset[]) => group.seek(targets),
    /** Why the consumer is not working, or null. */
    problem: () => group.problem(),
    /** Marks the consumer's work as failed (e.g. a state reload) until the next join. */
    fail: (reason: string) => group.fail(reason),
    readiness(): string[] {
      const problems: string[] = [];
      if (!running) problems.push('not started');
      const problem = group.problem();
      if (problem) problems.push(problem);
      return problems;
    },

    /** Whether every lag-tracked partition this member holds is consumed to its end. */
    caughtUp: () => [...lag.values()].every((l) => l <= 0),

    /**
     * Replaces the lag with the committed-offset lag of `partitions` of every lag topic (the
     * member's new assignment). Until each is consumed to its end, the service is behind.
     */
    async committedLag(partitions: Set<number>): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      if (partitions.size === 0) return out;
      const admin = kafka.admin();
      await admin.connect();
      try {
        const topics = [...lagTopics];
        const committed = await admin.fetchOffsets({ groupId: options.groupId, topics });
        for (const topic of topics) {
          const ends = await admin.fetchTopicOffsets(topic);
          const done = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
          for (const o of ends) {
            if (!partitions.has(o.partition)) continue;
            const from = (done.get(o.partition) ?? -1n) >= 0n ? done.get(o.partition)! : BigInt(o.low);
            out.set(`${topic}:${o.partition}`, Number(BigInt(o.high) - from));
          }
        }
      } finally {
        await admin.disconnect();
      }
      return out;
    },

    /** Takes a lag map from `committedLag` as the current lag (after the service's reload). */
    resetLag(next: Map<string, number>): void {
      lag = new Map();
      lagGauge.reset();
      for (const [key, behind] of next) {
        const at = key.lastIndexOf(':');
        setLag(key.slice(0, at), Number(key.slice(at + 1)), Math.max(0, behind));
      }
    },

    lag: (): ReadonlyMap<string, number> => lag,
  };
}
