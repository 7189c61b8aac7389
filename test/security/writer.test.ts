// The writer when InfluxDB refuses for reasons that are the operator's to fix (issue 16):
// a rotated token (401) or a deleted bucket (404) holds offsets, it does not dead-letter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { createInfluxWriter } from '../../services/common/influx-writer.js';
import { createWriter } from '../../services/writer/app.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { tempBucket } from '../helpers/influx.js';
import { startPipeline, waitFor, type Pipeline } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

async function produce(p: Pipeline, n: number): Promise<void> {
  const producer = p.kafka.producer();
  await producer.connect();
  const now = Date.now();
  await producer.send({ topic: p.topics.vitals, acks: -1, messages: Array.from({ length: n }, (_, i) => ({ key: 'pat-w', value: Buffer.from(encodeBatch(makeBatch({ deviceId: 'dev-00070', patientId: 'pat-w', sequence: i + 1 }, now - i * 1000))) })) });
  await producer.disconnect();
}

const metric = async (w: { registry: { getSingleMetric(n: string): unknown } }, name: string) =>
  ((await (w.registry.getSingleMetric(name) as { get(): Promise<{ values: { value: number }[] }> }).get()).values[0]?.value ?? 0);

for (const [what, status] of [['a bucket that does not exist (404)', 404], ['a token InfluxDB refuses (401)', 401]] as const) {
  test(`writer on ${what}: offsets held, nothing dead-lettered, not ready, operator alarmed; resumes once fixed`, async (t) => {
    const p = await startPipeline(t, { writer: false });
    const bucketName = uid('later');
    let token = status === 401 ? 'not-a-valid-token-0123456789' : p.s.influx.token;
    const real = createInfluxWriter({ url: p.s.influx.url, token: p.s.influx.token, org: p.s.influx.org, bucket: bucketName });
    const bad = createInfluxWriter({ url: p.s.influx.url, token, org: p.s.influx.org, bucket: bucketName });
    // The operator's fix (a new token or the bucket re-created) is seen through this writer.
    const influx = { write: (lines: string[]) => (token === p.s.influx.token ? real : bad).write(lines), close: () => { real.close(); bad.close(); } };
    const group = uid('w');
    const writer = createWriter({ kafka: p.kafka, log: pino({ level: 'silent' }), influx, options: { groupId: group, topics: p.topics, partitions: 3, batchLines: 5000, flushIntervalMs: 100, concurrency: 3 } });
    t.after(() => writer.stop());
    await writer.start();
    const dlq = await p.collect(p.topics.deadLetter);
    await produce(p, 5);
    await waitFor('the writer reports not ready', () => (writer.readiness().some((r) => r.includes(String(status))) ? true : undefined), 20_000);
    assert.equal(await metric(writer, 'vitals_writer_backpressure'), 1);
    assert.equal(await metric(writer, 'vitals_writer_influx_access_refused'), status, 'the operator alarm names the status');
    assert.equal(dlq.messages.length, 0, 'nothing dead-lettered');
    const held = await p.offsets(group, p.topics.vitals);
    assert.equal(Object.values(held.committed).filter((o) => o > 0).length, 0, 'no offset committed');
    // The operator fixes it: the held records are written and committed.
    const b = await tempBucket(p.s, bucketName);
    p.cleanup(b.remove);
    token = p.s.influx.token;
    await waitFor('offsets committed to the end', async () => {
      const o = await p.offsets(group, p.topics.vitals);
      return Object.entries(o.high).every(([part, h]) => o.committed[Number(part)] === h || h === 0) ? true : undefined;
    }, 30_000);
    assert.equal(writer.readiness().length, 0, 'ready again');
    assert.equal(dlq.messages.length, 0, 'nothing dead-lettered');
  });
}
