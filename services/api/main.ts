// The clinician API owns the ward's view of the pipeline (REST, live stream, FHIR export, the
// dashboard) and every human action on it: alert commands, limits, observations, admissions,
// accounts and devices, each audited first. This is its composition root: config, clients, and
// the app (app.ts) under runService (/metrics /healthz /readyz on OPS_PORT, drain on SIGTERM).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { InfluxDB } from '@influxdata/influxdb-client';
import { Registry } from 'prom-client';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { influxSchema, kafkaSchema, opsSchema, configOrExit } from '../common/config.js';
import { createDynsec } from '../common/dynsec.js';
import { createKafka, ensureTopics } from '../common/kafka.js';
import { createLogger } from '../common/logger.js';
import { runService, type RunnableService } from '../common/run-service.js';
import { createAccountStore } from './accounts.js';
import { buildApi } from './app.js';
import { AUDIT_RETENTION_MS, createAuditTrail } from './audit.js';
import { createDeviceRegistry, type RegistryShard } from './device-registry.js';
import { createLiveView } from './live-view.js';
import { createSessions } from './sessions.js';
import { createPatientRegistry } from '../common/patient-registry.js';
import { createPatientStore } from './patient-store.js';

const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const schema = z.object({
  ...kafkaSchema,
  ...influxSchema,
  ...opsSchema,
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  API_CLINICIAN_TOKEN: csv.pipe(z.array(z.string().min(16, 'tokens need at least 16 characters'))).default([]),
  API_OPERATOR_TOKEN: csv.pipe(z.array(z.string().min(16, 'tokens need at least 16 characters'))).default([]),
  KAFKA_TOPIC_ALERT_COMMANDS: z.string().default('vitals.v1.alert-commands'),
  KAFKA_TOPIC_ALERT_STATE: z.string().default('vitals.v1.alert-state'),
  ALERTS_NEWS2_FRESH_MS: z.coerce.number().int().positive().default(300_000),
  /** The alert worker's consumer group: its lag on the vitals topic is part of "monitoring interrupted". */
  ALERTS_GROUP_ID: z.string().default('vitals-alerts'),
  API_MONITORING_STALE_MS: z.coerce.number().int().positive().default(10_000),
  /** The device registry's broker account (dynamic-security control topic); without it no registry routes. */
  MQTT_URL: z.string().optional(),
  /** The brokers of a sharded fleet, comma-separated (issue 17); new devices go to the least-loaded one. @defaultValue MQTT_URL */
  MQTT_SHARD_URLS: z.string().optional(),
  MQTT_CA_FILE: z.string().optional(),
  MQTT_REGISTRY_USERNAME: z.string().default('registry'),
  MQTT_REGISTRY_PASSWORD: z.string().optional(),
  // People (issue 15): named accounts, their sessions, the audit trail, patients' wards.
  KAFKA_TOPIC_ACCOUNTS: z.string().default('vitals.v1.accounts'),
  KAFKA_TOPIC_AUDIT: z.string().default('vitals.v1.audit'),
  /** HMAC key of session tokens, the same on every replica; without it one is made per process (sessions die with it). */
  API_SESSION_SECRET: z.string().min(32, 'API_SESSION_SECRET needs at least 32 characters').optional(),
  API_SESSION_ABSOLUTE_MS: z.coerce.number().int().positive().default(12 * 3_600_000),
  API_SESSION_IDLE_MS: z.coerce.number().int().positive().default(30 * 60_000),
  /** Patients the live view keeps in memory at most (issue 16); never forgets one with an open alert. @defaultValue 50000 */
  API_MAX_PATIENTS: z.coerce.number().int().positive().default(50_000),
  /** A patient with no reading or alert this long (and no open alert or limits) is forgotten. @defaultValue 24 h (ms) */
  API_PATIENT_ABSENT_MS: z.coerce.number().int().positive().default(24 * 3600_000),
}).refine((c) => c.API_CLINICIAN_TOKEN.length + c.API_OPERATOR_TOKEN.length > 0, 'set API_CLINICIAN_TOKEN and/or API_OPERATOR_TOKEN');

