// Composition root of `vitals alerts`: config, clients (Kafka, MQTT, InfluxDB) and the worker
// (app.ts) under runService. The alert worker owns every alarm: thresholds, NEWS2, technical
// alarms, acknowledgement, escalation and the compacted per-patient state.
import { readFileSync, watchFile } from 'node:fs';
import { z } from 'zod';
import { influxSchema, kafkaSchema, opsSchema, configOrExit } from '../common/config.js';
import { createKafka } from '../common/kafka.js';
import { createLogger } from '../common/logger.js';
import { connectMqtt } from '../common/mqtt.js';
import { runService } from '../common/run-service.js';
import { createInfluxWriter } from '../common/influx-writer.js';
import { createAlertWorker } from './app.js';
import { DEFAULT_ENGINE_CONFIG, type PatientState, type Per } from './engine.js';
import { DEFAULT_RULES, type Priority } from './limits.js';

/** "high=60000,medium=180000,low=0": ms per priority, all three required (0 = never). */
const perPriority = z.string().transform((text, ctx): Per<number> => {
  const out: Partial<Per<number>> = {};
  for (const part of text.split(',')) {
    const m = /^\s*(high|medium|low)\s*=\s*(\d+)\s*$/.exec(part);
    if (m) out[m[1] as Priority] = Number(m[2]);
  }
  if (out.high === undefined || out.medium === undefined || out.low === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected high=MS,medium=MS,low=MS' });
    return z.NEVER;
  }
  return out as Per<number>;
});

const schema = z.object({
  ...kafkaSchema,
  ...influxSchema,
  ...opsSchema,
  MQTT_URL: z.string().url().optional(),
  MQTT_ALERTS_USERNAME: z.string().optional(),
  MQTT_ALERTS_PASSWORD: z.string().optional(),
  MQTT_CA_FILE: z.string().optional(),
  KAFKA_TOPIC_ALERT_COMMANDS: z.string().default('vitals.v1.alert-commands'),
  KAFKA_TOPIC_ALERT_STATE: z.string().default('vitals.v1.alert-state'),
  ALERTS_GROUP_ID: z.string().default('vitals-alerts'),
  ALERTS_INACTIVITY_MS: z.coerce.number().int().positive().default(45_000),
  ALERTS_COOLDOWN_MS: z.coerce.number().int().min(0).default(DEFAULT_ENGINE_CONFIG.cooldownMs),
  ALERTS_NEWS2_FRESH_MS: z.coerce.number().int().positive().default(DEFAULT_ENGINE_CONFIG.news2FreshMs),
  ALERTS_LIMITS_FILE: z.string().optional(),
  ALERTS_WEBHOOK_URL: z.string().url().optional(),
  // Alarm model (issue 14; README "Alarm behaviour"). Per priority as "high=MS,medium=MS,low=MS".
  ALERTS_ACK_TIMEOUT_MS: perPriority.default({ ...DEFAULT_ENGINE_CONFIG.ackTimeoutMs }),
  ALERTS_ESCALATION_MS: perPriority.default({ ...DEFAULT_ENGINE_CONFIG.escalationMs }),
  ALERTS_LATCH_HIGH: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  ALERTS_BATTERY_LOW_PERCENT: z.coerce.number().min(0).max(100).default(DEFAULT_ENGINE_CONFIG.battery.low),
  ALERTS_BATTERY_CRITICAL_PERCENT: z.coerce.number().min(0).max(100).default(DEFAULT_ENGINE_CONFIG.battery.critical),
  ALERTS_SENSOR_OFF_MS: z.coerce.number().int().positive().default(DEFAULT_ENGINE_CONFIG.sensorOffMs),
  ALERTS_CLOCK_SKEW_MS: z.coerce.number().int().positive().default(DEFAULT_ENGINE_CONFIG.clockSkewMs),
  ALERTS_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  ALERTS_WEBHOOK_MAX_DELAY_MS: z.coerce.number().int().positive().default(30_000),
  /** Patients whose state the worker keeps at most (issue 16); never forgets one with an open alert or limits. @defaultValue 50000 */
  ALERTS_MAX_PATIENTS: z.coerce.number().int().positive().default(50_000),
  /** A patient with no record this long (and no open alert or limits) is forgotten, its state tombstoned. @defaultValue 24 h (ms) */
  ALERTS_PATIENT_ABSENT_MS: z.coerce.number().int().positive().default(24 * 3600_000),
  ALERTS_FETCH_MAX_WAIT_MS: z.coerce.number().int().min(0).max(1000).default(100),
  /** Longest the state of fetches that changed no alert stays unpersisted, offsets uncommitted (issue 17); 0 after every fetch. @defaultValue 1000 (ms) */
  ALERTS_STATE_DEFER_MS: z.coerce.number().int().min(0).max(5000).default(1000),
}).refine((c) => c.ALERTS_BATTERY_CRITICAL_PERCENT < c.ALERTS_BATTERY_LOW_PERCENT, 'ALERTS_BATTERY_CRITICAL_PERCENT must be below ALERTS_BATTERY_LOW_PERCENT')
  // A silent device raises "offline" after ALERTS_INACTIVITY_MS (an open alert keeps its patient):
  // its patient must not be forgotten before that.
  .refine((c) => c.ALERTS_PATIENT_ABSENT_MS >= 10 * c.ALERTS_INACTIVITY_MS, 'ALERTS_PATIENT_ABSENT_MS must be at least 10 x ALERTS_INACTIVITY_MS');

