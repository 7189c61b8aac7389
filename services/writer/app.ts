// The writer: the shared consumer host (services/common/consumer-host.ts) on the vitals topic
// plus an InfluxDB sink (influx-sink.ts). Offsets move only after InfluxDB's 204; records that
// can never be written go to the dead-letter topic.
import { Registry } from 'prom-client';
import { collectProcessMetrics } from '../common/process-metrics.js';
import { createConsumerHost } from '../common/consumer-host.js';
import type { InfluxWriter } from '../common/influx-writer.js';
import { DEFAULT_RETENTION, retentionConfig, type KafkaClient } from '../common/kafka.js';
import type { Logger } from '../common/logger.js';
import { createInfluxSink } from './influx-sink.js';

export interface WriterOptions {
  groupId: string;
  topics: { vitals: string; deadLetter: string };
  partitions: number;
  /** Lines per InfluxDB request. @defaultValue 5000 */
  batchLines: number;
  /** Longest a fetch waits for more records (the flush interval). @defaultValue 250 (ms) */
  flushIntervalMs: number;
  /** Partitions handled at once; their lines share InfluxDB requests. @defaultValue 6 */
  concurrency: number;
  /** InfluxDB write requests in flight at once. @defaultValue 2 */
  influxInFlight?: number;
  /** Retention of the topics the writer creates if they are missing. @defaultValue 7 days, 8 GiB per partition */
  retention?: { ms: number; bytes: number };
}

export interface WriterDeps {
  options: WriterOptions;
  kafka: KafkaClient;
  influx: InfluxWriter;
  log: Logger;
  registry?: Registry;
}

export function createWriter({ options, kafka, influx, log, registry = new Registry() }: WriterDeps) {
  collectProcessMetrics(registry, 'vitals_writer_');
  const sink = createInfluxSink({ options, influx, producer: () => host.producer(), running: () => host.running(), log, registry });
  const host = createConsumerHost({
    kafka, log, registry,
    eachBatch: sink.eachBatch,
    options: {
      groupId: options.groupId,
      metricPrefix: 'vitals_writer',
      topics: [{ topics: [options.topics.vitals, options.topics.deadLetter], partitions: options.partitions, configEntries: retentionConfig(options.retention ?? DEFAULT_RETENTION) }],
      subscribe: [options.topics.vitals],
      concurrency: options.concurrency,
      // A crashed member's partitions move on within 20 s; a write attempt (10 s timeout) plus a backoff (<= 3 s) stays within it.
      // A fetch waits up to the flush interval for 64 KiB (kafkajs's default minBytes is 1 byte):
      // fewer, larger InfluxDB writes and offset commits (issue 17's profile); a writer that is
      // behind never waits.
      consumer: { maxWaitTimeInMs: options.flushIntervalMs, minBytes: 64 * 1024, sessionTimeout: 20_000, heartbeatInterval: 1_000 },
      // Idle (a fetch brought nothing): the next asks for the first record and waits up to the
      // heartbeat, 1 fetch a second instead of 4; a record arriving then is fetched at once.
      idleFetchWaitMs: 1_000,
    },
  });

  return {
    registry,
    async start() {
      await host.start();
      log.info({ group: options.groupId }, 'writer started');
    },
    readiness: () => [...host.readiness(), ...sink.readiness()],
    async stop() {
      await host.stop();
      influx.close();
      log.info({}, 'writer stopped');
    },
  };
}
