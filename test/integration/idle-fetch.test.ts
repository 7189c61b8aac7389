// The idle fetch (services/common/kafkajs-idle-fetch.ts, issue 17 idle cost) against the real
// Kafka: an idle writer and an idle alert worker fetch about once a second (their batching
// settings fetched 4 and 10 times a second), and a record that arrives while they wait is
// handed to them at once, never later than their batching wait would have (250 / 100 ms).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Consumer } from 'kafkajs';
import { pino } from 'pino';
import { createInfluxWriter } from '../../services/common/influx-writer.js';
import { createWriter } from '../../services/writer/app.js';
import { startAlertWorker } from '../helpers/alert-worker.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { startPipeline, waitFor, type Pipeline } from '../helpers/pipeline.js';

/** Fetches (kafkajs FETCH events) and batch starts of the consumers of `groupId` made by `client`. */
function watch(client: { consumer: (config: { groupId: string }) => Consumer }, groupId: string) {
  const fetches: number[] = [];
  const batches: { partition: number; firstOffset: string; at: number }[] = [];
  const make = client.consumer.bind(client);
  client.consumer = ((config: { groupId: string }) => {
    const c = make(config);
    if (config.groupId === groupId) {
      c.on(c.events.FETCH, () => { fetches.push(Date.now()); });
      c.on(c.events.START_BATCH_PROCESS, (e) => { batches.push({ partition: e.payload.partition, firstOffset: e.payload.firstOffset, at: Date.now() }); });
    }
    return c;
  }) as typeof client.consumer;
  return {
    /** Fetches per second over the next `ms`. */
    async rate(ms: number): Promise<number> {
      const from = Date.now();
      await new Promise((r) => setTimeout(r, ms));
      return fetches.filter((t) => t >= from).length / (ms / 1000);
    },
    /** When the batch starting at this record was handed to the service. */
    handedAt: (partition: number, offset: string) => batches.find((b) => b.partition === partition && b.firstOffset === offset)?.at,
  };
}

/** Produces one record at a time, each after `gapMs` of silence; ms from its ack until the consumer had it. */
async function delays(p: Pipeline, seen: ReturnType<typeof watch>, gapMs: number, n: number): Promise<number[]> {
  const producer = p.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  p.cleanup(() => producer.disconnect());
  const out: number[] = [];
  for (let i = 1; i <= n; i++) {
    await new Promise((r) => setTimeout(r, gapMs));
    const [meta] = await producer.send({ topic: p.topics.vitals, acks: -1, messages: [{ key: 'pat-idle-1', value: Buffer.from(encodeBatch(makeBatch({ deviceId: 'dev-idle-1', patientId: 'pat-idle-1', sequence: i }))) }] });
    const acked = Date.now();
    const at = await waitFor(`record ${i} handed to the consumer`, () => seen.handedAt(meta!.partition, meta!.baseOffset!), 10_000, 5);
    out.push(at - acked);
  }
  return out;
}

test('an idle writer fetches about once a second, and a record that arrives is written at once', async (t) => {
  const p = await startPipeline(t, { writer: false, bucket: true }); // this test's own writer, on the pipeline's bucket
  const group = `${p.id}-writer`; // the name its Kafka ACL rows grant (test/helpers/kafka-acl.ts)
  const client = p.kafkaAs('writer');
  const seen = watch(client, group);
  // The production settings (services/writer/main.ts): a fetch waits up to 250 ms for 64 KiB.
  const writer = createWriter({
    kafka: client, log: pino({ level: 'silent' }),
    influx: createInfluxWriter({ url: p.s.influx.url, token: p.s.influx.token, org: p.s.influx.org, bucket: p.bucket }),
    options: { groupId: group, topics: p.topics, partitions: 3, batchLines: 5000, flushIntervalMs: 250, concurrency: 3 },
  });
  p.cleanup(() => writer.stop());
  await writer.start();
  await new Promise((r) => setTimeout(r, 2_000));
  const rate = await seen.rate(6_000);
  assert.ok(rate >= 0.5 && rate <= 2, `idle fetches per second: ${rate} (4 with the batching settings alone)`);
  const waited = await delays(p, seen, 1_500, 5);
  assert.ok(waited.every((ms) => ms <= 250 + 250), `ms from ack to the writer, each record after 1.5 s of silence: ${waited.join(', ')}`);
  await p.committedToEnd(group, p.topics.vitals);
});

test('an idle alert worker fetches about once a second (at most once a tick), and a record that arrives is evaluated at once', async (t) => {
  const p = await startPipeline(t, { writer: false });
  const group = `${p.id}-alerts`;
  const seen = watch(p.kafka, group);
  await startAlertWorker(p, { groupId: group, tickMs: 1_000 });
  await new Promise((r) => setTimeout(r, 2_000));
  const rate = await seen.rate(6_000);
  assert.ok(rate >= 0.5 && rate <= 2, `idle fetches per second: ${rate} (10 with the batching settings alone)`);
  const waited = await delays(p, seen, 1_500, 5);
  assert.ok(waited.every((ms) => ms <= 100 + 250), `ms from ack to the worker, each record after 1.5 s of silence: ${waited.join(', ')}`);
  await p.committedToEnd(group, p.topics.vitals);
});
