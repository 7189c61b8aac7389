// The alert worker: the shared consumer host (services/common/consumer-host.ts) on the vitals,
// device-status and alert-command topics, plus a processor (decode, engine, changes), a state
// store (the compacted state topic), a publisher (alerts topic, MQTT, InfluxDB, webhook) and
// the fetch as a unit of work (fetch-units.ts).
// This file only composes them and keeps the order that makes the alerts at least once.
import type { MqttClient } from 'mqtt';
import { Registry } from 'prom-client';
import { collectProcessMetrics } from '../common/process-metrics.js';
import { createConsumerHost } from '../common/consumer-host.js';
import type { InfluxWriter } from '../common/influx-writer.js';
import { DEFAULT_RETENTION, retentionConfig, type KafkaClient } from '../common/kafka.js';
import type { Logger } from '../common/logger.js';
import type { PatientBoundOptions } from '../common/patient-bound.js';
import { createAssignment } from './assignment.js';
import { CoPartitionedAssigner } from './co-partitioned-assigner.js';
import type { AlertRecord, EngineConfig, PatientState } from './engine.js';
import { createFetchUnits } from './fetch-units.js';
import { createInactivityTicker } from './inactivity-ticker.js';
import { createPatientStates } from './patient-states.js';
import { createAlertProcessor } from './processor.js';
import { createAlertPublisher } from './publisher.js';
import { createTopicStateStore, sweepStaleLoadGroups, type StateStore } from './state-store.js';
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
  /**
   * Longest a fetch that changed no alert may leave its patients' state unpersisted and its
   * offsets uncommitted (ms); 0 persists and commits after every fetch. A fetch that changes
   * an alert (or a tick) persists everything deferred with it, before its alerts go out.
   * @defaultValue 1000 (ms)
   */
  stateDeferMs?: number;
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
  collectProcessMetrics(registry, 'vitals_alerts_');
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
    store: store ?? createTopicStateStore({ kafka, producer: () => host.producer(), topic: topics.state, groupId: options.groupId }),
    fileOverrides: options.fileOverrides, bound: options.patientBound, registry, log, now,
  });
  const processor = createAlertProcessor({ topics, engine: options.engine, memory, log, registry });
  const assignment = createAssignment({ vitalsTopic: topics.vitals, memory, host: () => host, exclusive, tickMs: options.tickMs, log, now });
  const deferMs = options.stateDeferMs ?? DEFAULT_STATE_DEFER_MS;
  const units = createFetchUnits({
    unitMessages: options.unitMessages ?? 2000, exclusive, memory, processor, loaded: assignment.loaded, emit, log, now,
    deferMs, offsets: { commit: (o) => host.commit(o), seek: (t) => host.seek(t) },
    async deadLetter(dead) {
      if (topics.deadLetter) await host.producer().send({ topic: topics.deadLetter, acks: -1, messages: dead });
      else log.error({ count: dead.length }, 'no dead-letter topic configured: malformed alert commands kept only in the commands topic');
    },
  });
  const host = createConsumerHost({
    kafka, log, registry, eachBatch: units.eachBatch,
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
      // Every partition batch of a fetch at once, so that they are handled together (fetch-units.ts).
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
      // Idle (a fetch brought nothing): the next asks for the first record and waits up to the
      // heartbeat, about 1 fetch a second instead of 10; a record arriving then is fetched at
      // once. At most one tick: device silence is judged only after a recent fetch (assignment.ts).
      idleFetchWaitMs: Math.min(1_000, options.tickMs),
      // Offsets are committed by the fetch units once the state is durable (they run ahead of
      // it while units are deferred: kafkajs must never commit a resolved offset on its own).
      serviceCommits: deferMs > 0,
    },
  });
  const ticker = createInactivityTicker({
    // Deferred units are made durable before a tick or a sweep changes a patient: a tick that
    // fails rolls its patients back to their persisted state, which must then hold them.
    tickMs: options.tickMs, engine: options.engine, memory, exclusive: (fn) => exclusive(async () => { await units.flushNow(); return fn(); }), emit, registry, log, now,
    active: assignment.active, canJudgeSilence: assignment.canJudgeSilence,
  });

  /**
   * Publishes the alert changes, then persists the touched patients' state (both acks=all),
   * before offsets move. Alerts first: a state snapshot that reached the topic while its
   * alerts did not would, on reload, mark the batch as seen and lose the alerts for good.
   * The other way round a failure between the two republishes the same alert (same id).
   * The alerting patients' state goes first, then the fan-out (MQTT, history), then the rest
   * of `dirty`: with deferred units (up to 1 s of patients) the bedside does not wait for
   * the others' state. A failure of that last write rolls the unit back, and its retry
   * announces the same alerts again (same ids; at least once, like every output here).
   */
  async function emit(changes: AlertRecord[], dirty: Set<string>, receivedAt?: number): Promise<void> {
    if (changes.length === 0 && dirty.size === 0) return;
    const snapshot = changes.map((a) => ({ ...a }));
    const alerting = new Set(changes.map((a) => a.patientId));
    const first = memory.snapshot([...dirty].filter((p) => alerting.has(p)));
    const rest = memory.snapshot([...dirty].filter((p) => !alerting.has(p)));
    await publisher.send(snapshot);
    await memory.persist(first);
    if (snapshot.length > 0) await publisher.announce(snapshot, receivedAt);
    await memory.persist(rest);
  }

  return {
    registry,
    states: memory.states,
    async start() {
      await host.start();
      ticker.start();
      log.info({ group: options.groupId }, 'alert worker started');
      // Reload groups a killed worker of this group left behind (never blocks the start).
      if (!store) sweepStaleLoadGroups(kafka, options.groupId)
        .then((gone) => { if (gone.length > 0) log.info({ groups: gone }, 'removed state reload groups left by a stopped worker'); })
        .catch((err: unknown) => log.warn({ err }, 'could not sweep stale state reload groups'));
    },
    readiness() {
      const problems = host.readiness();
      if (mqtt && !mqtt.connected) problems.push('mqtt disconnected');
      return problems;
    },
    async stop() {
      ticker.stop();
      units.stop();
      await host.stop();
      // A state reload under way reads through a throwaway consumer group of its own: let it end
      // and delete that group before the process exits (a stop mid-reload left one behind), but
      // not for longer than it may take (its retries stop with the host; a read times out at 60 s).
      let timer: NodeJS.Timeout | undefined;
      const bounded = new Promise<void>((r) => { timer = setTimeout(r, STOP_RELOAD_WAIT_MS); });
      await Promise.race([lock.then(() => undefined), bounded]).finally(() => clearTimeout(timer));
      log.info({}, 'alert worker stopped');
    },
  };
}

export type AlertWorker = ReturnType<typeof createAlertWorker>;

/** How long a stop waits for a state reload under way to end and remove its group (ms). */
const STOP_RELOAD_WAIT_MS = 10_000;

/**
 * Longest the state of fetches without alert changes waits to be persisted (ms). Cost per
 * sample (issue 17): one state record per patient and one produce and one offset commit a
 * second, instead of per fetch (about ten a second under load). A kill -9 or a rebalance
 * loses none of it: the records since the committed offsets are read again (at most this
 * long of them) and evaluated from the persisted state to the same result.
 */
export const DEFAULT_STATE_DEFER_MS = 1_000;

/** Alert-worker group session (ms): how long a dead worker's patients wait before the group notices. */
export const ALERTS_SESSION_TIMEOUT_MS = 6_000;
