// First: kafkajs's modules must load after the pooled Encoder and the checksum are in place (see the files).
import { poolKafkaEncoder } from './kafkajs-encoder.js';
import { fastKafkaCrc32c } from './kafkajs-crc32c.js';
import { fastKafkaProduce } from './kafkajs-produce.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AssignerProtocol, Kafka, logLevel, type KafkaConfig as KafkaJsConfig, type SASLOptions, type Admin, type ConsumerConfig, type ConsumerRunConfig, type ConsumerSubscribeTopic, type ConsumerSubscribeTopics, type Producer, type ProducerConfig } from 'kafkajs';
import type { KafkaConfig } from './config.js';
import { patchKafkaRejoin } from './kafka-rejoin.js';
import { patchKafkaIdleFetch } from './kafkajs-idle-fetch.js';
import type { Logger } from './logger.js';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

interface RequestQueueProto { pending: unknown[]; scheduleCheckPendingRequests(this: RequestQueueProto): void }
let requestQueuePatched = false;

/**
 * kafkajs 2.2.4's request queue re-arms a timer after every check even when nothing is
 * pending, with a negative delay: a 1 ms setTimeout loop per broker connection for as long
 * as the connection lives (tulios/kafkajs#1556, fix proposed in #1667, unreleased). In the
 * issue 17 profiles it was the writer's and the alert worker's largest single JS cost while
 * idle. A pending request still gets its check: `push` schedules one when it enqueues, and a
 * response or timeout checks the queue. Applied once, only to the version it was read in.
 * Returns whether the patch is in place.
 */
export function patchKafkaRequestQueue(): boolean {
  if (requestQueuePatched) return true;
  const require = createRequire(import.meta.url);
  const version = (require('kafkajs/package.json') as { version: string }).version;
  if (version !== '2.2.4') return false; // re-read the request queue before carrying this over
  const proto = (require('kafkajs/src/network/requestQueue/index.js') as { prototype: RequestQueueProto }).prototype;
  const original = proto.scheduleCheckPendingRequests;
  proto.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueueProto) {
    if (this.pending.length > 0) original.call(this);
  };
  requestQueuePatched = true;
  return true;
}

/**
 * Puts in place the kafkajs 2.2.4 patches every client of ours runs with (the request queue's
 * timer, the idle fetch, the rejoin as the same member, the pooled Encoder, the slice-by-8 CRC-32C, the one-buffer produce request; each checks the version it
 * was read in). Returns those that are not in place: all for another kafkajs, the Encoder's
 * constructor and the checksum when kafkajs was loaded before this module.
 */
export function patchKafkajs(): string[] {
  const missing: string[] = [];
  if (!patchKafkaRequestQueue()) missing.push('request-queue timer');
  if (!patchKafkaIdleFetch()) missing.push('idle fetch');
  // Without it a consumer that crashed while Kafka was down rejoins as a new member and waits out the old session.
  if (!patchKafkaRejoin()) missing.push('rejoin as the same member');
  const pooled = poolKafkaEncoder();
  if (pooled !== 'full') missing.push(`pooled encoder (${pooled})`);
  const crc = fastKafkaCrc32c();
  if (crc !== 'full') missing.push(`crc32c (${crc})`);
  const produce = fastKafkaProduce();
  if (produce !== 'full') missing.push(`produce encoder (${produce})`);
  return missing;
}

/** A kafkajs client whose logs go through the service's pino logger. */
export function createKafka(config: Pick<KafkaConfig, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID' | 'KAFKA_SSL' | 'KAFKA_CA_FILE' | 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD'>, log: Logger): Kafka {
  const missing = patchKafkajs();
  if (missing.length > 0) log.warn({ kafkajsPatches: missing }, 'kafkajs patches not in place (kafkajs is not 2.2.4, or was loaded before services/common/kafka.ts)');
  const options: KafkaJsConfig = {
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    ssl: config.KAFKA_SSL && config.KAFKA_CA_FILE ? { ca: [readFileSync(config.KAFKA_CA_FILE, 'utf8')] } : config.KAFKA_SSL,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    // Attempts at most 2 s apart, so a client is back within about 2 s of Kafka's return (with
    // a 10 s cap it could wait up to 10 s for its next attempt). 20 retries keep the budget
    // before an operation fails about what it was (35 s; 8 retries up to 10 s made 33 s): past
    // it the callers' own loops retry (the forwarder, the consumer host's replacement). (The
    // 20 s recoveries of issue 17 were not this: a consumer that crashed in the outage rejoined
    // as a new member and waited out its old session; see kafka-rejoin.ts.)
    retry: { initialRetryTime: 200, maxRetryTime: 2_000, retries: 20 },
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, log: entry }) => {
      const { message, ...extra } = entry;
      log[LEVELS[level] ?? 'info']({ kafka: namespace, ...extra }, String(message).toLowerCase());
    },
  };
  if (config.KAFKA_SASL_MECHANISM) {
    options.sasl = {
      mechanism: config.KAFKA_SASL_MECHANISM,
      username: config.KAFKA_SASL_USERNAME ?? '',
      password: config.KAFKA_SASL_PASSWORD ?? '',
    } as SASLOptions;
  }
  return new Kafka(options);
}

/** kafkajs's assigner protocol, for the services' own assigners (only this module loads kafkajs). */
export { AssignerProtocol };

/**
 * The part of a kafkajs client the services use (kafkajs' own `Kafka` satisfies it), so
 * unit tests pass small fakes instead of a whole client.
 */
