// Composition root of `vitals ingest` (MQTT -> Kafka, see app.ts): the only place that reads env
// and exits. The ingest owns the broker-facing side: subscriptions, validation, attribution.
import { z } from 'zod';
import { kafkaSchema, mqttSchema, opsSchema, configOrExit } from '../common/config.js';
import { createKafka } from '../common/kafka.js';
import { createLogger } from '../common/logger.js';
import { runService } from '../common/run-service.js';
import { DEFAULT_LIMITS } from '../common/validate.js';
import { createPatientRegistry } from '../common/patient-registry.js';
import { createIngest } from './app.js';
import { DEFAULT_DEVICE_LIMITS } from './device-limits.js';

const schema = z.object({
  ...mqttSchema,
  ...kafkaSchema,
  ...opsSchema,
  MQTT_CLIENT_ID: z.string().default('vitals-ingest-1'),
  MQTT_SHARE_GROUP: z.string().default('vitals-ingest'),
  MQTT_SUBSCRIPTION: z.enum(['shared', 'exclusive']).default('exclusive'),
  MQTT_KEEPALIVE_S: z.coerce.number().int().positive().default(30),
  INGEST_CONNECTIONS: z.coerce.number().int().min(1).max(64).default(8),
  // Issue 17: a produce request per message was the ingest's largest cost at low rates. A
  // record waits at most INGEST_LINGER_MS for company, less once INGEST_LINGER_RECORDS have come.
  INGEST_LINGER_MS: z.coerce.number().int().min(0).default(20),
  INGEST_LINGER_RECORDS: z.coerce.number().int().min(1).default(8),
  INGEST_MAX_BATCH: z.coerce.number().int().min(1).default(500),
  INGEST_MAX_PAYLOAD_BYTES: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxPayloadBytes),
  INGEST_MAX_SAMPLES: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxSamples),
  INGEST_MAX_FUTURE_MS: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.maxFutureMs),
  INGEST_DEAD_LETTER_COPY_BYTES: z.coerce.number().int().positive().default(DEFAULT_LIMITS.deadLetterCopyBytes!),
  /** The broker's max_packet_size (the local stack writes it); checked at start against INGEST_MAX_PAYLOAD_BYTES. */
  MQTT_MAX_PACKET_BYTES: z.coerce.number().int().positive().optional(),
  INGEST_DEVICE_RATE_PER_S: z.coerce.number().positive().default(DEFAULT_DEVICE_LIMITS.ratePerS),
  INGEST_DEVICE_BURST: z.coerce.number().int().min(1).default(DEFAULT_DEVICE_LIMITS.burst),
  INGEST_DEVICE_MAX_PATIENTS: z.coerce.number().int().min(1).default(DEFAULT_DEVICE_LIMITS.maxPatients),
  INGEST_DEVICE_PATIENT_WINDOW_MS: z.coerce.number().int().positive().default(DEFAULT_DEVICE_LIMITS.patientWindowMs),
  INGEST_MAX_DEVICES: z.coerce.number().int().min(1).default(DEFAULT_DEVICE_LIMITS.maxDevices),
  INGEST_MAX_AGE_MS: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxAgeMs),
});

export async function main(): Promise<void> {
  const config = configOrExit('ingest', schema, process.env);
  const log = createLogger({ name: 'ingest', level: config.LOG_LEVEL });
  const kafka = createKafka({ ...config, KAFKA_CLIENT_ID: `${config.KAFKA_CLIENT_ID}-ingest` }, log);
  const patients = createPatientRegistry({
    kafka, log,
    topics: { patients: config.KAFKA_TOPIC_PATIENTS, assignments: config.KAFKA_TOPIC_ASSIGNMENTS },
    // One per ingest replica (its client id is unique); stable, so a kill -9 leaves no new group behind.
    groupId: `${config.MQTT_CLIENT_ID}-patients`,
  });
  const ingest = createIngest({
    kafka,
    log,
    patients,
    options: {
      mqtt: { url: config.MQTT_URL, username: config.MQTT_USERNAME, password: config.MQTT_PASSWORD, caFile: config.MQTT_CA_FILE },
      clientId: config.MQTT_CLIENT_ID,
      connections: config.INGEST_CONNECTIONS,
      shareGroup: config.MQTT_SHARE_GROUP,
      subscription: config.MQTT_SUBSCRIPTION,
      keepaliveS: config.MQTT_KEEPALIVE_S,
      topics: { vitals: config.KAFKA_TOPIC_VITALS, status: config.KAFKA_TOPIC_STATUS, deadLetter: config.KAFKA_TOPIC_DEAD_LETTER },
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      limits: {
        maxPayloadBytes: config.INGEST_MAX_PAYLOAD_BYTES,
        maxSamples: config.INGEST_MAX_SAMPLES,
        maxFutureMs: config.INGEST_MAX_FUTURE_MS,
        maxAgeMs: config.INGEST_MAX_AGE_MS,
        deadLetterCopyBytes: config.INGEST_DEAD_LETTER_COPY_BYTES,
      },
      mqttMaxPacketBytes: config.MQTT_MAX_PACKET_BYTES,
      deviceLimits: { ratePerS: config.INGEST_DEVICE_RATE_PER_S, burst: config.INGEST_DEVICE_BURST, maxPatients: config.INGEST_DEVICE_MAX_PATIENTS, patientWindowMs: config.INGEST_DEVICE_PATIENT_WINDOW_MS, maxDevices: config.INGEST_MAX_DEVICES },
      retention: { ms: config.KAFKA_RETENTION_MS, bytes: config.KAFKA_RETENTION_BYTES },
      lingerMs: config.INGEST_LINGER_MS,
      lingerRecords: config.INGEST_LINGER_RECORDS,
      maxBatch: config.INGEST_MAX_BATCH,
    },
  });
  await runService('ingest', ingest, log, { host: config.OPS_HOST, port: config.OPS_PORT });
}
