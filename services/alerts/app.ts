// The alert worker: the shared consumer host (services/common/consumer-host.ts) on the vitals,
// device-status and alert-command topics, plus a processor (decode, engine, changes), a state
// store (the compacted state topic) and a publisher (alerts topic, MQTT, InfluxDB, webhook).
// This file only composes them and keeps the order that makes the alerts at least once.
import type { EachBatchPayload } from 'kafkajs';
import type { MqttClient } from 'mqtt';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { createConsumerHost } from '../common/consumer-host.js';
import type { InfluxWriter } from '../common/influx-writer.js';
import { DEFAULT_RETENTION, retentionConfig, type KafkaClient } from '../common/kafka.js';
import type { Logger } from '../common/logger.js';
import type { PatientBoundOptions } from '../common/patient-bound.js';
import { createAssignment } from './assignment.js';
import { CoPartitionedAssigner } from './co-partitioned-assigner.js';
import type { AlertRecord, EngineConfig, PatientState } from './engine.js';
import { createInactivityTicker } from './inactivity-ticker.js';
import { createPatientStates } from './patient-states.js';
import { createAlertProcessor, type Processed } from './processor.js';
import { createAlertPublisher } from './publisher.js';
import { createTopicStateStore, type StateStore } from './state-store.js';
import type { WebhookRetry } from './webhook-outbox.js';

export type { Command } from './processor.js';

export interface AlertTopics {
  vitals: string;
  status: string;
  /** Commands from the API (vitals.v1.AlertCommand, keyed by patient; the legacy JSON form is read too). */
  commands: string;
  /** Compacted per-patient state (JSON). */
  state: string;
  /** Alert changes out (vitals.v1.Alert). */
  alerts: string;
  /** Where malformed commands and undeliverable webhook alerts go (the pipeline's dead-letter topic). */
  deadLetter?: string | undefined;
}

export interface AlertsOptions {
  groupId: string;
  topics: AlertTopics;
  partitions: number;
  engine: EngineConfig;
  /** How often inactivity is checked. @defaultValue 1000 (ms) */
  tickMs: number;
  /** Longest a fetch waits for 64 KiB of records before it returns what there is. @defaultValue 100 (ms) */
  fetchMaxWaitMs?: number;
  /** Records of one fetch evaluated before their alerts and state are written (a whole partition batch at least). @defaultValue 2000 */
  unitMessages?: number;
  /** Per-patient limit overrides from a file (lower precedence than the API's). */
  fileOverrides?: () => Record<string, PatientState['overrides']>;
  webhookUrl?: string | undefined;
  /** Webhook retry budget; past it (or on a 4xx) the alert is dead-lettered. @defaultValue 10 attempts, 30 s max delay */
  webhookRetry?: Partial<WebhookRetry>;
  /** Bounded patient state (issue 16). @defaultValue 50_000 patients, forgotten after 24 h of absence */
  patientBound?: Partial<PatientBoundOptions>;
}

export interface AlertsDeps {
  options: AlertsOptions;
  kafka: KafkaClient;
  log: Logger;
  mqtt?: MqttClient | null;
  influx?: InfluxWriter | null;
  registry?: Registry;
  now?: () => number;
  /** Where patient state is loaded and persisted. @defaultValue the compacted state topic */
  store?: StateStore;
}

