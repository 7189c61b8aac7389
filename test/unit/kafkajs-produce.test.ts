// The one-buffer produce request encoder (services/common/kafkajs-produce.ts) must write exactly
// the bytes kafkajs 2.2.4 writes: the same requests are encoded here (patched) and by an
// unpatched kafkajs in a child process, over the ingest's and the alert worker's shapes and
// random ones; what it hands back to kafkajs (compression, timestamps, header arrays) must come
// out as kafkajs's own. And every service gets it: patchKafkajs() puts it in place. The
// integration and faults suites then run every produce of the pipeline through it against the
// real Kafka.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fastKafkaProduce } from '../../services/common/kafkajs-produce.js';

const require = createRequire(import.meta.url);
const installed = fastKafkaProduce();

// Plain CommonJS, run by both sides with Date.now fixed: a list of produce requests, hex-encoded.
const ENCODE = `
const produce = require('kafkajs/src/protocol/requests/produce/v3/request');
const Long = require('kafkajs/src/utils/long');
let seed = 17;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const bytes = (n) => Buffer.from(Array.from({ length: n }, () => rnd(256)));
const text = (n) => Array.from({ length: n }, () => 'aé€😀-_x9'[rnd(8)]).join('');
const ingest = (i) => ({ key: 'P-' + i, value: bytes(600 + i), headers: { 'mqtt-topic': 'vitals/v1/devices/d-' + i + '/telemetry', 'received-at-ms': String(1796052947459 + i), 'device-id': 'd-' + i, sequence: String(i), attribution: 'assigned' } });
const randomMessage = (i) => {
  const headers = {};
  for (let h = 0; h < rnd(7); h++) headers['h' + h + text(rnd(4))] = rnd(2) ? text(rnd(300)) : bytes(rnd(200));
  const key = [null, undefined, 'patient-' + i, bytes(rnd(40)), '', text(rnd(20))][rnd(6)];
  const value = [bytes(rnd(2000)), text(rnd(1000)), Buffer.alloc(0), null, bytes(rnd(2) ? 700 : 20000)][rnd(5)];
  return rnd(5) === 0 ? { key, value } : { key, value, headers };
};
function requests() {
  const out = [];
  // The ingest's: one topic, a few partitions, idempotent (producer id and sequence).
  out.push({ acks: -1, timeout: 30000, compression: 0, transactionalId: null, producerId: Long.fromNumber(1234), producerEpoch: 1,
    topicData: [{ topic: 'vitals.v1.samples', partitions: [0, 3, 5].map((p) => ({ partition: p, firstSequence: 77 + p, messages: Array.from({ length: 4 + p }, (_, i) => ingest(p * 10 + i)) })) }] });
  // Two topics (vitals and the dead-letter topic), a record of 150 offsets (two-byte varints).
  out.push({ acks: -1, timeout: 30000, transactionalId: null, producerId: 2 ** 40 + 3, producerEpoch: 0,
    topicData: [{ topic: 'a', partitions: [{ partition: 1, firstSequence: 2 ** 31 - 10, messages: Array.from({ length: 150 }, (_, i) => ingest(i)) }] },
      { topic: 'dead-letter', partitions: [{ partition: 0, messages: [{ key: 'd-1', value: bytes(70000), headers: { reason: 'INGEST_ERR_SCHEMA', detail: text(500) } }] }] }] });
  // Not idempotent (defaults), acks 1, a transactional id, an empty partition.
  out.push({ acks: 1, timeout: 1000, topicData: [{ topic: 'x', partitions: [{ partition: 2, messages: [{ key: null, value: 'v' }] }] }] });
  out.push({ acks: -1, timeout: 5000, transactionalId: 'tx-é', producerId: Long.fromNumber(9), producerEpoch: 3,
    topicData: [{ topic: 'tópico', partitions: [{ partition: 0, firstSequence: 0, messages: [] }, { partition: 7, firstSequence: 5, messages: [randomMessage(0)] }] }] });
  for (let n = 0; n < 60; n++) {
    const topics = Array.from({ length: 1 + rnd(3) }, (_, t) => ({ topic: 'topic-' + t + text(rnd(5)),
      partitions: Array.from({ length: 1 + rnd(4) }, (_, p) => ({ partition: p * 3 + rnd(3), firstSequence: rnd(100000), messages: Array.from({ length: rnd(12) }, (_, i) => randomMessage(i)) })) }));
    out.push({ acks: [-1, 0, 1][rnd(3)], timeout: rnd(60000), transactionalId: rnd(4) === 0 ? 'tx-' + n : null, producerId: rnd(2) ? Long.fromNumber(rnd(1e9)) : -1, producerEpoch: rnd(100), topicData: topics });
  }
  // Handed back to kafkajs: compression, message timestamps, an array of header values.
  out.push({ acks: -1, timeout: 30000, compression: 1, topicData: [{ topic: 'z', partitions: [{ partition: 0, messages: [ingest(1), ingest(2)] }] }] });
  out.push({ acks: -1, timeout: 30000, topicData: [{ topic: 'z', partitions: [{ partition: 0, messages: [{ ...ingest(1), timestamp: '1796052940000' }, { ...ingest(2), timestamp: 1796052941000 }] }] }] });
  out.push({ acks: -1, timeout: 30000, topicData: [{ topic: 'z', partitions: [{ partition: 0, messages: [{ key: 'k', value: 'v', headers: { multi: ['a', 'b'] } }] }] }] });
  return out;
}
async function encodeAll() {
  Date.now = () => 1796052947123;
  const out = [];
  for (const args of requests()) out.push((await produce(args).encode()).buffer.toString('hex'));
  return out;
}
`;

