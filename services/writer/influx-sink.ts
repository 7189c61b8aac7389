import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { clip } from '../common/dead-letter.js';
import { isRetriable } from '../common/errors.js';
import type { InfluxWriter } from '../common/influx-writer.js';
import type { KafkaProducer } from '../common/kafka.js';
import { batchToText } from '../common/line-protocol.js';
import type { Logger } from '../common/logger.js';
import { VitalsBatch } from '../common/proto.js';
import { backoffDelay, sleep } from '../common/retry.js';
import { idsValid } from '../common/topics.js';
import { GroupWrite } from './group-write.js';

export interface InfluxSinkOptions {
  topics: { vitals: string; deadLetter: string };
  /** Lines per InfluxDB request. @defaultValue 5000 */
  batchLines: number;
  /** InfluxDB write requests in flight at once. @defaultValue 2 */
  influxInFlight?: number;
}

export interface InfluxSinkDeps {
  options: InfluxSinkOptions;
  influx: InfluxWriter;
  /** The host's producer, for the dead-letter topic. */
  producer: () => KafkaProducer;
  /** False once the service is stopping: a failing write stops retrying. */
  running: () => boolean;
  log: Logger;
  registry: Registry;
}

/**
 * Vitals records into InfluxDB points. Offsets are resolved only after InfluxDB's 204, in
 * chunks of whole records; a record that can never be written (undecodable, ids outside the
 * alphabet, a 4xx for its lines) goes to the dead-letter topic; InfluxDB down or refusing the
 * token holds the offsets and retries with back-pressure.
 */
