// The alert worker's persistence discipline against small fakes of its Kafka client: memory never runs ahead
// of what was published. A batch (or an inactivity tick) whose publish fails is rolled
// back, so its retry publishes the same transitions with the same alert ids, and the
// inactivity timer is silent while the worker cannot see the data (reloading, cut off).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EachBatchPayload, ProducerRecord } from 'kafkajs';
import { createAlertWorker } from '../../services/alerts/app.js';
import { DEFAULT_ENGINE_CONFIG } from '../../services/alerts/engine.js';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import type { KafkaAdmin, KafkaClient, KafkaConsumer, KafkaProducer } from '../../services/common/kafka.js';
import { createLogger } from '../../services/common/logger.js';
import { Alert, AlertState, VitalKind, VitalsBatch } from '../../services/common/proto.js';

const topics = { vitals: 'v', status: 's', commands: 'c', state: 'st', alerts: 'a' };
const T0 = 1_780_000_000_000;

/** Small fakes of the narrow client the worker takes (services/common/kafka.ts KafkaClient). */
function fakeKafka() {
  const sent: ProducerRecord[] = [];
  const handlers = new Map<string, (e: { payload: unknown }) => void>();
  let eachBatch: ((p: EachBatchPayload) => Promise<void>) | null = null;
  let failNext: string[] = []; // topics whose next send fails
  const passThenFail = new Map<string, number>(); // topic -> sends that succeed before one fails
  let consumers = 0;
  /** Last offset resolved per partition; resolved and not yet committed; the commits. */
  const resolved = new Map<number, string>();
  const uncommitted = new Map<number, string>();
  const commits: unknown[] = [];
  const seeks: unknown[] = [];
  const none = async () => undefined;
  const admin: KafkaAdmin = {
    connect: none, disconnect: none, createTopics: async () => true, setOffsets: none, deleteGroups: async () => [], listGroups: async () => ({ groups: [] }), describeGroups: async () => ({ groups: [] }),
    listTopics: async () => Object.values(topics),
    fetchTopicMetadata: async () => ({ topics: Object.values(topics).map((name) => ({ name, partitions: [{ partitionId: 0, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }] })) }),
    fetchTopicOffsets: async () => [{ partition: 0, offset: '0', low: '0', high: '0', lag: '0' }],
    fetchOffsets: async () => [],
  };
  const producer: KafkaProducer = {
    connect: none, disconnect: none,
    send: async (r) => {
      if (failNext.includes(r.topic)) {
        failNext = failNext.filter((t) => t !== r.topic);
        throw new Error('This server is not the leader for that topic-partition');
      }
      const pass = passThenFail.get(r.topic);
      if (pass !== undefined) {
        if (pass === 0) { passThenFail.delete(r.topic); throw new Error('This server is not the leader for that topic-partition'); }
        passThenFail.set(r.topic, pass - 1);
      }
      sent.push(r);
      return [];
    },
  };
  const consumer = (): KafkaConsumer => (consumers++, {
    events: { GROUP_JOIN: 'join', REBALANCING: 'rebalancing', FETCH: 'fetch', CRASH: 'crash', END_BATCH_PROCESS: 'end-batch' },
    on: (ev, fn) => { handlers.set(ev, fn); },
    connect: none, disconnect: none, subscribe: none,
    run: async (o) => { eachBatch = o!.eachBatch!; },
    // The worker commits through the consumer itself (its state may be deferred: fetch-units.ts).
    commitOffsets: async (o) => { commits.push(o); uncommitted.clear(); },
    seek: (target) => { seeks.push(target); },
  });
  const kafka: KafkaClient = { admin: () => admin, producer: () => producer, consumer };
  return {
    kafka,
    sent,
    failOnce: (...t: string[]) => { failNext.push(...t); },
    /** The next `passes` sends to `topic` succeed, the one after fails. */
    failAfter: (topic: string, passes: number) => { passThenFail.set(topic, passes); },
    emit: (ev: string, payload: unknown = {}) => handlers.get(ev)!({ payload }),
    consumers: () => consumers,
    alerts: () => sent.filter((r) => r.topic === topics.alerts).flatMap((r) => r.messages.map((m) => Alert.decode(m.value as Buffer))),
    resolved,
    commits,
    seeks,
    batch: (messages: { offset: string; value: Buffer; receivedAt: number }[], partition = 0) => {
      const payload = {
        batch: {
          topic: topics.vitals, partition,
          messages: messages.map((m) => ({ offset: m.offset, value: m.value, key: Buffer.from('pat-1'), timestamp: String(m.receivedAt), headers: { 'received-at-ms': Buffer.from(String(m.receivedAt)) } })),
          firstOffset: () => messages[0]!.offset,
          offsetLag: () => '0',
        },
        resolveOffset: (offset: string) => { resolved.set(partition, offset); uncommitted.set(partition, offset); },
        uncommittedOffsets: () => ({ topics: uncommitted.size === 0 ? [] : [{ topic: topics.vitals, partitions: [...uncommitted].map(([p, o]) => ({ partition: p, offset: String(Number(o) + 1) })) }] }),
        commitOffsetsIfNecessary: async (o: unknown) => { commits.push(o); uncommitted.clear(); },
        heartbeat: async () => undefined,
        isRunning: () => true,
        isStale: () => false,
      } as unknown as EachBatchPayload; // only what the worker reads of a kafkajs batch
      return eachBatch!(payload);
    },
  };
}

