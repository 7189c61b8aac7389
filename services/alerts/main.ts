// Composition root of `vitals alerts`.
import { readFileSync, watchFile } from 'node:fs';
import { z } from 'zod';
import { influxSchema, kafkaSchema, opsSchema, configOrExit } from '../common/config.js';
import { createKafka } from '../common/kafka.js';
import { createLogger } from '../common/logger.js';
import { connectMqtt } from '../common/mqtt.js';
import { runService } from '../common/run-service.js';
import { createInfluxWriter } from '../writer/influx-writer.js';
import { createAlertWorker } from './app.js';
import { DEFAULT_ENGINE_CONFIG, type PatientState } from './engine.js';
import { DEFAULT_RULES } from './limits.js';

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
  ALERTS_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  ALERTS_WEBHOOK_MAX_DELAY_MS: z.coerce.number().int().positive().default(30_000),
});

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
    ? await connectMqtt({ url: config.MQTT_URL, caFile: config.MQTT_CA_FILE, username: config.MQTT_ALERTS_USERNAME, password: config.MQTT_ALERTS_PASSWORD, clientId: `vitals-alerts-${process.pid}` })
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
      webhookUrl: config.ALERTS_WEBHOOK_URL,
      webhookRetry: { attempts: config.ALERTS_WEBHOOK_ATTEMPTS, maxDelayMs: config.ALERTS_WEBHOOK_MAX_DELAY_MS },
      fileOverrides: () => fileOverrides,
      engine: {
        ...DEFAULT_ENGINE_CONFIG,
        rules: DEFAULT_RULES,
        inactivityMs: config.ALERTS_INACTIVITY_MS,
        cooldownMs: config.ALERTS_COOLDOWN_MS,
        news2FreshMs: config.ALERTS_NEWS2_FRESH_MS,
      },
    },
  });
  await runService('alerts', worker, log, { host: config.OPS_HOST, port: config.OPS_PORT });
}
