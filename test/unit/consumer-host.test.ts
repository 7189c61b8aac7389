// services/common/consumer-host.ts against small fakes of its Kafka client: topic setup
// before the producer, crash replacement (only when kafkajs gives up, never after stop), lag,
// readiness, and the drain order (consumer, then hosted parts, then producer).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EachBatchPayload } from 'kafkajs';
import { Registry } from 'prom-client';
import { createConsumerHost, type ConsumerHostOptions } from '../../services/common/consumer-host.js';
import type { KafkaAdmin, KafkaClient, KafkaConsumer, KafkaProducer } from '../../services/common/kafka.js';
import { createLogger } from '../../services/common/logger.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fakes() {
  const calls: string[] = [];
  const created: { topics: string[]; configEntries: unknown }[] = [];
  const handlers: Map<string, (e: { payload: unknown }) => void>[] = [];
  let eachBatch: ((p: EachBatchPayload) => Promise<void>) | null = null;
  let inFlight: Promise<void> | null = null;
  const none = async () => undefined;
  const admin: KafkaAdmin = {
    connect: none, disconnect: none, setOffsets: none, deleteGroups: async () => [], listGroups: async () => ({ groups: [] }), describeGroups: async () => ({ groups: [] }),
    listTopics: async () => [],
    createTopics: async (o) => { created.push(...o.topics.map((t) => ({ topics: [t.topic], configEntries: t.configEntries }))); calls.push('topics'); return true; },
    fetchTopicMetadata: async (o) => ({ topics: (o?.topics ?? []).map((name) => ({ name, partitions: [{ partitionId: 0, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }] })) }),
    fetchTopicOffsets: async () => [{ partition: 0, offset: '0', low: '0', high: '7', lag: '0' }, { partition: 1, offset: '0', low: '0', high: '9', lag: '0' }],
    fetchOffsets: async () => [{ topic: 'v', partitions: [{ partition: 0, offset: '5', metadata: null }, { partition: 1, offset: '-1', metadata: null }] }],
  };
  const producer: KafkaProducer = {
    connect: async () => { calls.push('producer connect'); },
    disconnect: async () => { calls.push('producer disconnect'); },
    send: async () => [],
  };
  const consumer = (): KafkaConsumer => {
    const h = new Map<string, (e: { payload: unknown }) => void>();
    handlers.push(h);
    const n = handlers.length;
    return {
      events: { GROUP_JOIN: 'join', REBALANCING: 'rebalancing', FETCH: 'fetch', CRASH: 'crash', END_BATCH_PROCESS: 'end-batch' },
      on: (ev, fn) => { h.set(ev, fn); },
      connect: async () => { calls.push(`consumer ${n} connect`); },
      subscribe: async (s) => { calls.push(`consumer ${n} subscribe ${'topic' in s ? String(s.topic) : ''}`); },
      run: async (o) => { eachBatch = o!.eachBatch!; calls.push(`consumer ${n} run`); },
      // kafkajs' disconnect waits for the batch in flight.
      disconnect: async () => { await inFlight; calls.push(`consumer ${n} disconnect`); },
    };
  };
  const kafka: KafkaClient = { admin: () => admin, producer: () => producer, consumer };
  return {
    kafka, calls, created,
    consumers: () => handlers.length,
    emit: (ev: string, payload: unknown = {}) => handlers.at(-1)!.get(ev)!({ payload }),
    batch: (topic: string, partition: number, lag: string) => {
      const p = eachBatch!({ batch: { topic, partition, offsetLag: () => lag, messages: [] } } as unknown as EachBatchPayload);
      inFlight = p;
      return p;
    },
  };
}

