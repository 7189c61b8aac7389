// The pooled kafkajs Encoder (services/common/kafkajs-encoder.ts) and the slice-by-8 CRC-32C
// (services/common/kafkajs-crc32c.ts) must encode exactly the bytes kafkajs encodes with
// zero-filled buffers and its own checksum: the same records, headers and batch (its CRC
// included) encoded by an unpatched kafkajs in a child process are compared byte for byte, with
// Node's buffer pool filled with garbage first so a byte left unwritten would show. And every
// service that talks to Kafka must get both in full: its main module, loaded alone, loads
// kafkajs after them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { poolKafkaEncoder } from '../../services/common/kafkajs-encoder.js';
import { crc32c, fastKafkaCrc32c } from '../../services/common/kafkajs-crc32c.js';

const require = createRequire(import.meta.url);

// Plain CommonJS, run by both sides: a record batch of three records with headers (one null
// key, a multi-byte string, a value past the 512-byte initial buffer), then its produce request.
const ENCODE = `
const Record = require('kafkajs/src/protocol/recordBatch/record/v0');
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0');
const Long = require('kafkajs/src/utils/long');
const produce = require('kafkajs/src/protocol/requests/produce/v3/request');
async function encode() {
  const records = [
    Record({ offsetDelta: 0, timestampDelta: 0, key: Buffer.from('patient-1'), value: Buffer.alloc(700, 7), headers: { 'mqtt-topic': 'vitals/v1/devices/d-1/telemetry', 'received-at-ms': '1796052947459', 'device-id': 'd-1', sequence: '42', attribution: 'assigned' } }),
    Record({ offsetDelta: 1, timestampDelta: 3, key: null, value: Buffer.from('x'), headers: { detail: 'tempér\u00e9 \u2603', part: '1/2' } }),
    Record({ offsetDelta: 2, timestampDelta: 5, key: Buffer.from('p'), value: Buffer.alloc(3000, 9), headers: {} }),
  ];
  const batch = await RecordBatch({ firstTimestamp: 1796052947000, maxTimestamp: 1796052947005, lastOffsetDelta: 2, producerId: Long.fromNumber(1234), producerEpoch: 1, firstSequence: 77, records });
  const request = produce({ acks: -1, timeout: 30000, compression: 0, topicData: [{ topic: 'vitals', partitions: [{ partition: 3, firstSequence: 77, messages: [{ key: 'a', value: Buffer.alloc(600, 1), headers: { h: 'v' }, timestamp: 1796052947000 }] }] }] });
  const req = await request.encode();
  return Buffer.concat([batch.buffer, req.buffer]).toString('hex');
}
`;

test('the pooled Encoder and the checksum encode the same bytes as kafkajs, with garbage in the buffer pool', async () => {
  assert.equal(poolKafkaEncoder(), 'full', 'patched before kafkajs loaded');
  assert.equal(fastKafkaCrc32c(), 'full', 'patched before kafkajs loaded');
  const expected = execFileSync(process.execPath, ['-e', `${ENCODE}; encode().then((h) => process.stdout.write(h))`], { encoding: 'utf8', cwd: process.cwd() });
  for (let i = 0; i < 64; i++) Buffer.allocUnsafe(1024).fill(0xa5); // dirty the shared pool
  const encode = new Function('require', `${ENCODE}; return encode;`)(require) as () => Promise<string>;
  const actual = await encode();
  assert.ok(expected.length > 8000);
  assert.equal(actual, expected);
  const Encoder = require('kafkajs/src/protocol/encoder.js') as new () => object;
  assert.ok(new Encoder() instanceof (Object.getPrototypeOf(Encoder) as new () => object), 'still an Encoder');
});

test('every Kafka service loads kafkajs after the pooled Encoder (its main module alone, in a child process)', () => {
  for (const service of ['ingest', 'writer', 'alerts', 'api']) {
    const script = `await import('./services/${service}/main.ts');
      const { poolKafkaEncoder } = await import('./services/common/kafkajs-encoder.ts');
      const { createRequire } = await import('node:module');
      const require = createRequire(process.cwd() + '/');
      const { fastKafkaCrc32c, crc32c } = await import('./services/common/kafkajs-crc32c.ts');
      const Encoder = require('kafkajs/src/protocol/encoder.js');
      const kafkajsCrc = require('kafkajs/src/protocol/recordBatch/crc32C/crc32C.js');
      process.stdout.write(JSON.stringify({ pooled: poolKafkaEncoder(), zeroFilled: /Buffer\\.alloc\\(/.test(String(Encoder)), crc: fastKafkaCrc32c(), fastCrc: kafkajsCrc === crc32c }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: process.cwd() })) as { pooled: string; zeroFilled: boolean; crc: string; fastCrc: boolean };
    assert.deepEqual(out, { pooled: 'full', zeroFilled: false, crc: 'full', fastCrc: true }, `services/${service}/main.ts`);
  }
});

test('CRC-32C slice-by-8: the check value, and a bit-by-bit CRC-32C on every length up to 70 and on large buffers', () => {
  const bitwise = (b: Uint8Array) => {
    let c = 0xffffffff;
    for (const byte of b) { c ^= byte; for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1; }
    return (c ^ 0xffffffff) >>> 0;
  };
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283); // RFC 3720 B.4 / the CRC catalogue's check value
  assert.equal(crc32c(Buffer.alloc(0)), 0);
  for (let n = 0; n <= 70; n++) { const b = randomBytes(n); assert.equal(crc32c(b), bitwise(b), `length ${n}`); }
  for (const n of [921, 4096, 65_537]) { const b = randomBytes(n); assert.equal(crc32c(b), bitwise(b), `length ${n}`); }
  const big = randomBytes(1000);
  assert.equal(crc32c(big.subarray(13, 900)), bitwise(big.subarray(13, 900)), 'a view at an offset');
});