test('produce requests have the bytes an unpatched kafkajs writes', async () => {
  assert.equal(installed, 'full', 'installed before kafkajs\'s produce request loaded');
  const expected = JSON.parse(execFileSync(process.execPath, ['-e', `${ENCODE}; encodeAll().then((h) => process.stdout.write(JSON.stringify(h)))`], { encoding: 'utf8', cwd: process.cwd(), maxBuffer: 256 * 1024 * 1024 })) as string[];
  const realNow = Date.now;
  try {
    const encodeAll = new Function('require', `${ENCODE}; return encodeAll;`)(require) as () => Promise<string[]>;
    const actual = await encodeAll();
    assert.equal(actual.length, expected.length);
    assert.ok(expected.length >= 67);
    for (const [i, hex] of actual.entries()) assert.equal(hex, expected[i], `request ${i}`);
  } finally {
    Date.now = realNow;
  }
});

test('this process\'s produce requests go through the new encoder; odd ones through kafkajs\'s', async () => {
  const { encodeProduceRequest } = await import('../../services/common/kafkajs-produce.js');
  const Long = require('kafkajs/src/utils/long.js') as { fromValue(v: unknown): { getHighBits(): number; getLowBits(): number } };
  const toLong = (v: unknown) => Long.fromValue(v);
  const produce = require('kafkajs/src/protocol/requests/produce/v3/request.js') as { name: string };
  assert.equal(produce.name, 'produceRequestV3');
  const msg = { key: 'k', value: Buffer.from('v'), headers: { a: 'b' } };
  const args = (m: object, extra: object = {}) => ({ acks: -1, timeout: 1, topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [m] }] }], ...extra });
  assert.ok(encodeProduceRequest(args(msg), toLong) instanceof Buffer);
  assert.equal(encodeProduceRequest(args(msg, { compression: 2 }), toLong), null);
  assert.equal(encodeProduceRequest(args({ ...msg, timestamp: 5 }), toLong), null);
  assert.equal(encodeProduceRequest(args({ ...msg, headers: { a: ['b', 'c'] } }), toLong), null);
  assert.equal(encodeProduceRequest(args({ ...msg, headers: { a: null } }), toLong), null);
  assert.equal(encodeProduceRequest(args({ ...msg, value: 42 }), toLong), null);
});

test('every service gets it: patchKafkajs() in a fresh process', () => {
  const script = `const { patchKafkajs } = await import('./services/common/kafka.ts');
    const missing = patchKafkajs();
    const { createRequire } = await import('node:module');
    const require = createRequire(process.cwd() + '/');
    process.stdout.write(JSON.stringify({ missing, name: require('kafkajs/src/protocol/requests/produce/v3/request.js').name }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: process.cwd() })) as unknown;
  assert.deepEqual(out, { missing: [], name: 'produceRequestV3' });
});
