// Composition root of `vitals api`.
import { hostname } from 'node:os';
import { InfluxDB } from '@influxdata/influxdb-client';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { influxSchema, kafkaSchema, configOrExit } from '../common/config.js';
import { createDynsec, type Dynsec } from '../common/dynsec.js';
import { createKafka, ensureTopics } from '../common/kafka.js';
import { createLogger } from '../common/logger.js';
import { buildApi } from './app.js';
import { createDeviceRegistry } from './device-registry.js';
import { createLiveView } from './live-view.js';

const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const schema = z.object({
  ...kafkaSchema,
  ...influxSchema,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  MQTT_CA_FILE: z.string().optional(),
  MQTT_REGISTRY_USERNAME: z.string().default('registry'),
  MQTT_REGISTRY_PASSWORD: z.string().optional(),
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
  let dynsec: Dynsec | undefined;
  try {
    if (config.MQTT_URL && config.MQTT_REGISTRY_PASSWORD) {
      dynsec = await createDynsec({ url: config.MQTT_URL, caFile: config.MQTT_CA_FILE, username: config.MQTT_REGISTRY_USERNAME, password: config.MQTT_REGISTRY_PASSWORD });
    }
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, Object.values(topics), config.KAFKA_TOPIC_PARTITIONS);
    // Created as the alert worker creates it (compacted), should the API start first.
    await ensureTopics(admin, [config.KAFKA_TOPIC_ALERT_STATE], config.KAFKA_TOPIC_PARTITIONS, [{ name: 'cleanup.policy', value: 'compact' }]);
    await admin.disconnect();
    await producer.connect();
    await view.start();
  } catch (err) {
    console.error(`api: cannot start: ${(err as Error).message}. Check that Kafka and Mosquitto are up (npm run stack -- status), KAFKA_BROKERS, MQTT_URL and MQTT_REGISTRY_PASSWORD.`);
    process.exit(1);
  }
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
  const app = buildApi({
    log,
    registry,
    workerLag,
    view,
    ...(dynsec ? { devices: createDeviceRegistry(dynsec) } : {}),
    producer,
    query: new InfluxDB({ url: config.INFLUX_URL, token: config.INFLUX_READ_TOKEN || config.INFLUX_TOKEN, timeout: 30_000 }).getQueryApi(config.INFLUX_ORG),
    options: { bucket: config.INFLUX_BUCKET, tokens: { clinician: config.API_CLINICIAN_TOKEN, operator: config.API_OPERATOR_TOKEN }, commandsTopic: topics.commands, news2FreshMs: config.ALERTS_NEWS2_FRESH_MS, monitoringStaleMs: config.API_MONITORING_STALE_MS },
  });
  const address = await app.listen({ host: config.API_HOST, port: config.API_PORT });
  log.info({ address }, 'api listening');
  const shutdown = async () => {
    await app.close();
    await view.stop();
    await producer.disconnect();
    await dynsec?.close().catch(() => undefined);
    if (adminConnected) await admin.disconnect().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}
