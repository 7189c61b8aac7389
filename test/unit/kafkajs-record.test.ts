// The ingest's record encoder (services/common/kafkajs-record.ts) must write exactly the bytes
// kafkajs's own Record v0 writes: compared record by record with kafkajs's encoder on the
// ingest's shapes, random ones and the inputs it hands back to kafkajs, and a whole produce
// request against an unpatched kafkajs in a child process. And the ingest must get it: its
// main module, loaded alone, installs it before kafkajs's produce request loads.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { encodeKafkaRecord, fastKafkaRecord, kafkajsRecordEncoder, type RecordInput } from '../../services/common/kafkajs-record.js';

const require = createRequire(import.meta.url);
const RECORD = 'kafkajs/src/protocol/recordBatch/record/v0/index.js';

const installed = fastKafkaRecord();
const hex = (e: { buffer: Buffer }) => e.buffer.toString('hex');

const ingestShape = (i: number): RecordInput => ({
  offsetDelta: i, timestampDelta: 0, key: 'P-000123', value: randomBytes(700),
  headers: { 'mqtt-topic': 'vitals/v1/devices/dev-000123/telemetry', 'received-at-ms': '1796052947459', 'device-id': 'dev-000123', sequence: String(40 + i), attribution: 'assigned' },
});

test('the record encoder writes the bytes kafkajs writes, record by record', () => {
  assert.equal(installed, 'full', 'installed before kafkajs\'s produce request loaded');
  const fast = require(RECORD) as (r: RecordInput) => { buffer: Buffer };
  const kafkajs = kafkajsRecordEncoder()!;
  assert.ok(kafkajs && fast !== kafkajs, 'kafkajs\'s produce requests get the new encoder');
  const inputs: RecordInput[] = [
    ...Array.from({ length: 10 }, (_, i) => ingestShape(i)),
    { offsetDelta: 0, key: null, value: Buffer.from('x') }, // defaults: no timestamp delta, no headers
    { offsetDelta: 3, timestampDelta: -5, key: 'dev-1', value: 'a string value', headers: {} },
    { offsetDelta: 499, timestampDelta: 2 ** 30 - 1, key: Buffer.alloc(0), value: Buffer.alloc(0), headers: { 'é-ключ': 'tempér\u00e9 \u2603 \ud83d\ude00', empty: '', buf: Buffer.from([0, 1, 2]) } },
    { offsetDelta: 1, timestampDelta: 70_000, key: 'k', value: Buffer.alloc(20_000, 9), headers: { big: 'x'.repeat(200), detail: 'y'.repeat(17_000) } },
    { offsetDelta: 64, timestampDelta: 8191, key: 'k'.repeat(127), value: Buffer.alloc(128, 1), headers: { ['h'.repeat(64)]: 'v'.repeat(8192) } },
    // handed back to kafkajs: an array of header values, a delta past 2^30 ms
    { offsetDelta: 2, key: 'k', value: Buffer.from('v'), headers: { multi: ['a', 'b'] } as unknown as RecordInput['headers'] },
    { offsetDelta: 2, timestampDelta: 2 ** 31 + 5, key: 'k', value: Buffer.from('v') },
  ];
  for (let n = 0; n < 300; n++) {
    const headers: Record<string, string | Buffer> = {};
    for (let h = 0; h < n % 7; h++) headers[`h${h}-${randomBytes(n % 5).toString('hex')}`] = n % 2 ? randomBytes(n % 300).toString('base64') : randomBytes(n % 150);
    inputs.push({ offsetDelta: n, timestampDelta: (n * 977) % 20_000 - 10_000, key: n % 3 === 0 ? null : n % 3 === 1 ? `patient-${n}` : randomBytes(n % 40), value: randomBytes((n * 131) % 5_000), headers });
  }
  for (const [i, input] of inputs.entries()) assert.equal(hex(fast(input)), hex(kafkajs(input)), `input ${i}`);
  assert.equal(inputs.filter((r) => encodeKafkaRecord(r) === null).length, 2, 'only the two odd inputs are handed back to kafkajs');
  // What kafkajs refuses, it still refuses (handed back to it): a null header value, a number as value.
  for (const bad of [{ key: 'k', value: 'v', headers: { nul: null } }, { key: 'k', value: 12345 as unknown as string }]) {
    assert.throws(() => kafkajs(bad), TypeError);
    assert.throws(() => fast(bad), TypeError);
  }
});

// Plain CommonJS, run by both sides: a produce request of the ingest's shape (three partitions,
// five headers a record) and a record batch, encoded as kafkajs's producer does.
const ENCODE = `
const produce = require('kafkajs/src/protocol/requests/produce/v3/request');
async function encode() {
  const msg = (i) => ({ key: 'P-' + i, value: Buffer.alloc(600 + i, i), headers: { 'mqtt-topic': 'vitals/v1/devices/d-' + i + '/telemetry', 'received-at-ms': String(1796052947459 + i), 'device-id': 'd-' + i, sequence: String(i), attribution: 'assigned' } });
  const partitions = [0, 3, 5].map((p) => ({ partition: p, firstSequence: 77 + p, messages: Array.from({ length: 4 + p }, (_, i) => ({ ...msg(p * 10 + i), timestamp: 1796052947000 + i })) }));
  const request = produce({ acks: -1, timeout: 30000, compression: 0, transactionalId: null, producerId: 1234, producerEpoch: 1, topicData: [{ topic: 'vitals', partitions }] });
  return (await request.encode()).buffer.toString('hex');
}
`;

test('a produce request of the ingest\'s shape has the bytes an unpatched kafkajs writes', async () => {
  const expected = execFileSync(process.execPath, ['-e', `${ENCODE}; encode().then((h) => process.stdout.write(h))`], { encoding: 'utf8', cwd: process.cwd() });
  const encode = new Function('require', `${ENCODE}; return encode;`)(require) as () => Promise<string>;
  const actual = await encode();
  assert.ok(expected.length > 20_000);
  assert.equal(actual, expected);
});

test('the ingest installs it: its main module, loaded alone, before kafkajs\'s produce request', () => {
  const script = `await import('./services/ingest/main.ts');
    const { fastKafkaRecord, kafkajsRecordEncoder } = await import('./services/common/kafkajs-record.ts');
    const { createRequire } = await import('node:module');
    const require = createRequire(process.cwd() + '/');
    const kafkajs = kafkajsRecordEncoder();
    process.stdout.write(JSON.stringify({ installed: fastKafkaRecord(), replaced: kafkajs !== null && require('${RECORD}') !== kafkajs }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: process.cwd() })) as unknown;
  assert.deepEqual(out, { installed: 'full', replaced: true });
});