export interface KafkaClient {
  admin(): KafkaAdmin;
  producer(config?: ProducerConfig): KafkaProducer;
  consumer(config: ConsumerConfig): KafkaConsumer;
}

export type KafkaAdmin = Pick<Admin, 'connect' | 'disconnect' | 'listTopics' | 'createTopics' | 'fetchTopicMetadata' | 'fetchOffsets' | 'fetchTopicOffsets' | 'setOffsets' | 'deleteGroups' | 'listGroups' | 'describeGroups'>;

export type KafkaProducer = Pick<Producer, 'connect' | 'disconnect' | 'send'>;

/** A group consumer: lifecycle, subscription, run, and the instrumentation events the services watch. */
export interface KafkaConsumer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  subscribe(subscription: ConsumerSubscribeTopic | ConsumerSubscribeTopics): Promise<void>;
  run(config?: ConsumerRunConfig): Promise<void>;
  on(eventName: string, listener: (event: { payload: any }) => void): unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly events: { readonly GROUP_JOIN: string; readonly REBALANCING: string; readonly FETCH: string; readonly CRASH: string; readonly END_BATCH_PROCESS: string };
  /** Commits these offsets (the next offset to read) under the member's current generation. */
  commitOffsets?(offsets: TopicPartitionOffset[]): Promise<void>;
  /** Moves the fetch position of a partition this member holds (applied at its next fetch). */
  seek?(target: TopicPartitionOffset): void;
}

/** A partition's offset: for a commit or a seek, the next offset to read. */
export interface TopicPartitionOffset { topic: string; partition: number; offset: string }

/**
 * Creates the topics that do not exist yet and waits until every partition has a leader
 * (idempotent; safe with several replicas starting). Right after creation Kafka 4 may
 * still answer UNKNOWN_TOPIC_OR_PARTITION for a moment: that is retried, not fatal.
 */
export async function ensureTopics(admin: Pick<Admin, 'listTopics' | 'createTopics' | 'fetchTopicMetadata'>, topics: string[], numPartitions: number, configEntries: { name: string; value: string }[] = []): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    try {
      await admin.createTopics({ waitForLeaders: false, topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: -1, configEntries })) });
    } catch (err) {
      // Another replica created it between list and create.
      if ((err as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw err;
    }
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      if (meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (err) {
      if (!(err as { retriable?: boolean }).retriable || Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leaders after 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ConsumerSlot {
  /** False once the service is stopping: no replacement then. */
  running(): boolean;
  /** Takes the current consumer out of service (the caller's variable becomes null). */
  take(): { disconnect(): Promise<void> } | null;
  /** Creates, subscribes and runs a new consumer, and puts it in service. */
  start(): Promise<void>;
  log: Logger;
}

/**
 * kafkajs restarts a consumer only after retriable errors; after e.g. "failed to find group
 * coordinator" (a restarted broker still loading its groups) it gives up and the service
 * would sit idle. This disconnects the old consumer and starts a new one, with backoff.
 */
export function replaceConsumer(slot: ConsumerSlot, attempt = 1): void {
  if (!slot.running()) return;
  const old = slot.take();
  void (async () => {
    await old?.disconnect().catch(() => undefined);
    await slot.start();
    slot.log.warn({ attempt }, 'consumer replaced after a non-retriable crash');
  })().catch((err: unknown) => {
    slot.log.warn({ err, attempt }, 'consumer replacement failed; retrying');
    setTimeout(() => replaceConsumer(slot, attempt + 1), Math.min(30_000, 1000 * 2 ** attempt));
  });
}

/** Topic configs for retention by policy: at least 7 days, bounded per partition on disk. */
export const retentionConfig = (r: { ms: number; bytes: number }) => [
  { name: 'retention.ms', value: String(r.ms) },
  { name: 'retention.bytes', value: String(r.bytes) },
];

/** Defaults when no config is given: 7 days, 8 GiB per partition (see README, Guarantees). */
export const DEFAULT_RETENTION = { ms: 7 * 24 * 3600_000, bytes: 8 * 1024 ** 3 };

/** The Kafka protocol error type (e.g. MESSAGE_TOO_LARGE) behind a kafkajs error, through its causes. */
export function kafkaErrorType(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length > 0) {
    const e = stack.pop() as { type?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown } | null;
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    if (typeof e.type === 'string') return e.type;
    stack.push(e.cause, e.originalError);
    if (Array.isArray(e.errors)) stack.push(...(e.errors as unknown[]));
  }
  return undefined;
}

/**
 * Produce errors that are about the record itself: retrying the same bytes can never
 * succeed, so the record goes to the dead-letter topic instead. Every other produce error
 * (broker down, authorization, unknown topic) is the operator's to fix: retried with
 * back-pressure, never dead-lettered.
 */
export const PERMANENT_RECORD_ERRORS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE', 'INVALID_RECORD_BATCH']);

/** Smallest `max.message.bytes` of `topics` (the topic override or the broker default). */
export async function maxMessageBytes(admin: Admin, topics: string[]): Promise<number> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: 2 /* ConfigResourceTypes.TOPIC (a CJS enum, not an ESM named export) */, name, configNames: ['max.message.bytes'] })),
  });
  const values = resources.map((r) => Number(r.configEntries.find((c) => c.configName === 'max.message.bytes')?.configValue));
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) throw new Error(`max.message.bytes of ${topics.join(', ')} is unknown`);
  return Math.min(...values);
}
