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
import { createAlertProcessor } from './processor.js';
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
      // Commands are not data whose absence means anything: only vitals and status count as behind.
      lagTopics: [topics.vitals, topics.status],
      // A fetch waits up to 100 ms for 64 KiB: with kafkajs's default minBytes (1 byte) every
      // fetch returned at once with a few records per partition, and each such batch cost a state
      // write and an offset commit, both acks=all round trips (issue 17's profile: most of the
      // worker's cost at any rate). A worker that is behind never waits.
      consumer: { partitionAssigners: [CoPartitionedAssigner], maxWaitTimeInMs: 100, minBytes: 64 * 1024, sessionTimeout: 15_000, heartbeatInterval: 1_500 },
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

  async function eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    await assignment.loaded();
    const lastOffset = await exclusive(async () => {
      const undo = memory.begin();
      try {
        const r = processor.process(batch, undo, () => isRunning() && !isStale());
        // Before the offsets move: a failed send rolls the batch back and it is read again (a
        // dead letter may then be written twice: at least once, like every record here).
        if (r.dead.length > 0) {
          if (topics.deadLetter) await host.producer().send({ topic: topics.deadLetter, acks: -1, messages: r.dead });
          else log.error({ count: r.dead.length }, 'no dead-letter topic configured: malformed alert commands kept only in the commands topic');
        }
        await emit(r.changes, r.dirty, r.lastReceived);
        return r.last;
      } catch (err) {
        // Nothing of this batch is known to be persisted: forget it, so that its redelivery
        // (same records, from the last committed offset) raises the same alerts again.
        memory.rollback(undo);
        log.warn({ err, topic: batch.topic, partition: batch.partition, offset: batch.firstOffset(), patients: undo.touched.size }, 'alert batch not persisted; in-memory state rolled back for a retry');
        throw err;
      }
    });
    // From here the state store holds this batch's effects: a failed commit means a
    // redelivery that the engine recognises (device sequences) and ignores.
    if (lastOffset !== null) resolveOffset(lastOffset); // committed by kafkajs after the batch
    await heartbeat();
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
