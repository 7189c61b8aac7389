// KafkaForwarder's batching rule (issue 17) against a stand-in for kafkajs's sendBatch: when a
// batch goes (linger from the oldest record's arrival, or at once when lingerRecords have come)
// and that a record's promise resolves only after the send that carries it. The real produce
// path (acks=all, dead letters, back-pressure) is covered by test/security/ingest.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Producer } from 'kafkajs';
import pino from 'pino';
import { KafkaForwarder } from '../../services/ingest/kafka-forwarder.js';
import type { OutboundRecord } from '../../services/ingest/classify.js';

const record = (n: number): OutboundRecord => ({ topic: 'vitals', key: `p${n}`, value: Buffer.from([n]), headers: { sequence: String(n) } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls (a busy machine may stall timers): the positive conditions wait, the negative ones are checked well inside the linger. */
async function until(what: string, fn: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) { if (Date.now() > end) throw new Error(`timed out: ${what}`); await sleep(2); }
}

function fakeProducer() {
  const sends: { at: number; keys: string[]; ack: () => void }[] = [];
  const producer = {
    sendBatch({ topicMessages }: { topicMessages: { messages: { key: string }[] }[] }) {
      return new Promise<void>((resolve) => {
        sends.push({ at: Date.now(), keys: topicMessages.flatMap((t) => t.messages.map((m) => m.key)), ack: resolve });
      });
    },
  } as unknown as Producer;
  return { producer, sends };
}

test('a lone record waits out the linger, counted from its arrival, then goes alone', async () => {
  const { producer, sends } = fakeProducer();
  const f = new KafkaForwarder(producer, pino({ level: 'silent' }), { lingerMs: 300, lingerRecords: 8, maxBatch: 500 });
  const t0 = Date.now();
  let done = false;
  const p = f.send(record(1)).then(() => { done = true; });
  await sleep(20);
  assert.equal(sends.length, 0, 'not before the linger');
  await until('the send', () => sends.length === 1);
  assert.ok(sends[0]!.at - t0 >= 295, `sent after ${sends[0]!.at - t0} ms`);
  assert.deepEqual(sends[0]!.keys, ['p1']);
  await sleep(5);
  assert.equal(done, false, 'not resolved before Kafka acknowledged');
  sends[0]!.ack();
  await p;
  assert.equal(done, true);
  f.close();
});

test('lingerRecords records go at once, in arrival order, without waiting out the linger', async () => {
  const { producer, sends } = fakeProducer();
  const f = new KafkaForwarder(producer, pino({ level: 'silent' }), { lingerMs: 10_000, lingerRecords: 4, maxBatch: 500 });
  const ps = [1, 2, 3, 4].map((n) => f.send(record(n)));
  await until('the send', () => sends.length === 1);
  assert.deepEqual(sends[0]!.keys, ['p1', 'p2', 'p3', 'p4']);
  sends[0]!.ack();
  await Promise.all(ps);
  f.close();
});

test('records that arrive during a send wait for its acknowledgement, then for company at most the rest of their linger', async () => {
  const { producer, sends } = fakeProducer();
  const f = new KafkaForwarder(producer, pino({ level: 'silent' }), { lingerMs: 400, lingerRecords: 2, maxBatch: 500 });
  const first = [f.send(record(1)), f.send(record(2))];
  await until('two records: at once', () => sends.length === 1);
  const late = f.send(record(3));
  await sleep(450);
  assert.equal(sends.length, 1, 'one send in flight at a time');
  const acked = Date.now();
  sends[0]!.ack();
  await Promise.all(first);
  // Record 3 has waited longer than the linger already (behind the send): it goes now, alone.
  await until('the late record', () => sends.length === 2);
  assert.ok(sends[1]!.at - acked < 300, `record 3 waited ${sends[1]!.at - acked} ms after the acknowledgement`);
  assert.deepEqual(sends[1]!.keys, ['p3']);
  sends[1]!.ack();
  await late;
  f.close();
});

test('close rejects what is still queued (left unacknowledged for the broker to redeliver)', async () => {
  const { producer } = fakeProducer();
  const f = new KafkaForwarder(producer, pino({ level: 'silent' }), { lingerMs: 10_000, lingerRecords: 8, maxBatch: 500 });
  const p = f.send(record(1));
  f.close();
  await assert.rejects(p, /closed/);
});
