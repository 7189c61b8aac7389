import type { TestContext } from 'node:test';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { ensureTopics } from '../../services/common/kafka.js';
import { DEFAULT_LIMITS } from '../../services/common/validate.js';
import { createPatientRegistry, type PatientRegistry, type PatientTopics } from '../../services/common/patient-registry.js';
import { createIngest, type Ingest } from '../../services/ingest/app.js';
import type { PatientStore } from '../../services/api/patient-store.js';
import { createProvisioner } from './provision.js';
import type { DeviceLimitOptions } from '../../services/ingest/device-limits.js';
import { createInfluxWriter } from '../../services/common/influx-writer.js';
import { createWriter } from '../../services/writer/app.js';
import { tempBucket } from './influx.js';
import { ingestAccounts } from './mqtt-accounts.js';
import { grantTestAcls } from './kafka-acl.js';
import { kafkaFor, stack, uid, type StackEndpoints } from './stack.js';

export interface Pipeline {
  /** Prefix of every topic, consumer group and bucket of this pipeline: all are removed after the test. */
  id: string;
  s: StackEndpoints;
  /** The `admin` principal's client: test setup, collectors, cleanup. */
  kafka: Kafka;
  /** A client as a service's own Kafka principal (ingest, writer, alerts, api; issue 16), its groups cleaned up too. */
  kafkaAs(principal: string): Kafka;
  topics: { vitals: string; status: string; deadLetter: string; alerts: string };
  bucket: string;
  ingest: Ingest;
  /** The registry the ingest attributes readings with (issue 15), on this pipeline's own topics. */
  patients: PatientRegistry;
  patientTopics: PatientTopics;
  /** The API's write path (admit, assign, ...) on this pipeline's registry topics. */
  store: PatientStore;
  /**
   * Admits the patient (if not admitted) and assigns the device to them from `from`
   * (default: 7 days ago, the oldest reading the ingest accepts), through the API's own store.
   */
  provision(deviceId: string, patientId: string, opts?: { from?: number; ward?: string; bed?: string }): Promise<void>;
  /** {@link provision} for the simulator's devices `first..first+count-1` and their patients. */
  provisionFleet(first: number, count: number): Promise<void>;
  deviceSecret: string;
  /** Registers a cleanup that runs (last-in first-out) before the pipeline is torn down. */
  cleanup(fn: () => Promise<unknown>): void;
  /** Collects every record of a topic from the beginning. */
  collect(topic: string): Promise<{ messages: KafkaMessage[]; stop: () => Promise<void> }>;
  /** The in-process writer's consumer group. */
  writerGroup: string;
  /** Warnings and errors the in-process registry, ingest and writer logged (the last 200). */
  serviceLogs: string[];
  /** What a test that waited in vain should print: the writer's committed offsets against the vitals topic's end, and {@link serviceLogs}. */
  diagnose(): Promise<string>;
  offsets(groupId: string, topic: string): Promise<{ committed: Record<number, number>; high: Record<number, number> }>;
  /**
   * Waits until `groupId` has committed every record `topic` holds now (each partition's
   * committed offset reaches its end offset read at the call): what that consumer made of
   * those records is done (the writer: stored in InfluxDB; the alert worker: alerts and state
   * written). Fails after `timeoutMs` with the offsets it saw.
   */
  committedToEnd(groupId: string, topic: string, timeoutMs?: number): Promise<void>;
}

const quiet = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * The in-process services' warnings and errors of one pipeline (the last 200 lines), for a
 * failing test to print: their logs are otherwise silent. TEST_LOG_LEVEL still prints them all.
 */
function serviceLog(): { log: typeof quiet; lines: string[] } {
  const lines: string[] = [];
  if (process.env.TEST_LOG_LEVEL) return { log: quiet, lines };
  const log = pino({ level: 'warn' }, { write: (line: string) => { lines.push(line.trimEnd()); if (lines.length > 200) lines.shift(); } });
  return { log, lines };
}