export function createInfluxSink({ options, influx, producer, running, log, registry }: InfluxSinkDeps) {
  const points = new Counter({ name: 'vitals_writer_points_total', help: 'Points accepted by InfluxDB', registers: [registry] });
  const records = new Counter({ name: 'vitals_writer_records_total', help: 'Kafka records handled, by result', labelNames: ['result'], registers: [registry] });
  const retries = new Counter({ name: 'vitals_writer_influx_retries_total', help: 'InfluxDB write retries', registers: [registry] });
  const writeSeconds = new Histogram({ name: 'vitals_writer_influx_write_seconds', help: 'InfluxDB write time', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10], registers: [registry] });
  const storedSeconds = new Histogram({ name: 'vitals_writer_stored_seconds', help: 'Ingest receive (MQTT) to InfluxDB 204, per record', buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [registry] });
  const backpressure = new Gauge({ name: 'vitals_writer_backpressure', help: '1 while InfluxDB is not accepting writes', registers: [registry] });
  const refused = new Gauge({ name: 'vitals_writer_influx_access_refused', help: 'HTTP status (401/403/404) while InfluxDB refuses the token or bucket, else 0: an operator must act', registers: [registry] });

  let influxFailing = false;
  /** 401/403/404 from InfluxDB while it lasts: the operator's to fix (token, bucket). */
  let accessRefused: number | null = null;

  // Partitions consumed at once share requests: fewer, larger writes cost InfluxDB far less.
  const shared = new GroupWrite((lines) => influx.write(lines), options.batchLines, options.influxInFlight ?? 2);

  /** `texts`: line protocol, a batch's lines each (`count` lines in all). */
  async function writeWithRetry(texts: string[], count: number, heartbeat: () => Promise<void>, isRunning: () => boolean, alone = false): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const t0 = Date.now();
      try {
        await (alone ? influx.write(texts) : shared.write(texts, count));
        writeSeconds.observe((Date.now() - t0) / 1000);
        if (influxFailing) log.info({ attempt }, 'influxdb accepting again');
        influxFailing = false;
        accessRefused = null;
        refused.set(0);
        backpressure.set(0);
        return;
      } catch (err) {
        if (!isRetriable(err) || !isRunning() || !running()) throw err;
        const status = (err as { operator?: boolean; statusCode?: number }).operator ? (err as { statusCode: number }).statusCode : null;
        if (status !== null && accessRefused !== status) {
          // An alarm for the operator, not a record problem: nothing is dead-lettered.
          log.error({ err, status }, 'influxdb refuses the writer token or bucket; offsets held until fixed');
          accessRefused = status;
          refused.set(status);
        } else if (!influxFailing) log.warn({ err }, 'influxdb write failed; retrying, offsets held');
        influxFailing = true;
        backpressure.set(1);
        retries.inc();
        await sleep(backoffDelay(attempt, 250, 3_000));
        await heartbeat().catch(() => undefined);
      }
    }
  }

  async function deadLetter(message: KafkaMessage, partition: number, reason: string, detail: string): Promise<void> {
    records.inc({ result: 'dead-letter' });
    log.warn({ partition, offset: message.offset, reason }, 'record dead-lettered');
    await producer().send({
      topic: options.topics.deadLetter,
      acks: -1,
      messages: [{
        key: message.key,
        value: message.value,
        headers: { ...message.headers, reason, detail: clip(detail), 'source-topic': options.topics.vitals, 'source-partition': String(partition), 'source-offset': message.offset, 'failed-at-ms': String(Date.now()) },
      }],
    });
  }

  async function eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const decoded: { message: KafkaMessage; text: string; lines: number }[] = [];
    for (const message of batch.messages) {
      try {
        if (!message.value) throw new Error('empty record');
        const b = VitalsBatch.decode(message.value);
        // Kafka is not a trust boundary we control alone: ids reach tags only in the documented alphabet.
        if (!idsValid(b.deviceId, b.patientId || null)) throw new Error('device_id or patient_id outside the id alphabet');
        const { text, lines } = batchToText(b);
        decoded.push({ message, text, lines });
      } catch (err) {
        decoded.push({ message, text: '', lines: 0 });
        await deadLetter(message, batch.partition, 'WRITER_ERR_RECORD', (err as Error).message);
      }
    }
    // Write in chunks of whole records; commit after each accepted chunk.
    let chunk: typeof decoded = [];
    let chunkLines = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      const texts: string[] = [];
      for (const d of chunk) if (d.lines > 0) texts.push(d.text);
      try {
        await writeWithRetry(texts, chunkLines, heartbeat, isRunning);
        points.inc(chunkLines);
        records.inc({ result: 'written' }, chunk.length);
        const now = Date.now();
        for (const d of chunk) {
          const receivedAt = Number(d.message.headers?.['received-at-ms']?.toString());
          if (receivedAt > 0) storedSeconds.observe(Math.max(0, now - receivedAt) / 1000);
        }
      } catch (err) {
        if (isRetriable(err)) throw err; // stopping: offsets stay uncommitted, another member retries
        // 4xx for the request: find the records that can never be written, one by one
        // (alone: not mixed with other partitions' lines).
        for (const d of chunk) {
          try {
            await writeWithRetry(d.lines > 0 ? [d.text] : [], d.lines, heartbeat, isRunning, true);
            points.inc(d.lines);
            records.inc({ result: 'written' });
          } catch (e) {
            if (isRetriable(e)) throw e;
            await deadLetter(d.message, batch.partition, 'WRITER_ERR_RECORD', (e as Error).message);
          }
        }
      }
      resolveOffset(chunk[chunk.length - 1]!.message.offset); // committed by kafkajs after the batch
      await heartbeat();
      chunk = [];
      chunkLines = 0;
    };
    for (const d of decoded) {
      if (!isRunning() || isStale()) break;
      if (chunkLines + d.lines > options.batchLines && chunk.length > 0) await flush();
      chunk.push(d);
      chunkLines += d.lines;
    }
    if (isRunning() && !isStale()) await flush();
  }

  return {
    eachBatch,
    /** Why InfluxDB is not taking the writes, if it is not. */
    readiness(): string[] {
      if (accessRefused !== null) return [`influxdb refuses the token or bucket (HTTP ${accessRefused}): check INFLUX_WRITE_TOKEN and INFLUX_BUCKET`];
      return influxFailing ? ['influxdb not accepting writes (back-pressure)'] : [];
    },
  };
}
