// Composition root of `vitals writer`.
import { z } from 'zod';
import { influxSchema, kafkaSchema, opsSchema, parseConfig } from '../common/config.js';
import { loadEnv } from '../common/env-file.js';
import { createKafka } from '../common/kafka.js';
import { createLogger } from '../common/logger.js';
import { runService } from '../common/run-service.js';
import { createWriter } from './app.js';
import { createInfluxWriter } from './influx-writer.js';

const schema = z.object({
  ...kafkaSchema,
  ...influxSchema,
  ...opsSchema,
  WRITER_GROUP_ID: z.string().default('vitals-writer'),
  WRITER_BATCH_LINES: z.coerce.number().int().positive().default(5000),
  WRITER_FLUSH_INTERVAL_MS: z.coerce.number().int().positive().default(250),
});

export async function main(): Promise<void> {
  const env = loadEnv(process.env, process.env.VITALS_STACK_ENV ?? '.stack/env');
  let config: z.infer<typeof schema>;
  try {
    config = parseConfig(schema, env);
  } catch (err) {
    console.error(`writer: ${(err as Error).message}`);
    process.exit(1);
  }
  const log = createLogger({ name: 'writer', level: config.LOG_LEVEL });
  const writer = createWriter({
    kafka: createKafka({ ...config, KAFKA_CLIENT_ID: `${config.KAFKA_CLIENT_ID}-writer` }, log),
    influx: createInfluxWriter({ url: config.INFLUX_URL, token: config.INFLUX_WRITE_TOKEN || config.INFLUX_TOKEN, org: config.INFLUX_ORG, bucket: config.INFLUX_BUCKET, timeoutMs: 10_000 }),
    log,
    options: {
      groupId: config.WRITER_GROUP_ID,
      topics: { vitals: config.KAFKA_TOPIC_VITALS, deadLetter: config.KAFKA_TOPIC_DEAD_LETTER },
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      batchLines: config.WRITER_BATCH_LINES,
      flushIntervalMs: config.WRITER_FLUSH_INTERVAL_MS,
    },
  });
  await runService('writer', writer, log, { host: config.OPS_HOST, port: config.OPS_PORT });
}