/**
 * Deletes every Kafka topic and consumer group whose name starts with `prefix` (a test's id), and
 * the groups named. Kafka refuses to delete a group that still has a member: a consumer that could
 * not leave (one kafkajs was restarting when it was stopped, e.g. after the stack's Kafka was
 * stopped under it: CI left a registry group behind that way once) stays a member until its
 * session times out (10-20 s here), so such groups are tried again for up to `groupWaitMs`.
 */
export async function removeKafkaByPrefix(kafka: Kafka, prefix: string, alsoGroups: string[] = [], groupWaitMs = 25_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((x) => x.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    const ours = async () => (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix) || alsoGroups.includes(g));
    const deadline = Date.now() + groupWaitMs;
    for (let groups = await ours(); groups.length > 0 && Date.now() < deadline; groups = await ours()) {
      await admin.deleteGroups(groups).catch(() => undefined);
      if ((await ours()).length === 0) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  } finally {
    await admin.disconnect();
  }
}

/** Removes a persistent MQTT session (clean session on, then off) so tests leave nothing queued. */
export async function purgeSession(s: StackEndpoints, clientId: string, creds: { username: string; password: string }): Promise<void> {
  const c = await mqtt.connectAsync(s.mqttUrl, { ...creds, clientId, clean: true, protocolVersion: 4, reconnectPeriod: 0 });
  await c.endAsync();
}