export async function main(): Promise<void> {
  const config = configOrExit('alerts', schema, process.env);
  const log = createLogger({ name: 'alerts', level: config.LOG_LEVEL });
  let fileOverrides: Record<string, PatientState['overrides']> = {};
  if (config.ALERTS_LIMITS_FILE) {
    const file = config.ALERTS_LIMITS_FILE;
    const load = () => {
      try {
        fileOverrides = JSON.parse(readFileSync(file, 'utf8')) as typeof fileOverrides;
        log.info({ patients: Object.keys(fileOverrides).length }, 'limit overrides loaded');
      } catch (err) {
        log.warn({ err }, 'limit overrides file unreadable; keeping the previous ones');
      }
    };
    load();
    watchFile(file, { interval: 2000 }, load);
  }
  const mqtt = config.MQTT_URL
    ? await connectMqtt({ url: config.MQTT_URL, caFile: config.MQTT_CA_FILE, username: config.MQTT_ALERTS_USERNAME, password: config.MQTT_ALERTS_PASSWORD, clientId: config.MQTT_ALERTS_USERNAME ?? `vitals-alerts-${process.pid}` })
      .catch((err: Error) => { console.error(`alerts: cannot connect to MQTT at ${config.MQTT_URL}: ${err.message}`); process.exit(1); })
    : null;
  const worker = createAlertWorker({
    kafka: createKafka({ ...config, KAFKA_CLIENT_ID: `${config.KAFKA_CLIENT_ID}-alerts` }, log),
    log,
    mqtt,
    influx: createInfluxWriter({ url: config.INFLUX_URL, token: config.INFLUX_WRITE_TOKEN || config.INFLUX_TOKEN, org: config.INFLUX_ORG, bucket: config.INFLUX_BUCKET }),
    options: {
      groupId: config.ALERTS_GROUP_ID,
      topics: {
        vitals: config.KAFKA_TOPIC_VITALS,
        status: config.KAFKA_TOPIC_STATUS,
        commands: config.KAFKA_TOPIC_ALERT_COMMANDS,
        state: config.KAFKA_TOPIC_ALERT_STATE,
        alerts: config.KAFKA_TOPIC_ALERTS,
        deadLetter: config.KAFKA_TOPIC_DEAD_LETTER,
      },
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      tickMs: 1000,
      fetchMaxWaitMs: config.ALERTS_FETCH_MAX_WAIT_MS,
      stateDeferMs: config.ALERTS_STATE_DEFER_MS,
      webhookUrl: config.ALERTS_WEBHOOK_URL,
      webhookRetry: { attempts: config.ALERTS_WEBHOOK_ATTEMPTS, maxDelayMs: config.ALERTS_WEBHOOK_MAX_DELAY_MS },
      fileOverrides: () => fileOverrides,
      patientBound: { maxPatients: config.ALERTS_MAX_PATIENTS, absentMs: config.ALERTS_PATIENT_ABSENT_MS },
      engine: {
        ...DEFAULT_ENGINE_CONFIG,
        rules: DEFAULT_RULES,
        inactivityMs: config.ALERTS_INACTIVITY_MS,
        cooldownMs: config.ALERTS_COOLDOWN_MS,
        news2FreshMs: config.ALERTS_NEWS2_FRESH_MS,
        ackTimeoutMs: config.ALERTS_ACK_TIMEOUT_MS,
        escalationMs: config.ALERTS_ESCALATION_MS,
        latchHigh: config.ALERTS_LATCH_HIGH,
        battery: { low: config.ALERTS_BATTERY_LOW_PERCENT, critical: config.ALERTS_BATTERY_CRITICAL_PERCENT, clear: Math.min(100, config.ALERTS_BATTERY_LOW_PERCENT + 5) },
        sensorOffMs: config.ALERTS_SENSOR_OFF_MS,
        clockSkewMs: config.ALERTS_CLOCK_SKEW_MS,
      },
    },
  });
  await runService('alerts', worker, log, { host: config.OPS_HOST, port: config.OPS_PORT });
}