const spo2For = (patientId: string, deviceId: string, value: number, at: number, sequence: number) => Buffer.from(VitalsBatch.encode(VitalsBatch.create({
  deviceId, patientId, sequence, sentAtMs: at, batteryPercent: 90, samples: [{ kind: VitalKind.VITAL_KIND_SPO2, value, unit: '%', measuredAtMs: at }],
})).finish());
const spo2 = (value: number, at: number, sequence: number) => spo2For('pat-1', 'dev-1', value, at, sequence);

async function worker(clock: { t: number }, extra: { unitMessages?: number; stateDeferMs?: number } = {}) {
  const k = fakeKafka();
  const w = createAlertWorker({
    kafka: k.kafka,
    log: createLogger({ name: 'alerts-test', level: 'silent' }),
    now: () => clock.t,
    options: { groupId: 'g', topics, partitions: 1, tickMs: 10, engine: { ...DEFAULT_ENGINE_CONFIG, rules: DEFAULT_RULES, inactivityMs: 5000 }, ...extra },
  });
  await w.start();
  k.emit('join', { memberAssignment: { [topics.vitals]: [0] } });
  return { k, w };
}

const desaturation = Array.from({ length: 14 }, (_, i) => ({ offset: String(i), value: spo2(i === 0 ? 97 : 85, T0 + i * 1000, 1000 + i), receivedAt: T0 + i * 1000 }));

test('a batch whose alert publish fails is retried with the same transitions: the "open" is published once, not lost', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock);
  try {
    k.failOnce(topics.alerts);
    await assert.rejects(k.batch(desaturation), /not the leader/);
    assert.equal(k.alerts().length, 0);
    assert.equal(k.sent.filter((r) => r.topic === topics.state).length, 0, 'no state snapshot ahead of its alerts');
    await k.batch(desaturation); // the redelivery
    const spo2Alerts = k.alerts().filter((a) => a.kind === 'limit:spo2:low');
    assert.deepEqual(spo2Alerts.map((a) => a.state), [AlertState.ALERT_STATE_OPEN]);
    const state = JSON.parse(String(k.sent.filter((r) => r.topic === topics.state).at(-1)!.messages[0]!.value)) as { alerts: Record<string, { id: string; state: string }> };
    assert.equal(state.alerts['limit:spo2:low']?.id, spo2Alerts[0]!.alertId);
  } finally {
    await w.stop();
  }
});