/** Starts an in-process ingest and writer on unique topics, group and bucket; all cleaned up after the test. */
export async function startPipeline(t: TestContext, opts: { writer?: boolean; bucket?: boolean; connections?: number; subscription?: 'shared' | 'exclusive'; deviceLimits?: DeviceLimitOptions } = {}): Promise<Pipeline> {
  const s = await stack();
  const id = uid('t');
  const { log: servicesLog, lines: serviceLines } = serviceLog();
  const topics = { vitals: `${id}.vitals`, status: `${id}.status`, deadLetter: `${id}.dlq`, alerts: `${id}.alerts` };
  // Every consumer group made through these clients (writers, alert workers, webhook outboxes,
  // collectors), whatever a test names it, is deleted with the pipeline.
  // Those consumers are disconnected first (a test's own t.after may stop its worker only
  // after this cleanup ran, and Kafka refuses to delete a group that still has members).
  const groupsUsed = new Set<string>();
  const consumersMade: Consumer[] = [];
  const kafkaAs = (principal: string) => {
    const client = kafkaFor(s, `${id}-${principal}`, principal);
    const makeConsumer = client.consumer.bind(client);
    client.consumer = (config) => {
      groupsUsed.add(config.groupId);
      const c = makeConsumer(config);
      consumersMade.push(c);
      return c;
    };
    return client;
  };
  const kafka = kafkaAs('admin');
  // Cleanup is registered before each resource starts (so a failure half-way leaves nothing
  // running) and runs last-in first-out.
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = (fn: () => Promise<unknown>) => { cleanups.push(fn); };
  t.after(async () => {
    for (const fn of cleanups.reverse()) await fn().catch((err: unknown) => console.error('cleanup:', (err as Error).message));
  });
  const { bucket, remove } = opts.bucket ?? opts.writer !== false ? await tempBucket(s, id) : { bucket: '', remove: async () => undefined };
  cleanup(async () => {
    // Everything named after this pipeline's id: its topics (and those derived from them, like
    // the alert worker's state and command topics) and consumer groups (writer, collectors, ...).
    await Promise.all(consumersMade.map((c) => c.disconnect().catch(() => undefined)));
    await removeKafkaByPrefix(kafka, id, [...groupsUsed]);
    await remove();
  });
  // The services' ACL rows on this pipeline's names (issue 16), removed last.
  const revokeAcls = await grantTestAcls(s, kafka, id);
  cleanup(revokeAcls);
  const patientTopics = { patients: `${id}.patients`, assignments: `${id}.assignments` };
  const patients = createPatientRegistry({ kafka, log: servicesLog, topics: patientTopics, groupId: `${id}-patients-ingest` });
  cleanup(() => patients.stop());
  const provisioner = await createProvisioner(kafka, patientTopics, `${id}-patients-ingest`, patients);
  cleanup(() => provisioner.close());
  const connections = opts.connections ?? 4;
  // One broker account per ingest connection, bound to its client id (issue 15).
  const removeAccounts = await ingestAccounts(s, `${id}-ingest`, connections);
  const ingest = createIngest({
    kafka: kafkaAs('ingest'),
    log: servicesLog,
    patients,
    options: {
      mqtt: { url: s.mqttUrl, password: s.env.MQTT_PASSWORD! },
      clientId: `${id}-ingest`,
      connections,
      shareGroup: `${id}-share`,
      subscription: opts.subscription ?? 'shared',
      keepaliveS: 10,
      topics,
      partitions: 3,
      limits: DEFAULT_LIMITS,
      lingerMs: 2,
      maxBatch: 500,
      ...(opts.deviceLimits ? { deviceLimits: opts.deviceLimits } : {}),
    },
  });
  cleanup(async () => {
    await ingest.stop();
    await removeAccounts();
  });
  await ingest.start();
  const admin0 = kafka.admin();
  await admin0.connect();
  await ensureTopics(admin0, [topics.alerts], 3);
  await admin0.disconnect();
  if (opts.writer !== false) {
    const writer = createWriter({
      kafka: kafkaAs('writer'),
      log: servicesLog,
      influx: createInfluxWriter({ url: s.influx.url, token: s.influx.token, org: s.influx.org, bucket }),
      options: { groupId: `${id}-writer`, topics, partitions: 3, batchLines: 5000, flushIntervalMs: 100, concurrency: 3 },
    });
    cleanup(() => writer.stop());
    await writer.start();
  }
  const offsets = async (groupId: string, topic: string) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const high = await admin.fetchTopicOffsets(topic);
      return {
        committed: Object.fromEntries((committed?.partitions ?? []).map((x) => [x.partition, Number(x.offset)])),
        high: Object.fromEntries(high.map((x) => [x.partition, Number(x.high)])),
      };
    } finally {
      await admin.disconnect();
    }
  };
  return {
    id, s, kafka, kafkaAs, topics, bucket, ingest, cleanup, patients, patientTopics,
    store: provisioner.store,
    provision: provisioner.provision,
    provisionFleet: provisioner.provisionFleet,
    writerGroup: `${id}-writer`,
    serviceLogs: serviceLines,
    async diagnose() {
      const o = await offsets(`${id}-writer`, topics.vitals).catch((err: unknown) => (err as Error).message);
      return `writer offsets ${JSON.stringify(o)}; service warnings: ${serviceLines.length ? `\n${serviceLines.join('\n')}` : 'none'}`;
    },
    deviceSecret: s.env.MQTT_DEVICE_SECRET!,
    offsets,
    async committedToEnd(groupId: string, topic: string, timeoutMs = 30_000) {
      const { high } = await offsets(groupId, topic);
      let seen = '';
      await waitFor(`${groupId} to commit ${topic} up to ${JSON.stringify(high)}`, async () => {
        const { committed } = await offsets(groupId, topic);
        seen = JSON.stringify(committed);
        // A partition with no record has nothing to commit (its committed offset stays -1).
        return Object.entries(high).every(([part, h]) => h === 0 || (committed[Number(part)] ?? -1) >= h) ? true : undefined;
      }, timeoutMs).catch((err: unknown) => { throw new Error(`${(err as Error).message} (last committed ${seen})`); });
    },
    async collect(topic: string) {
      const consumer = kafka.consumer({ groupId: `${id}-collect-${Math.random().toString(36).slice(2, 8)}`, maxWaitTimeInMs: 100 });
      const messages: KafkaMessage[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => { messages.push(message); } });
      const stop = () => consumer.disconnect();
      cleanup(stop);
      return { messages, stop };
    },
  };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