export async function main(): Promise<void> {
  const config = configOrExit('api', schema, process.env);
  const log = createLogger({ name: 'api', level: config.LOG_LEVEL });
  const kafka = createKafka({ ...config, KAFKA_CLIENT_ID: `${config.KAFKA_CLIENT_ID}-api` }, log);
  const topics = { alerts: config.KAFKA_TOPIC_ALERTS, status: config.KAFKA_TOPIC_STATUS, commands: config.KAFKA_TOPIC_ALERT_COMMANDS, vitals: config.KAFKA_TOPIC_VITALS };
  const registry = new Registry();
  const view = createLiveView({
    kafka, log, registry, topics: { ...topics, state: config.KAFKA_TOPIC_ALERT_STATE }, instanceId: `vitals-api-${hostname()}-${process.pid}`,
    bound: { maxPatients: config.API_MAX_PATIENTS, absentMs: config.API_PATIENT_ABSENT_MS },
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  /** Records the alert worker has yet to evaluate on the vitals topic (committed offsets vs ends). */
  const admin = kafka.admin();
  let adminConnected = false;
  const workerLag = async (): Promise<number | null> => {
    if (!adminConnected) { await admin.connect(); adminConnected = true; }
    const [committed] = await admin.fetchOffsets({ groupId: config.ALERTS_GROUP_ID, topics: [topics.vitals] });
    if (!committed || committed.partitions.every((p) => Number(p.offset) < 0)) return null; // no worker has committed yet
    const ends = await admin.fetchTopicOffsets(topics.vitals);
    const done = new Map(committed.partitions.map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce((n, e) => n + Math.max(0, Number(e.high) - Math.max(done.get(e.partition) ?? 0, Number(e.low))), 0);
  };
  // The API starts lazily (under runService's retry): the device registry needs the broker,
  // the routes need the topics, the producer and the live view.
  const instanceId = `vitals-api-${hostname()}-${process.pid}`;
  const accounts = createAccountStore({ kafka, producer, topic: config.KAFKA_TOPIC_ACCOUNTS, groupId: `${instanceId}-accounts`, log });
  const trail = createAuditTrail({ kafka, producer, topic: config.KAFKA_TOPIC_AUDIT, groupId: `${instanceId}-audit`, log });
  const patientTopics = { patients: config.KAFKA_TOPIC_PATIENTS, assignments: config.KAFKA_TOPIC_ASSIGNMENTS };
  // The patient registry (issue 15): admissions, wards (for ward-restricted accounts) and device assignments.
  const patients = createPatientRegistry({ kafka, log, topics: patientTopics, groupId: `vitals-api-patients-${hostname()}-${process.pid}` });
  if (!config.API_SESSION_SECRET) log.warn({}, 'api_session_secret unset: sessions are signed with a per-process key and end when it stops');
  const sessions = createSessions({ secret: config.API_SESSION_SECRET ?? randomBytes(32).toString('base64url'), absoluteMs: config.API_SESSION_ABSOLUTE_MS, idleMs: config.API_SESSION_IDLE_MS }, accounts);
  let shards: RegistryShard[] | undefined;
  let app: FastifyInstance | undefined;
  let viewStarted = false;
  let peopleStarted = false;
  const api: RunnableService = {
    registry,
    async start() {
      if (config.MQTT_URL && config.MQTT_REGISTRY_PASSWORD && !shards) {
        // A device is told its shard's endpoint only when the fleet is sharded; one broker keeps
        // the answer as it was (an endpoint as the API sees it may not be one devices can reach).
        const urls = (config.MQTT_SHARD_URLS ?? config.MQTT_URL).split(',').map((u) => u.trim()).filter(Boolean);
        shards = await Promise.all(urls.map(async (url, i) => ({ id: `shard-${i + 1}`, endpoint: config.MQTT_SHARD_URLS ? url : undefined, dynsec: await createDynsec({ url, caFile: config.MQTT_CA_FILE, username: config.MQTT_REGISTRY_USERNAME, password: config.MQTT_REGISTRY_PASSWORD! }) })));
      }
      const setup = kafka.admin();
      await setup.connect();
      try {
        await ensureTopics(setup, Object.values(topics), config.KAFKA_TOPIC_PARTITIONS);
        // Created as the alert worker creates it (compacted), should the API start first.
        await ensureTopics(setup, [config.KAFKA_TOPIC_ALERT_STATE], config.KAFKA_TOPIC_PARTITIONS, [{ name: 'cleanup.policy', value: 'compact' }]);
        await ensureTopics(setup, [config.KAFKA_TOPIC_ACCOUNTS], config.KAFKA_TOPIC_PARTITIONS, [{ name: 'cleanup.policy', value: 'compact' }]);
        await ensureTopics(setup, [config.KAFKA_TOPIC_AUDIT], 1, [{ name: 'cleanup.policy', value: 'delete' }, { name: 'retention.ms', value: String(AUDIT_RETENTION_MS) }]);
      } finally {
        await setup.disconnect();
      }
      await producer.connect();
      if (!viewStarted) { await view.start(); viewStarted = true; }
      if (!peopleStarted) { await Promise.all([accounts.start(), trail.start(), patients.start()]); peopleStarted = true; }
      app ??= buildApi({
        log,
        registry,
        workerLag,
        view,
        audit: trail.record,
        wards: patients,
        patients: { registry: patients, store: createPatientStore({ producer, registry: patients, topics: patientTopics }) },
        people: { accounts, sessions, trail },
        ...(shards ? { devices: createDeviceRegistry(shards) } : {}),
        producer,
        query: new InfluxDB({ url: config.INFLUX_URL, token: config.INFLUX_READ_TOKEN || config.INFLUX_TOKEN, timeout: 30_000 }).getQueryApi(config.INFLUX_ORG),
        options: { bucket: config.INFLUX_BUCKET, tokens: { clinician: config.API_CLINICIAN_TOKEN, operator: config.API_OPERATOR_TOKEN }, commandsTopic: topics.commands, news2FreshMs: config.ALERTS_NEWS2_FRESH_MS, monitoringStaleMs: config.API_MONITORING_STALE_MS },
      });
      const address = await app.listen({ host: config.API_HOST, port: config.API_PORT });
      log.info({ address }, 'api listening');
    },
    readiness: () => (app?.server.listening ? [] : ['not listening']),
    async stop() {
      // Live streams end (onClose), in-flight requests finish, then the clients close.
      await app?.close();
      await view.stop();
      await Promise.all([accounts.stop(), trail.stop(), patients.stop()]).catch(() => undefined);
      await producer.disconnect();
      for (const x of shards ?? []) await x.dynsec.close().catch(() => undefined);
      if (adminConnected) await admin.disconnect().catch(() => undefined);
    },
  };
  await runService('api', api, log, { host: config.OPS_HOST, port: config.OPS_PORT });
}