test('a state write that fails after the alerts went out republishes the same alert id (at least once, never lost)', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock);
  try {
    k.failOnce(topics.state);
    await assert.rejects(k.batch(desaturation));
    await k.batch(desaturation);
    const open = k.alerts().filter((a) => a.kind === 'limit:spo2:low');
    assert.equal(open.length, 2);
    assert.equal(new Set(open.map((a) => a.alertId)).size, 1, 'same deterministic id');
  } finally {
    await w.stop();
  }
});

test('inactivity: silent while the consumer cannot fetch; a failed publish is re-derived, raised once', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock);
  const offline = () => k.alerts().filter((a) => a.kind === 'device-offline:dev-1');
  try {
    await k.batch(desaturation.slice(0, 1));
    clock.t = T0 + 60_000; // a minute without data, and no fetch in that minute (broker down)
    await sleep(60);
    assert.deepEqual(offline(), [], 'no offline alarm while cut off from Kafka');
    k.failOnce(topics.alerts);
    k.emit('fetch'); // fetching again, nothing new: the device is really silent
    await sleep(60);
    k.emit('fetch');
    await sleep(60);
    assert.deepEqual(offline().map((a) => a.state), [AlertState.ALERT_STATE_OPEN], 'raised once, after the failed attempt');
    // A rejoin pauses the timer until the state is reloaded.
    k.emit('rebalancing');
    clock.t += 60_000;
    k.emit('fetch');
    await sleep(60);
    assert.equal(offline().length, 1);
  } finally {
    await w.stop();
  }
});

const desaturationOf = (patientId: string, deviceId: string) => Array.from({ length: 14 }, (_, i) => ({ offset: String(i), value: spo2For(patientId, deviceId, i === 0 ? 97 : 85, T0 + i * 1000, 1000 + i), receivedAt: T0 + i * 1000 }));

test('the partition batches of one fetch share one alerts write, one state write and one offset commit', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock);
  try {
    await Promise.all([k.batch(desaturationOf('pat-1', 'dev-1'), 0), k.batch(desaturationOf('pat-2', 'dev-2'), 1)]);
    assert.equal(k.sent.filter((r) => r.topic === topics.alerts).length, 1, 'one alerts write');
    const stateWrites = k.sent.filter((r) => r.topic === topics.state);
    assert.equal(stateWrites.length, 1, 'one state write');
    assert.deepEqual(stateWrites[0]!.messages.map((m) => m.key).sort(), ['pat-1', 'pat-2']);
    assert.deepEqual(k.alerts().filter((a) => a.kind === 'limit:spo2:low').map((a) => a.patientId).sort(), ['pat-1', 'pat-2']);
    assert.deepEqual([...k.resolved].sort(), [[0, '13'], [1, '13']]);
    assert.equal(k.commits.length, 1, 'one offset commit');
  } finally {
    await w.stop();
  }
});

test('a failed state write fails every batch of the fetch: none resolved, all rolled back, the retry raises the same alerts', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock);
  try {
    k.failOnce(topics.state);
    const results = await Promise.allSettled([k.batch(desaturationOf('pat-1', 'dev-1'), 0), k.batch(desaturationOf('pat-2', 'dev-2'), 1)]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal(k.resolved.size, 0, 'no offset moves ahead of the state');
    assert.equal(k.commits.length, 0);
    const firstIds = new Map(k.alerts().map((a) => [a.patientId, a.alertId]));
    await Promise.all([k.batch(desaturationOf('pat-1', 'dev-1'), 0), k.batch(desaturationOf('pat-2', 'dev-2'), 1)]); // the redelivery
    const open = k.alerts().filter((a) => a.kind === 'limit:spo2:low');
    assert.equal(open.length, 4, 'published again after the rollback (at least once)');
    for (const a of open) assert.equal(a.alertId, firstIds.get(a.patientId), 'same deterministic id');
    assert.deepEqual([...k.resolved].sort(), [[0, '13'], [1, '13']]);
  } finally {
    await w.stop();
  }
});