export function createAlertWorker({ options, kafka, log, mqtt = null, influx = null, registry = new Registry(), now = Date.now, store }: AlertsDeps) {
  collectDefaultMetrics({ register: registry, prefix: 'vitals_alerts_' });
  const { topics } = options;
  const unitMessages = options.unitMessages ?? 2000;
  /** Batches, inactivity ticks and state reloads run one at a time (they share the patients' state). */
  let lock: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn);
    lock = run.catch(() => undefined);
    return run;
  };

  const publisher = createAlertPublisher({
    kafka, producer: () => host.producer(), topics, mqtt, influx, log, registry, now,
    webhookGroupId: `${options.groupId}-webhook`, webhookUrl: options.webhookUrl, webhookRetry: options.webhookRetry,
  });
  const memory = createPatientStates({
    store: store ?? createTopicStateStore({ kafka, producer: () => host.producer(), topic: topics.state }),
    fileOverrides: options.fileOverrides, bound: options.patientBound, registry, log, now,
  });
  const processor = createAlertProcessor({ topics, engine: options.engine, memory, log, registry });
  const assignment = createAssignment({ vitalsTopic: topics.vitals, memory, host: () => host, exclusive, tickMs: options.tickMs, log, now });
  const host = createConsumerHost({
    kafka, log, registry, eachBatch,
    parts: publisher.parts,
    hooks: assignment.hooks,
    options: {
      groupId: options.groupId,
      metricPrefix: 'vitals_alerts',
      topics: [
        { topics: [topics.vitals, topics.status, topics.commands, topics.alerts], partitions: options.partitions },
        { topics: [topics.state], partitions: options.partitions, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
        // Malformed commands and undeliverable webhook alerts go here (the pipeline's dead-letter topic).
        ...(topics.deadLetter ? [{ topics: [topics.deadLetter], partitions: options.partitions, configEntries: retentionConfig(DEFAULT_RETENTION) }] : []),
      ],
      subscribe: [topics.vitals, topics.status, topics.commands],
      // Every partition batch of a fetch at once, so that they are handled together (eachBatch).
      concurrency: 3 * options.partitions,
      // Commands are not data whose absence means anything: only vitals and status count as behind.
      lagTopics: [topics.vitals, topics.status],
      // A fetch waits up to 100 ms for 64 KiB: with kafkajs's default minBytes (1 byte) every
      // fetch returned at once with a few records per partition, and each such batch cost a state
      // write and an offset commit, both acks=all round trips (issue 17's profile: most of the
      // worker's cost at any rate). A worker that is behind never waits.
      // A worker killed -9 is noticed only when its session times out, and its patients go
      // unevaluated until then (issue 17: 15 s left them 15-20 s without evaluation). 6 s is Kafka's
      // default group.min.session.timeout.ms, so any broker accepts it; kafkajs heartbeats
      // from the fetch loop only, so eachBatch heartbeats while it waits for a state reload.
      consumer: { partitionAssigners: [CoPartitionedAssigner], maxWaitTimeInMs: options.fetchMaxWaitMs ?? 100, minBytes: 64 * 1024, sessionTimeout: ALERTS_SESSION_TIMEOUT_MS, heartbeatInterval: 1_000 },
    },
  });
  const ticker = createInactivityTicker({
    tickMs: options.tickMs, engine: options.engine, memory, exclusive, emit, registry, log, now,
    active: assignment.active, canJudgeSilence: assignment.canJudgeSilence,
  });

  /**
   * Publishes the alert changes, then persists the touched patients' state (both acks=all),
   * before offsets move. Alerts first: a state snapshot that reached the topic while its
   * alerts did not would, on reload, mark the batch as seen and lose the alerts for good.
   * The other way round a failure between the two republishes the same alert (same id).
   */
  async function emit(changes: AlertRecord[], dirty: Set<string>, receivedAt?: number): Promise<void> {
    if (changes.length === 0 && dirty.size === 0) return;
    const snapshot = changes.map((a) => ({ ...a }));
    const values = memory.snapshot(dirty);
    await publisher.send(snapshot);
    await memory.persist(values);
    await publisher.announce(snapshot, receivedAt);
  }

  /** Batches of the fetch under way, waiting to be handled together. */
  let joining: { payload: EachBatchPayload; resolve: () => void; reject: (err: unknown) => void }[] = [];

  /**
   * kafkajs hands a fetch's partition batches to concurrent eachBatch calls in the same turn
   * of the event loop (`partitionsConsumedConcurrently`, below). They are handled together:
   * evaluated in fetch order, then one alerts write (if any changed), one state write and
   * (in the consumer host) one offset commit for all of them, instead of one of each per
   * partition batch (issue 17: those round trips were most of the worker's cost and, in
   * series, most of its share of the publish -> alert latency).
   */
  async function eachBatch(payload: EachBatchPayload): Promise<void> {
    await assignment.loaded(payload.heartbeat);
    await new Promise<void>((resolve, reject) => {
      joining.push({ payload, resolve, reject });
      if (joining.length === 1) setImmediate(() => { const group = joining; joining = []; void handleInUnits(group); });
    });
    await payload.heartbeat();
  }

  /**
   * A fetch's batches in units of at most `unitMessages` records (a whole batch at least),
   * one after another: a worker catching up (fetches of megabytes) still yields to the event
   * loop, heartbeats and persists between units, as it did between partition batches. After a
   * failed unit the rest are failed unprocessed: read again from their committed offsets.
   */
  async function handleInUnits(group: typeof joining): Promise<void> {
    const units: (typeof joining)[] = [];
    let records = Infinity;
    for (const j of group) {
      const n = j.payload.batch.messages.length;
      if (records + n > unitMessages) { units.push([]); records = 0; }
      units.at(-1)!.push(j);
      records += n;
    }
    for (let i = 0; i < units.length; i++) {
      const failed = await handleTogether(units[i]!);
      if (failed) {
        for (const j of units.slice(i + 1).flat()) j.reject(failed);
        return;
      }
    }
  }

  /** Handles `group` as one unit of work; returns the error it failed with (every batch of it rejected), or null. */
  async function handleTogether(group: typeof joining): Promise<unknown> {
    let lastOffsets: (string | null)[];
    try {
      lastOffsets = await exclusive(async () => {
        const undo = memory.begin();
        try {
          const changes: AlertRecord[] = [];
          const dirty = new Set<string>();
          const dead: Processed['dead'] = [];
          let lastReceived = 0;
          const last: (string | null)[] = [];
          for (const { payload: { batch, isRunning, isStale } } of group) {
            const r = processor.process(batch, undo, () => isRunning() && !isStale());
            for (const c of r.changes) changes.push(c);
            for (const p of r.dirty) dirty.add(p);
            for (const d of r.dead) dead.push(d);
            lastReceived = Math.max(lastReceived, r.lastReceived);
            last.push(r.last);
          }
          // Before the offsets move: a failed send rolls the batches back and they are read
          // again (a dead letter may then be written twice: at least once, like every record here).
          if (dead.length > 0) {
            if (topics.deadLetter) await host.producer().send({ topic: topics.deadLetter, acks: -1, messages: dead });
            else log.error({ count: dead.length }, 'no dead-letter topic configured: malformed alert commands kept only in the commands topic');
          }
          await emit(changes, dirty, lastReceived);
          return last;
        } catch (err) {
          // Nothing of these batches is known to be persisted: forget them, so that their
          // redelivery (same records, from the last committed offsets) raises the same alerts again.
          memory.rollback(undo);
          const { batch } = group[0]!.payload;
          log.warn({ err, batches: group.length, topic: batch.topic, partition: batch.partition, offset: batch.firstOffset(), patients: undo.touched.size }, 'alert batch not persisted; in-memory state rolled back for a retry');
          throw err;
        }
      });
    } catch (err) {
      for (const j of group) j.reject(err);
      return err ?? new Error('alert batch failed');
    }
    // From here the state store holds these batches' effects: a failed commit means a
    // redelivery that the engine recognises (device sequences) and ignores.
    group.forEach((j, i) => {
      const last = lastOffsets[i];
      if (last != null) j.payload.resolveOffset(last); // committed by the consumer host once all have resolved
      j.resolve();
    });
    return null;
  }

  return {
    registry,
    states: memory.states,
    async start() {
      await host.start();
      ticker.start();
      log.info({ group: options.groupId }, 'alert worker started');
    },
    readiness() {
      const problems = host.readiness();
      if (mqtt && !mqtt.connected) problems.push('mqtt disconnected');
      return problems;
    },
    async stop() {
      ticker.stop();
      await host.stop();
      log.info({}, 'alert worker stopped');
    },
  };
}

export type AlertWorker = ReturnType<typeof createAlertWorker>;

/** Alert-worker group session (ms): how long a dead worker's patients wait before the group notices. */
export const ALERTS_SESSION_TIMEOUT_MS = 6_000;
