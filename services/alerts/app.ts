import type { Consumer, EachBatchPayload, Kafka, Message, Producer } from 'kafkajs';
import type { MqttClient } from 'mqtt';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { commandDeadLetter, decodeCommand, type AlertCommand } from '../common/alert-contract-commands.js';
import { ValidationError } from '../common/errors.js';
import { DEFAULT_RETENTION, ensureTopics, replaceConsumer, retentionConfig, type ConsumerSlot } from '../common/kafka.js';
import type { Logger } from '../common/logger.js';
import { DeviceState, DeviceStatus, VitalsBatch } from '../common/proto.js';
import type { PatientBoundOptions } from '../common/patient-bound.js';
import { idsValid } from '../common/topics.js';
import type { InfluxWriter } from '../writer/influx-writer.js';
import { CoPartitionedAssigner } from './co-partitioned-assigner.js';
import { beforeDischarge, needsTick, newPatientState, onBatch, onCommand, onDischarge, onObservation, onStatus, onTick, type AlertRecord, type EngineConfig, type PatientState } from './engine.js';
import { createSideOutputs, toProto } from './outputs.js';
import { createStateEviction } from './state-eviction.js';
import { loadStates } from './state-store.js';
import { createWebhookOutbox, type WebhookRetry } from './webhook-outbox.js';

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
  kafka: Kafka;
  log: Logger;
  mqtt?: MqttClient | null;
  influx?: InfluxWriter | null;
  registry?: Registry;
  now?: () => number;
}

/** A command from the API: the alert contract's (services/common/alert-contract-commands.ts). */
export type Command = AlertCommand;