test('a fetch larger than a unit is written unit by unit; after a failed unit the rest fail unprocessed and are read again', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock, { unitMessages: 20 }); // 14 records per batch: one batch per unit
  try {
    await Promise.all([k.batch(desaturationOf('pat-1', 'dev-1'), 0), k.batch(desaturationOf('pat-2', 'dev-2'), 1)]);
    assert.deepEqual(k.sent.filter((r) => r.topic === topics.state).map((r) => r.messages.map((m) => m.key)), [['pat-1'], ['pat-2']], 'one state write per unit, in fetch order');
    assert.deepEqual([...k.resolved].sort(), [[0, '13'], [1, '13']]);
    k.resolved.clear();
    k.failOnce(topics.state);
    const results = await Promise.allSettled([k.batch(desaturationOf('pat-3', 'dev-3'), 0), k.batch(desaturationOf('pat-4', 'dev-4'), 1)]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal(k.resolved.size, 0);
    assert.ok(!k.alerts().some((a) => a.patientId === 'pat-4'), 'the unit after the failed one was not evaluated');
  } finally {
    await w.stop();
  }
});

test('a consumer that kafkajs will not restart (non-retriable crash) is replaced', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock);
  try {
    assert.equal(k.consumers(), 1);
    k.emit('crash', { error: new Error('Failed to find group coordinator'), restart: false });
    assert.ok(w.readiness().length > 0, 'not ready while crashed');
    await sleep(1200);
    assert.equal(k.consumers(), 2, 'a new consumer was started');
    k.emit('join', { memberAssignment: { [topics.vitals]: [0] } });
    await sleep(20);
    assert.deepEqual(w.readiness(), []);
  } finally {
    await w.stop();
  }
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Deferred state (issue 17, cost per sample): a fetch that changes no alert leaves its state in
// memory and its offsets uncommitted for up to `stateDeferMs`; what is committed is durable.
const calm = (patientId: string, deviceId: string, n: number, seq0: number) => Array.from({ length: n }, (_, i) => ({ offset: String(i), value: spo2For(patientId, deviceId, 97, T0 + i * 1000, seq0 + i), receivedAt: T0 + i * 1000 }));
const committed = (commits: unknown[]) => (commits as { topic: string; partition: number; offset: string }[][]).flat().map((o) => [o.partition, o.offset]).sort();
const stateKeys = (k: ReturnType<typeof fakeKafka>) => k.sent.filter((r) => r.topic === topics.state).map((r) => r.messages.map((m) => m.key).sort());

test('deferred state: a fetch without alert changes is resolved but neither persisted nor committed; the next alert change persists both before the commit', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock, { stateDeferMs: 60_000 });
  try {
    await k.batch(calm('pat-1', 'dev-1', 3, 1), 0);
    assert.deepEqual([...k.resolved], [[0, '2']], 'resolved: kafkajs fetches on');
    assert.deepEqual(stateKeys(k), [], 'no state write yet');
    assert.equal(k.commits.length, 0, 'no commit: the state is not durable');
    await k.batch(desaturationOf('pat-2', 'dev-2'), 1);
    assert.deepEqual(k.alerts().filter((a) => a.kind === 'limit:spo2:low').map((a) => a.patientId), ['pat-2']);
    assert.deepEqual(stateKeys(k), [['pat-2'], ['pat-1']], 'the alerting patient\'s state first (its alert is fanned out then), then the deferred patient\'s');
    assert.deepEqual(committed(k.commits), [[0, '3'], [1, '14']], 'then both partitions committed, past their last record');
  } finally {
    await w.stop();
  }
});

test('deferred state is persisted and committed once stateDeferMs has passed, with no fetch after it', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock, { stateDeferMs: 30 });
  try {
    await k.batch(calm('pat-1', 'dev-1', 2, 1), 0);
    assert.deepEqual(stateKeys(k), []);
    clock.t += 30;
    await sleep(80);
    assert.deepEqual(stateKeys(k), [['pat-1']]);
    assert.deepEqual(committed(k.commits), [[0, '2']]);
  } finally {
    await w.stop();
  }
});