const options: ConsumerHostOptions = {
  groupId: 'g', metricPrefix: 'vitals_test', subscribe: ['v', 's'], lagTopics: ['v'], replaceAfterMs: 20,
  topics: [{ topics: ['v', 's'], partitions: 2 }, { topics: ['st'], partitions: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
};

function host(f: ReturnType<typeof fakes>, extra: { eachBatch?: (p: EachBatchPayload) => Promise<void>; parts?: { start(): Promise<void>; stop(): Promise<void> }[]; joined?: (a: Record<string, number[]>) => void } = {}) {
  return createConsumerHost({
    kafka: f.kafka, log: createLogger({ name: 'host-test', level: 'silent' }), registry: new Registry(), options,
    eachBatch: extra.eachBatch ?? (async () => undefined), parts: extra.parts ?? [],
    hooks: { joined: extra.joined ?? (() => undefined) },
  });
}

test('start: topics (with their configs) before the producer, the parts before the consumer; ready once started', async () => {
  const f = fakes();
  const h = host(f, { parts: [{ start: async () => { f.calls.push('part start'); }, stop: async () => { f.calls.push('part stop'); } }] });
  assert.deepEqual(h.readiness(), ['not started']);
  assert.throws(() => h.producer(), /before the consumer host started/);
  await h.start();
  assert.deepEqual(f.calls, ['topics', 'topics', 'producer connect', 'part start', 'consumer 1 connect', 'consumer 1 subscribe v', 'consumer 1 subscribe s', 'consumer 1 run']);
  assert.deepEqual(f.created.find((c) => c.topics[0] === 'st')?.configEntries, [{ name: 'cleanup.policy', value: 'compact' }]);
  assert.deepEqual(h.readiness(), []);
  await h.stop();
});

test('a crash kafkajs restarts itself is not replaced; one it gives up on is, and the next join clears it', async () => {
  const f = fakes();
  const joins: Record<string, number[]>[] = [];
  const h = host(f, { joined: (a) => joins.push(a) });
  await h.start();
  f.emit('crash', { error: new Error('connection reset'), restart: true });
  assert.match(h.readiness().join(), /consumer crashed: Error: connection reset/);
  await sleep(60);
  assert.equal(f.consumers(), 1, 'kafkajs restarts it itself');
  f.emit('crash', { error: new Error('Failed to find group coordinator'), restart: false });
  await sleep(60);
  assert.equal(f.consumers(), 2, 'a new consumer was started');
  assert.ok(f.calls.includes('consumer 1 disconnect'), 'the old one was disconnected first');
  assert.ok(h.readiness().length > 0, 'not ready until it joins');
  f.emit('join', { memberAssignment: { v: [0, 1] } });
  assert.deepEqual(h.readiness(), []);
  assert.deepEqual(joins, [{ v: [0, 1] }]);
  await h.stop();
});

test('no replacement once stopping', async () => {
  const f = fakes();
  const h = host(f);
  await h.start();
  f.emit('crash', { error: new Error('Failed to find group coordinator'), restart: false });
  await h.stop();
  await sleep(60);
  assert.equal(f.consumers(), 1);
});

test('drain: the batch in flight finishes before the consumer leaves, then the parts, then the producer', async () => {
  const f = fakes();
  let release!: () => void;
  const h = host(f, {
    eachBatch: () => new Promise<void>((r) => { release = () => { f.calls.push('batch done'); r(); }; }),
    parts: [{ start: async () => undefined, stop: async () => { f.calls.push('part stop'); } }],
  });
  await h.start();
  const batch = f.batch('v', 0, '0');
  const stopped = h.stop();
  await sleep(10);
  assert.equal(h.running(), false);
  assert.ok(!f.calls.includes('producer disconnect'), 'the producer stays while a batch may still send');
  release();
  await Promise.all([batch, stopped]);
  assert.deepEqual(f.calls.slice(-4), ['batch done', 'consumer 1 disconnect', 'part stop', 'producer disconnect']);
});

test('lag: per batch of the lag topics only; after a join, the committed-offset lag of the assigned partitions', async () => {
  const f = fakes();
  const h = host(f);
  await h.start();
  await f.batch('v', 0, '3');
  await f.batch('s', 0, '8'); // not a lag topic
  assert.deepEqual([...h.lag()], [['v:0', 3]]);
  assert.equal(h.caughtUp(), false);
  await f.batch('v', 0, '0');
  assert.equal(h.caughtUp(), true);
  // Partition 0 committed at 5 of 7; partition 1 never committed: from its low offset (9 behind).
  const lag = await h.committedLag(new Set([0, 1]));
  assert.deepEqual([...lag], [['v:0', 2], ['v:1', 9]]);
  h.resetLag(lag);
  assert.deepEqual([...h.lag()], [['v:0', 2], ['v:1', 9]]);
  assert.deepEqual([...(await h.committedLag(new Set()))], []);
  await h.stop();
});
