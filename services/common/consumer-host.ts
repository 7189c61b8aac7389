// The Kafka side every consuming service shares (issue 13): it creates the topics, holds one
// idempotent producer and one group consumer, replaces that consumer after a crash kafkajs does
// not recover from, tracks lag, answers readiness, and drains in order on stop. The service
// brings its own `eachBatch` (offsets resolved by it) and reacts to the group through hooks.
import type { ConsumerConfig, EachBatchPayload } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';
import { ensureTopics, replaceConsumer, type ConsumerSlot, type KafkaClient, type KafkaConsumer, type KafkaProducer } from './kafka.js';
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
  /** The lag gauge is `<metricPrefix>_consumer_lag_records{topic,partition}`, e.g. `vitals_writer`. */
  metricPrefix: string;
}

/** What the service hears of its group consumer. */
export interface ConsumerHostHooks {
  /** Joined the group; `assignment` is this member's partitions per topic. */
  joined?(assignment: Record<string, number[]>): void;
  /** Rejoining: the assignment may change. */
  rebalancing?(): void;
  /** A fetch came back (the consumer reaches Kafka, whether or not records came). */
  fetched?(): void;
  /** The consumer crashed (kafkajs restarts it, or the host replaces it). */
  crashed?(err: unknown): void;
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
  /** The service's work per fetched batch; it resolves offsets itself (kafkajs commits them after the batch). */
  eachBatch(payload: EachBatchPayload): Promise<void>;
  hooks?: ConsumerHostHooks;
  /** Started after the producer, before the consumer; stopped after the consumer, before the producer. */
  parts?: HostedPart[];
}

export type ConsumerHost = ReturnType<typeof createConsumerHost>;

export function createConsumerHost({ kafka, log, registry, options, eachBatch, hooks = {}, parts = [] }: ConsumerHostDeps) {
  const lagGauge = new Gauge({ name: `${options.metricPrefix}_consumer_lag_records`, help: 'Records behind the partition high watermark', labelNames: ['topic', 'partition'], registers: [registry] });
  const lagTopics = new Set(options.lagTopics ?? options.subscribe);
  /** Records behind per "topic:partition" of the lag topics this member consumes. */
  let lag = new Map<string, number>();
  let consumer: KafkaConsumer | null = null;
  let producer: KafkaProducer | null = null;
  let running = false;
  /** Why the consumer is not working (a crash, a failed reload); cleared by the next join. */
  let problem: string | null = null;

  function setLag(topic: string, partition: number, behind: number): void {
    lag.set(`${topic}:${partition}`, behind);
    lagGauge.set({ topic, partition: String(partition) }, behind);
  }

  async function startConsumer(): Promise<void> {
    const c = kafka.consumer({ ...options.consumer, groupId: options.groupId });
    c.on(c.events.GROUP_JOIN, (e: { payload: { memberAssignment: Record<string, number[]> } }) => {
      problem = null;
      hooks.joined?.(e.payload.memberAssignment);
    });
    c.on(c.events.REBALANCING, () => hooks.rebalancing?.());
    c.on(c.events.FETCH, () => hooks.fetched?.());
    c.on(c.events.CRASH, (e: { payload: { error: unknown; restart: boolean } }) => {
      problem = `consumer crashed: ${String(e.payload.error)}`;
      log.error({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
      hooks.crashed?.(e.payload.error);
      // kafkajs gives up after a non-retriable error (e.g. "failed to find group coordinator"
      // while a restarted broker loads its groups): a new consumer takes over, so the service
      // does not sit idle until someone restarts it.
      if (!e.payload.restart && running && consumer === c) setTimeout(() => replaceConsumer(slot), options.replaceAfterMs ?? 1000);
    });
    consumer = c;
    await c.connect();
    for (const topic of options.subscribe) await c.subscribe({ topic, fromBeginning: true });
    // Offsets are resolved by the service only once its work is durable; kafkajs commits
    // resolved offsets after each batch, on rebalance and on stop. (With autoCommit off,
    // commitOffsetsIfNecessary() commits nothing at all: a restart re-read the whole topic.)
    await c.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.concurrency ?? 1,
      eachBatch: async (payload) => {
        await eachBatch(payload);
        const { topic, partition } = payload.batch;
        if (lagTopics.has(topic)) setLag(topic, partition, Math.max(0, Number(payload.batch.offsetLag())));
      },
    });
  }

  const slot: ConsumerSlot = {
    running: () => running,
    take: () => { const c = consumer; consumer = null; return c; },
    start: startConsumer,
    log,
  };

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
      await startConsumer();
    },

    /** The consumer first (kafkajs finishes the batch in flight and commits), then the parts, then the producer. */
    async stop(): Promise<void> {
      running = false;
      await consumer?.disconnect();
      for (const part of [...parts].reverse()) await part.stop();
      await producer?.disconnect();
    },

    /** The shared producer (acks and idempotence as configured at start). */
    producer(): KafkaProducer {
      if (!producer) throw new Error('producer used before the consumer host started');
      return producer;
    },

    running: () => running,
    /** Why the consumer is not working, or null. */
    problem: () => problem,
    /** Marks the consumer's work as failed (e.g. a state reload) until the next join. */
    fail(reason: string): void { problem = reason; },
    readiness(): string[] {
      const problems: string[] = [];
      if (!running) problems.push('not started');
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
