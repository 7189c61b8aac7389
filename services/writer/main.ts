// Composition root of `vitals writer`: config, clients and the writer (app.ts) under runService.
// The writer owns storage: every vitals record reaches InfluxDB, or the dead-letter topic.
import { z } from 'zod';
import { influxSchema, kafkaSchema, opsSchema, configOrExit } from '../common/config.js';
import { createKafka } from '../common/kafka.js';
import { createLogger } from '../common/logger.js';
import { runService } from '../common/run-service.js';
import { createWriter } from './app.js';
import { createInfluxWriter } from '../common/influx-writer.js';

const schema = z.object({
  ...kafkaSchema,
  ...influxSchema,
  ...opsSchema,
  WRITER_GROUP_ID: z.string().default('vitals-writer'),
  WRITER_BATCH_LINES: z.coerce.number().int().positive().default(5000),
  WRITER_FLUSH_INTERVAL_MS: z.coerce.number().int().positive().default(250),
  WRITER_CONCURRENCY: z.coerce.number().int().positive().default(6),
  WRITER_INFLUX_IN_FLIGHT: z.coerce.number().int().min(1).max(16).default(2),
  INFLUX_GZIP: z.enum(['auto', 'true', 'false']).default('auto'),
});

export async function main(): Promise<void> {
  const config = configOrExit('writer', schema, process.env);
  const log = createLogger({ name: 'writer', level: config.LOG_LEVEL });
  const writer = createWriter({
    kafka: createKafka({ ...config, KAFKA_CLIENT_ID: `${config.KAFKA_CLIENT_ID}-writer` }, log),
    influx: createInfluxWriter({ url: config.INFLUX_URL, token: config.INFLUX_WRITE_TOKEN || config.INFLUX_TOKEN, org: config.INFLUX_ORG, bucket: config.INFLUX_BUCKET, timeoutMs: 10_000, gzip: config.INFLUX_GZIP === 'auto' ? 'auto' : config.INFLUX_GZIP === 'true' }),
    log,
    options: {
      groupId: config.WRITER_GROUP_ID,
      topics: { vitals: config.KAFKA_TOPIC_VITALS, deadLetter: config.KAFKA_TOPIC_DEAD_LETTER },
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      batchLines: config.WRITER_BATCH_LINES,
      flushIntervalMs: config.WRITER_FLUSH_INTERVAL_MS,
      concurrency: config.WRITER_CONCURRENCY,
      influxInFlight: config.WRITER_INFLUX_IN_FLIGHT,
      retention: { ms: config.KAFKA_RETENTION_MS, bytes: config.KAFKA_RETENTION_BYTES },
    },
  });
  await runService('writer', writer, log, { host: config.OPS_HOST, port: config.OPS_PORT });
}