test('deferred state: a failed write rolls back every deferred patient and reads their partitions again from the first record not durable', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock, { stateDeferMs: 60_000 });
  try {
    await k.batch(calm('pat-1', 'dev-1', 2, 1), 0);
    k.failOnce(topics.state);
    await assert.rejects(k.batch(desaturationOf('pat-2', 'dev-2'), 1));
    assert.deepEqual(k.seeks, [{ topic: topics.vitals, partition: 0, offset: '0' }, { topic: topics.vitals, partition: 1, offset: '0' }]);
    assert.ok(!w.states.has('pat-1') && !w.states.has('pat-2'), 'both back to what the store holds (nothing)');
    assert.equal(k.commits.length, 0);
    // Read again (the seek): the same alert id goes out again (at least once), then all is durable.
    const first = k.alerts().filter((a) => a.kind === 'limit:spo2:low');
    await k.batch(calm('pat-1', 'dev-1', 2, 1), 0);
    await k.batch(desaturationOf('pat-2', 'dev-2'), 1);
    const again = k.alerts().filter((a) => a.kind === 'limit:spo2:low');
    assert.equal(new Set(again.map((a) => a.alertId)).size, 1, 'same deterministic id');
    assert.ok(again.length > first.length);
    assert.deepEqual(stateKeys(k), [['pat-2'], ['pat-1']]);
    assert.deepEqual(committed(k.commits), [[0, '2'], [1, '14']]);
  } finally {
    await w.stop();
  }
});

test('deferred state: the alerting patient\'s state is written before the others\'; if theirs then fails, all is read again and no second raise goes out', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock, { stateDeferMs: 60_000 });
  try {
    await k.batch(calm('pat-1', 'dev-1', 2, 1), 0);
    k.failAfter(topics.state, 1); // pat-2's state (alerting) is written, pat-1's (deferred) fails
    await assert.rejects(k.batch(desaturationOf('pat-2', 'dev-2'), 1));
    assert.deepEqual(stateKeys(k), [['pat-2']]);
    assert.equal(k.commits.length, 0, 'nothing committed: pat-1 is not durable');
    assert.deepEqual(k.seeks, [{ topic: topics.vitals, partition: 0, offset: '0' }, { topic: topics.vitals, partition: 1, offset: '0' }]);
    assert.ok(!w.states.has('pat-1'), 'pat-1 back to what the store holds (nothing)');
    const raisedBefore = k.alerts().filter((a) => a.kind === 'limit:spo2:low' && a.change === 'raised');
    assert.equal(raisedBefore.length, 1);
    // Read again: pat-2's persisted state already holds its records, so they change nothing.
    await k.batch(calm('pat-1', 'dev-1', 2, 1), 0);
    await k.batch(desaturationOf('pat-2', 'dev-2'), 1);
    const raised = k.alerts().filter((a) => a.kind === 'limit:spo2:low' && a.change === 'raised');
    assert.ok(raised.every((a) => a.alertId === raisedBefore[0]!.alertId), 'only the same alert id, never a second episode');
  } finally {
    await w.stop();
  }
});

test('deferred state: a reassignment drops the deferred units; their offsets are never committed (the next owner reads them again)', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock, { stateDeferMs: 30 });
  try {
    await k.batch(calm('pat-1', 'dev-1', 2, 1), 0);
    k.emit('join', { memberAssignment: { [topics.vitals]: [0] } });
    await sleep(20);
    clock.t += 30;
    await sleep(80);
    assert.deepEqual(stateKeys(k), []);
    assert.equal(k.commits.length, 0);
  } finally {
    await w.stop();
  }
});

test('stateDeferMs 0: every fetch is persisted and committed, as before deferral', async () => {
  const clock = { t: T0 };
  const { k, w } = await worker(clock, { stateDeferMs: 0 });
  try {
    await k.batch(calm('pat-1', 'dev-1', 2, 1), 0);
    assert.deepEqual(stateKeys(k), [['pat-1']]);
    assert.equal(k.commits.length, 1);
  } finally {
    await w.stop();
  }
});
