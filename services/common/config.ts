import { existsSync } from 'node:fs';
import { z } from 'zod';
import { loadEnv } from './env-file.js';
import { VitalsError } from './errors.js';

/**
 * Parses env with one zod schema per service: defaults live in the schema, every
 * problem is reported at once, and the result is frozen.
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): Readonly<z.infer<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new VitalsError('CONFIG_ERR_INVALID', `invalid configuration: ${problems}`);
  }
  return Object.freeze(result.data);
}

const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const bool = z.enum(['true', 'false', '1', '0']).transform((s) => s === 'true' || s === '1');

export const mqttSchema = {
  MQTT_URL: z.string().url(),
  MQTT_USERNAME: z.string().min(1).optional(),
  MQTT_PASSWORD: z.string().min(1).optional(),
  MQTT_CA_FILE: z.string().optional(),
};

export const kafkaSchema = {
  KAFKA_BROKERS: csv.pipe(z.array(z.string()).min(1)),
  KAFKA_CLIENT_ID: z.string().default('vitals'),
  KAFKA_SSL: bool.default(false),
  /** CA certificate (PEM) to trust for KAFKA_SSL, e.g. a private CA; default: the system's. */
  KAFKA_CA_FILE: z.string().optional(),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  KAFKA_TOPIC_VITALS: z.string().default('vitals.v1.samples'),
  KAFKA_TOPIC_STATUS: z.string().default('vitals.v1.device-status'),
  KAFKA_TOPIC_DEAD_LETTER: z.string().default('vitals.v1.dead-letter'),
  KAFKA_TOPIC_ALERTS: z.string().default('vitals.v1.alerts'),
  /** Compacted registry topics (issue 15): key patient id / device id, written only by the API. */
  KAFKA_TOPIC_PATIENTS: z.string().default('vitals.v1.patients'),
  KAFKA_TOPIC_ASSIGNMENTS: z.string().default('vitals.v1.assignments'),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().positive().default(6),
  /** How long the vitals, status and dead-letter topics keep records (set when a service creates them). @defaultValue 7 days (ms) */
  KAFKA_RETENTION_MS: z.coerce.number().int().min(7 * 24 * 3600_000, 'at least 7 days (issue 16)').default(7 * 24 * 3600_000),
  /** Disk bound per partition of those topics. @defaultValue 8 GiB */
  KAFKA_RETENTION_BYTES: z.coerce.number().int().positive().default(8 * 1024 ** 3),
};

export const influxSchema = {
  INFLUX_URL: z.string().url(),
  INFLUX_TOKEN: z.string().min(1),
  INFLUX_ORG: z.string().min(1),
  INFLUX_BUCKET: z.string().min(1),
  /** Least privilege: when set, writers use this (write-only) token and readers the read-only one. */
  INFLUX_WRITE_TOKEN: z.string().optional(),
  INFLUX_READ_TOKEN: z.string().optional(),
};

export const opsSchema = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Port of the /metrics, /healthz and /readyz server; 0 picks a free one. */
  OPS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  OPS_HOST: z.string().default('127.0.0.1'),
};

export type KafkaConfig = z.infer<z.ZodObject<typeof kafkaSchema>>;
export type InfluxConfig = z.infer<z.ZodObject<typeof influxSchema>>;
export type MqttConfig = z.infer<z.ZodObject<typeof mqttSchema>>;

/**
 * For composition roots only: the process env over the stack file (`VITALS_STACK_ENV`,
 * default `.stack/services/<service>.env` if present, else `.stack/env`), parsed with `schema`; on a problem, one line and exit 1.
 */
export function configOrExit<S extends z.ZodType>(service: string, schema: S, processEnv: NodeJS.ProcessEnv): Readonly<z.infer<S>> {
  try {
    // Each service reads its own file (only its own credentials, issue 16) when the stack wrote one.
    const own = `.stack/services/${service}.env`;
    return parseConfig(schema, loadEnv(processEnv, processEnv.VITALS_STACK_ENV ?? (existsSync(own) ? own : '.stack/env')));
  } catch (err) {
    console.error(`${service}: ${(err as Error).message}`);
    process.exit(1);
  }
}