export function createAlertWorker({ options, kafka, log, mqtt = null, influx = null, registry = new Registry(), now = Date.now }: AlertsDeps) {
  collectDefaultMetrics({ register: registry, prefix: 'vitals_alerts_' });
  const raised = new Counter({ name: 'vitals_alerts_raised_total', help: 'Alerts raised (or re-opened), by kind and priority', labelNames: ['kind', 'priority'], registers: [registry] });
  const resolved = new Counter({ name: 'vitals_alerts_resolved_total', help: 'Alerts resolved, by kind and priority', labelNames: ['kind', 'priority'], registers: [registry] });
  const openGauge = new Gauge({ name: 'vitals_alerts_open_alerts', help: 'Alerts open or acknowledged', registers: [registry] });
  const evalSeconds = new Histogram({ name: 'vitals_alerts_evaluation_seconds', help: 'Ingest receive to alert published', buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  const escalations = new Counter({ name: 'vitals_alerts_escalations_total', help: 'Alerts escalated for want of an acknowledgement, by kind, priority and level', labelNames: ['kind', 'priority', 'level'], registers: [registry] });
  const records = new Counter({ name: 'vitals_alerts_records_total', help: 'Records evaluated, by topic kind', labelNames: ['kind'], registers: [registry] });

  const states = new Map<string, PatientState>();
  /**
   * Each patient's state as the state topic holds it (the JSON last written or loaded). A
   * batch that fails is rolled back from here: no copy is taken on the hot path.
   */
  const persisted = new Map<string, string>();
  const eviction = createStateEviction({ states, persisted, producer: () => producer, stateTopic: options.topics.state, options: options.patientBound, registry, log, now });
  let loading: Promise<void> = Promise.resolve();
  let loadedAt = 0;
  /** Offset lag per "topic:partition" of the vitals and status topics this member consumes. */
  let lagging = new Map<string, number>();
  /**
   * Bumped on every (re)assignment. Work started under an older generation never writes
   * its rollback into the states loaded for a newer one.
   */
  let generation = 0;
  /** True while partitions are (re)assigned and their state reloaded, or the consumer is down. */
  let paused = true;
  /** Last successful fetch: a consumer that cannot fetch (broker down) sees no vitals, which is not the devices' silence. */
  let lastFetchAt = 0;
  /** Batches, inactivity ticks and state reloads run one at a time (they share `states`). */
  let lock: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn);
    lock = run.catch(() => undefined);
    return run;
  };
  let ticking = false;
  let consumer: Consumer | null = null;
  let producer: Producer | null = null;
  let ticker: NodeJS.Timeout | null = null;
  let running = false;
  let crashed: string | null = null;
  // The webhook is not a side output: a durable outbox on the alerts topic (issue 16), whose
  // attempts are recorded like the MQTT deliveries (issue 14).
  const outputs = createSideOutputs({ mqtt, influx, log, registry });
  const webhook = options.webhookUrl
    ? createWebhookOutbox({
      kafka, producer: () => producer, log, registry, url: options.webhookUrl, groupId: `${options.groupId}-webhook`,
      alertsTopic: options.topics.alerts, deadLetterTopic: options.topics.deadLetter, retry: options.webhookRetry,
      onAttempt: (a, attempt, result, detail) => outputs.recordWebhook(a, attempt, result, detail),
    })
    : null;

  const kindClass = (kind: string) => kind.split(':').slice(0, 2).join(':');

  /**
   * The patients a batch (or tick) touched. Memory is only allowed to run ahead of the
   * state topic once that work is persisted: when publishing fails, the touched patients
   * are restored from their persisted state, so the retried batch derives the same
   * transitions (same deterministic alert ids) and publishes them, rather than finding its
   * sequences already seen and publishing nothing (an "open" lost).
   */
  interface Undo { generation: number; touched: Set<string> }
  const newUndo = (): Undo => ({ generation, touched: new Set() });
  function rollback(undo: Undo): void {
    if (undo.generation !== generation) return; // the states were reloaded from the topic since
    for (const patientId of undo.touched) {
      const json = persisted.get(patientId);
      if (json) states.set(patientId, JSON.parse(json) as PatientState);
      else states.delete(patientId);
    }
  }

  function stateFor(patientId: string, undo: Undo): PatientState {
    undo.touched.add(patientId);
    eviction.touch(patientId);
    let s = states.get(patientId);
    if (!s) { s = newPatientState(patientId); states.set(patientId, s); }
    const fromFile = options.fileOverrides?.()[patientId];
    if (fromFile && !s.overrides) s.overrides = fromFile;
    return s;
  }

  /**
   * Publishes the alert changes, then persists the touched patients' state (both acks=all),
   * before offsets move. Alerts first: a state snapshot that reached the topic while its
   * alerts did not would, on reload, mark the batch as seen and lose the alerts for good.
   * The other way round a failure between the two republishes the same alert (same id).
   */
  async function emit(changes: AlertRecord[], dirty: Set<string>, receivedAt?: number): Promise<void> {
    if (changes.length === 0 && dirty.size === 0) return;
    const snapshot = changes.map((a) => ({ ...a }));
    const values = [...dirty].map((p) => ({ key: p, value: JSON.stringify(states.get(p)) }));
    if (snapshot.length > 0) {
      await producer!.send({ topic: options.topics.alerts, acks: -1, messages: snapshot.map((a) => ({ key: a.patientId, value: Buffer.from(toProto(a)), headers: { 'alert-id': a.id, state: a.state } })) });
    }
    if (values.length > 0) {
      await producer!.send({ topic: options.topics.state, acks: -1, messages: values });
      for (const v of values) persisted.set(v.key, v.value);
    }
    for (const a of snapshot) {
      if (a.change === 'resolved') resolved.inc({ kind: kindClass(a.kind), priority: a.priority });
      else if (a.change === 'raised' || a.change === 'reopened') raised.inc({ kind: kindClass(a.kind), priority: a.priority });
      else if (a.change === 'escalated') escalations.inc({ kind: kindClass(a.kind), priority: a.priority, level: String(a.escalationLevel) });
      log.info({ alertId: a.id, patientId: a.patientId, deviceId: a.deviceId, kind: a.kind, state: a.state, priority: a.priority, change: a.change, escalationLevel: a.escalationLevel }, 'alert changed');
    }
    if (receivedAt && snapshot.length > 0) evalSeconds.observe(Math.max(0, now() - receivedAt) / 1000);
    await outputs.publish(snapshot);
  }

  /** Ids reach MQTT topic names, tags and logs: refuse a record outside the alphabet (issue 16). */
  function checkIds(deviceId: string | null, patientId: string): void {
    if (typeof patientId !== 'string' || !idsValid(deviceId, patientId)) throw new Error('device or patient id outside the id alphabet');
  }

  async function eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    await loading;
    const lastOffset = await exclusive(async () => {
      const undo = newUndo();
      const changes: AlertRecord[] = [];
      const dirty = new Set<string>();
      const dead: Message[] = [];
      let lastReceived = 0;
      let last: string | null = null;
      try {
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break;
          const receivedAt = Number(message.headers?.['received-at-ms']?.toString() ?? message.timestamp);
          lastReceived = Math.max(lastReceived, receivedAt);
          try {
            if (batch.topic === options.topics.vitals) {
              const b = VitalsBatch.decode(message.value!);
              // Readings of an unassigned device (issue 15): stored under the device, nothing clinical.
              if (b.patientId === '') { records.inc({ kind: 'unassigned' }); last = message.offset; continue; }
              checkIds(b.deviceId, b.patientId);
              const s = stateFor(b.patientId, undo);
              if (beforeDischarge(s, b)) { records.inc({ kind: 'discharged' }); last = message.offset; continue; }
              delete s.dischargedAt; // re-admitted and assigned again
              changes.push(...onBatch(s, options.engine, b, receivedAt));
              dirty.add(b.patientId);
              records.inc({ kind: 'vitals' });
            } else if (batch.topic === options.topics.status) {
              // A device assigned to nobody (issue 15): no patient to raise "device offline" for.
              if (message.headers?.attribution?.toString() === 'unassigned') { records.inc({ kind: 'unassigned' }); last = message.offset; continue; }
              const st = DeviceStatus.decode(message.value!);
              const patientId = st.patientId || message.key?.toString() || st.deviceId;
              checkIds(st.deviceId, patientId);
              const s = stateFor(patientId, undo);
              changes.push(...onStatus(s, options.engine, st.deviceId, st.state === DeviceState.DEVICE_STATE_ONLINE, st.reason, receivedAt, { retained: message.headers?.retained?.toString() === 'true', atMs: st.atMs }));
              dirty.add(patientId);
              records.inc({ kind: 'status' });
            } else if (batch.topic === options.topics.commands) {
              const cmd = decodeCommand(message.value);
              checkIds(null, cmd.patientId);
              const s = stateFor(cmd.patientId, undo);
              if (cmd.type === 'limits') s.overrides = cmd.overrides;
              else if (cmd.type === 'discharge') changes.push(...onDischarge(s, cmd));
              else if (cmd.type === 'observation' || cmd.type === 'spo2-scale') changes.push(...onObservation(s, options.engine, cmd));
              else {
                const r = onCommand(s, options.engine, cmd);
                changes.push(...r.changes);
                if (r.refused) log.warn({ alertId: cmd.alertId, patientId: cmd.patientId, reason: r.refused }, 'alert command refused');
              }
              dirty.add(cmd.patientId);
              records.inc({ kind: 'command' });
            }
          } catch (err) {
            if (err instanceof ValidationError && batch.topic === options.topics.commands) {
              // A command the worker cannot apply as written: kept with its reason, never dropped.
              records.inc({ kind: 'dead-letter' });
              log.warn({ reason: err.code, detail: err.message, partition: batch.partition, offset: message.offset }, 'alert command dead-lettered');
              dead.push(commandDeadLetter(message, batch, err));
            } else {
              // Validated upstream; a record that still fails is skipped, counted and logged once.
              records.inc({ kind: 'invalid' });
              log.warn({ err, topic: batch.topic, partition: batch.partition, offset: message.offset }, 'record skipped');
            }
          }
          last = message.offset;
        }
        // Before the offsets move: a failed send rolls the batch back and it is read again (a
        // dead letter may then be written twice: at least once, like every record here).
        if (dead.length > 0) {
          if (options.topics.deadLetter) await producer!.send({ topic: options.topics.deadLetter, acks: -1, messages: dead });
          else log.error({ count: dead.length }, 'no dead-letter topic configured: malformed alert commands kept only in the commands topic');
        }
        await emit(changes, dirty, lastReceived);
      } catch (err) {
        // Nothing of this batch is known to be persisted: forget it, so that its redelivery
        // (same records, from the last committed offset) raises the same alerts again.
        rollback(undo);
        log.warn({ err, topic: batch.topic, partition: batch.partition, offset: batch.firstOffset(), patients: undo.touched.size }, 'alert batch not persisted; in-memory state rolled back for a retry');
        throw err;
      }
      return last;
    });
    // From here the state topic holds this batch's effects: a failed commit means a
    // redelivery that the engine recognises (device sequences) and ignores.
    if (lastOffset !== null) {
      resolveOffset(lastOffset); // committed by kafkajs after the batch
    }
    await heartbeat();
    if (batch.topic !== options.topics.commands) lagging.set(`${batch.topic}:${batch.partition}`, Number(batch.offsetLag()));
  }

  /** Whether silence in the data is the devices' and not this worker's (reloading, behind, or cut off from Kafka). */
  const canJudgeSilence = () =>
    running && !paused && !crashed && now() - loadedAt >= 2 * options.tickMs && now() - lastFetchAt <= 5 * options.tickMs && [...lagging.values()].every((l) => l <= 0);

  async function tick(): Promise<void> {
    // Once per tick rather than per batch: it walks every patient.
    openGauge.set([...states.values()].reduce((n, s) => n + Object.values(s.alerts).filter((a) => a.state !== 'resolved').length, 0));
    // Bounded memory whether caught up or not (a flood of patient ids is a backlog too).
    if (!ticking && running && !paused) await exclusive(async () => { if (!paused) await eviction.sweep(); }).catch((err: unknown) => log.warn({ err }, 'patient eviction failed; retried next tick'));
    // Only when caught up: a backlog of unprocessed vitals must not look like silence.
    if (ticking || !canJudgeSilence()) return;
    ticking = true;
    try {
      await exclusive(async () => {
        if (!canJudgeSilence()) return; // a reassignment or a failure came in while waiting
        const t = now();
        const undo = newUndo();
        const changes: AlertRecord[] = [];
        const dirty = new Set<string>();
        for (const s of [...states.values()]) {
          if (!needsTick(s, options.engine, t)) continue;
          undo.touched.add(s.patientId);
          changes.push(...onTick(s, options.engine, t));
          dirty.add(s.patientId); // a device marked offline is a change to persist, alert or not
        }
        try {
          await emit(changes, dirty);
        } catch (err) {
          rollback(undo); // re-derived at a later tick, with the same alert ids
          throw err;
        }
      });
    } finally {
      ticking = false;
    }
  }

  /** Creates, subscribes and runs the group consumer (again after a crash kafkajs does not recover from). */
  async function startConsumer(): Promise<void> {
    const c = kafka.consumer({ groupId: options.groupId, partitionAssigners: [CoPartitionedAssigner], maxWaitTimeInMs: 100, sessionTimeout: 15_000, heartbeatInterval: 1_500 });
    c.on(c.events.GROUP_JOIN, (e) => {
      crashed = null;
      const mine = new Set(e.payload.memberAssignment[options.topics.vitals] ?? []);
      // Whatever memory holds that the state topic does not (a batch that failed midway,
      // a tick) is dropped: the assigned patients' state is read back from the topic.
      // Ticks stay off until then, and the reload waits for a batch or tick in flight.
      paused = true;
      const gen = ++generation;
      loading = exclusive(async () => {
        const [loaded, lag] = await Promise.all([loadStates(kafka, options.topics.state, mine), initialLag(mine)]);
        if (gen !== generation) return; // superseded by a newer assignment
        states.clear();
        persisted.clear();
        for (const [k, v] of loaded) { states.set(k, v); persisted.set(k, JSON.stringify(v)); }
        eviction.reset(loaded.keys());
        lagging = lag;
        loadedAt = now();
        paused = false;
        log.info({ partitions: [...mine], patients: states.size, lag: Object.fromEntries(lag) }, 'alert state loaded');
      }).catch((err: unknown) => { crashed = `state load failed: ${(err as Error).message}`; log.error({ err }, 'state load failed'); throw err; });
    });
    // The consumer is (re)joining or down: no ticks until the next join has reloaded.
    c.on(c.events.REBALANCING, () => { paused = true; });
    c.on(c.events.FETCH, () => { lastFetchAt = now(); });
    c.on(c.events.CRASH, (e) => {
      paused = true;
      crashed = String(e.payload.error);
      log.error({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
      // kafkajs gives up on a non-retriable error (e.g. "failed to find group coordinator"
      // while a restarted broker loads its groups): a new consumer takes over, so the
      // worker does not sit idle until someone restarts it.
      if (!e.payload.restart && running && consumer === c) setTimeout(() => replaceConsumer(slot), 1000);
    });
    consumer = c;
    await c.connect();
    for (const topic of [options.topics.vitals, options.topics.status, options.topics.commands]) await c.subscribe({ topic, fromBeginning: true });
    // Offsets are resolved only once the batch's alerts and state are written; kafkajs commits
    // resolved offsets after each batch and on rebalance. (With autoCommit off,
    // commitOffsetsIfNecessary() committed nothing: every restart replayed the topics.)
    await c.run({ autoCommit: true, eachBatchAutoResolve: false, eachBatch });
  }

  const slot: ConsumerSlot = {
    running: () => running,
    take: () => { const c = consumer; consumer = null; return c; },
    start: startConsumer,
    log,
  };

  /**
   * Committed-offset lag of the vitals and status partitions just assigned. Until each is
   * consumed to its end, silence is a backlog (e.g. after a Kafka outage), not a device's.
   */
  async function initialLag(partitions: Set<number>): Promise<Map<string, number>> {
    const lag = new Map<string, number>();
    if (partitions.size === 0) return lag;
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = [options.topics.vitals, options.topics.status];
      const committed = await admin.fetchOffsets({ groupId: options.groupId, topics });
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const done = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
        for (const o of ends) {
          if (!partitions.has(o.partition)) continue;
          const from = (done.get(o.partition) ?? -1n) >= 0n ? done.get(o.partition)! : BigInt(o.low);
          lag.set(`${topic}:${o.partition}`, Number(BigInt(o.high) - from));
        }
      }
    } finally {
      await admin.disconnect();
    }
    return lag;
  }

  return {
    registry,
    states,
    async start() {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, [options.topics.vitals, options.topics.status, options.topics.commands, options.topics.alerts], options.partitions);
        await ensureTopics(admin, [options.topics.state], options.partitions, [{ name: 'cleanup.policy', value: 'compact' }]);
        if (options.topics.deadLetter) await ensureTopics(admin, [options.topics.deadLetter], options.partitions, retentionConfig(DEFAULT_RETENTION));
      } finally {
        await admin.disconnect();
      }
      producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      running = true;
      await webhook?.start();
      await startConsumer();
      ticker = setInterval(() => { tick().catch((err: unknown) => log.warn({ err }, 'inactivity check failed')); }, options.tickMs);
      log.info({ group: options.groupId }, 'alert worker started');
    },
    readiness() {
      const problems: string[] = [];
      if (!running) problems.push('not started');
      if (crashed) problems.push(crashed);
      if (mqtt && !mqtt.connected) problems.push('mqtt disconnected');
      return problems;
    },
    async stop() {
      running = false;
      if (ticker) clearInterval(ticker);
      await consumer?.disconnect();
      await webhook?.stop();
      await producer?.disconnect();
      log.info({}, 'alert worker stopped');
    },
  };
}

export type AlertWorker = ReturnType<typeof createAlertWorker>;
