import type { Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import type { MqttClient } from 'mqtt';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ensureTopics } from '../common/kafka.js';
import type { Logger } from '../common/logger.js';
import { DeviceState, DeviceStatus, VitalsBatch } from '../common/proto.js';
import type { InfluxWriter } from '../writer/influx-writer.js';
import { CoPartitionedAssigner } from './co-partitioned-assigner.js';
import { newPatientState, onBatch, onCommand, onStatus, onTick, type AlertRecord, type EngineConfig, type PatientState } from './engine.js';
import { createSideOutputs, toProto } from './outputs.js';
import { loadStates } from './state-store.js';

export interface AlertTopics {
  vitals: string;
  status: string;
  /** Commands from the API: acknowledge / resolve / per-patient limit overrides (JSON, keyed by patient). */
  commands: string;
  /** Compacted per-patient state (JSON). */
  state: string;
  /** Alert changes out (vitals.v1.Alert). */
  alerts: string;
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

export type Command =
  | { type: 'acknowledge' | 'resolve'; patientId: string; alertId: string; by: string; at: number }
  | { type: 'limits'; patientId: string; overrides: PatientState['overrides'] };

export function createAlertWorker({ options, kafka, log, mqtt = null, influx = null, registry = new Registry(), now = Date.now }: AlertsDeps) {
  collectDefaultMetrics({ register: registry, prefix: 'vitals_alerts_' });
  const raised = new Counter({ name: 'vitals_alerts_raised_total', help: 'Alerts raised (or re-opened), by kind and priority', labelNames: ['kind', 'priority'], registers: [registry] });
  const resolved = new Counter({ name: 'vitals_alerts_resolved_total', help: 'Alerts resolved, by kind and priority', labelNames: ['kind', 'priority'], registers: [registry] });
  const openGauge = new Gauge({ name: 'vitals_alerts_open_alerts', help: 'Alerts open or acknowledged', registers: [registry] });
  const evalSeconds = new Histogram({ name: 'vitals_alerts_evaluation_seconds', help: 'Ingest receive to alert published', buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  const records = new Counter({ name: 'vitals_alerts_records_total', help: 'Records evaluated, by topic kind', labelNames: ['kind'], registers: [registry] });

  const states = new Map<string, PatientState>();
  let assigned = new Set<number>();
  let loading: Promise<void> = Promise.resolve();
  let loadedAt = 0;
  const lagging = new Map<number, number>();
  let consumer: Consumer | null = null;
  let producer: Producer | null = null;
  let ticker: NodeJS.Timeout | null = null;
  let running = false;
  let crashed: string | null = null;
  const outputs = createSideOutputs({ mqtt, influx, webhookUrl: options.webhookUrl, log });

  const kindClass = (kind: string) => kind.split(':').slice(0, 2).join(':');

  function stateFor(patientId: string): PatientState {
    let s = states.get(patientId);
    if (!s) { s = newPatientState(patientId); states.set(patientId, s); }
    const fromFile = options.fileOverrides?.()[patientId];
    if (fromFile && !s.overrides) s.overrides = fromFile;
    return s;
  }

  /** Persists the touched patients' state and publishes the alert changes (acks=all) before offsets move. */
  async function emit(changes: AlertRecord[], dirty: Set<string>, receivedAt?: number): Promise<void> {
    if (changes.length === 0 && dirty.size === 0) return;
    const snapshot = changes.map((a) => ({ ...a }));
    await producer!.sendBatch({
      acks: -1,
      topicMessages: [
        { topic: options.topics.state, messages: [...dirty].map((p) => ({ key: p, value: JSON.stringify(states.get(p)) })) },
        ...(snapshot.length > 0 ? [{ topic: options.topics.alerts, messages: snapshot.map((a) => ({ key: a.patientId, value: Buffer.from(toProto(a)), headers: { 'alert-id': a.id, state: a.state } })) }] : []),
      ],
    });
    for (const a of snapshot) {
      if (a.state === 'resolved') resolved.inc({ kind: kindClass(a.kind), priority: a.priority });
      else if (a.state === 'open') raised.inc({ kind: kindClass(a.kind), priority: a.priority });
      log.info({ alertId: a.id, patientId: a.patientId, deviceId: a.deviceId, kind: a.kind, state: a.state, priority: a.priority }, 'alert changed');
    }
    if (receivedAt && snapshot.length > 0) evalSeconds.observe(Math.max(0, now() - receivedAt) / 1000);
    openGauge.set([...states.values()].reduce((n, s) => n + Object.values(s.alerts).filter((a) => a.state !== 'resolved').length, 0));
    await outputs.publish(snapshot);
  }

  async function eachBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    await loading;
    const changes: AlertRecord[] = [];
    const dirty = new Set<string>();
    let lastReceived = 0;
    let lastOffset: string | null = null;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      const receivedAt = Number(message.headers?.['received-at-ms']?.toString() ?? message.timestamp);
      lastReceived = Math.max(lastReceived, receivedAt);
      try {
        if (batch.topic === options.topics.vitals) {
          const b = VitalsBatch.decode(message.value!);
          const s = stateFor(b.patientId);
          changes.push(...onBatch(s, options.engine, b, receivedAt));
          dirty.add(b.patientId);
          records.inc({ kind: 'vitals' });
        } else if (batch.topic === options.topics.status) {
          const st = DeviceStatus.decode(message.value!);
          const patientId = st.patientId || message.key?.toString() || st.deviceId;
          const s = stateFor(patientId);
          changes.push(...onStatus(s, options.engine, st.deviceId, st.state === DeviceState.DEVICE_STATE_ONLINE, st.reason, receivedAt, { retained: message.headers?.retained?.toString() === 'true', atMs: st.atMs }));
          dirty.add(patientId);
          records.inc({ kind: 'status' });
        } else if (batch.topic === options.topics.commands) {
          const cmd = JSON.parse(message.value!.toString()) as Command;
          const s = stateFor(cmd.patientId);
          if (cmd.type === 'limits') s.overrides = cmd.overrides;
          else changes.push(...onCommand(s, cmd));
          dirty.add(cmd.patientId);
          records.inc({ kind: 'command' });
        }
      } catch (err) {
        // Validated upstream; a record that still fails is skipped, counted and logged once.
        records.inc({ kind: 'invalid' });
        log.warn({ err, topic: batch.topic, partition: batch.partition, offset: message.offset }, 'record skipped');
      }
      lastOffset = message.offset;
    }
    await emit(changes, dirty, lastReceived);
    if (lastOffset !== null) {
      resolveOffset(lastOffset);
      await commitOffsetsIfNecessary();
    }
    await heartbeat();
    lagging.set(batch.partition, Number(batch.offsetLag()));
  }

  async function tick(): Promise<void> {
    // Only when caught up: a backlog of unprocessed vitals must not look like silence.
    if (!running || now() - loadedAt < 2 * options.tickMs || [...lagging.values()].some((l) => l > 0)) return;
    const t = now();
    const changes: AlertRecord[] = [];
    const dirty = new Set<string>();
    for (const s of states.values()) {
      const c = onTick(s, options.engine, t);
      if (c.length > 0) { changes.push(...c); dirty.add(s.patientId); }
    }
    await emit(changes, dirty);
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
      } finally {
        await admin.disconnect();
      }
      producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      consumer = kafka.consumer({ groupId: options.groupId, partitionAssigners: [CoPartitionedAssigner], maxWaitTimeInMs: 100, sessionTimeout: 15_000, heartbeatInterval: 1_500 });
      consumer.on(consumer.events.GROUP_JOIN, (e) => {
        crashed = null;
        const mine = new Set(e.payload.memberAssignment[options.topics.vitals] ?? []);
        assigned = mine;
        loading = loadStates(kafka, options.topics.state, mine).then((loaded) => {
          states.clear();
          for (const [k, v] of loaded) states.set(k, v);
          loadedAt = now();
          lagging.clear();
          log.info({ partitions: [...mine], patients: states.size }, 'alert state loaded');
        }, (err: unknown) => { crashed = `state load failed: ${(err as Error).message}`; log.error({ err }, 'state load failed'); throw err; });
      });
      consumer.on(consumer.events.CRASH, (e) => { crashed = String(e.payload.error); log.error({ err: e.payload.error }, 'consumer crashed'); });
      await consumer.connect();
      for (const topic of [options.topics.vitals, options.topics.status, options.topics.commands]) await consumer.subscribe({ topic, fromBeginning: true });
      running = true;
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
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
    assignedPartitions: () => [...assigned],
    async stop() {
      running = false;
      if (ticker) clearInterval(ticker);
      await consumer?.disconnect();
      await producer?.disconnect();
      log.info({}, 'alert worker stopped');
    },
  };
}

export type AlertWorker = ReturnType<typeof createAlertWorker>;
