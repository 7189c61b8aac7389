// Property-based fuzzing (fast-check) of the decoder, validator and classifier: whatever
// the bytes, no crash, no hang, and a rejection always carries a known reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ERROR_CODES, ValidationError } from '../../services/common/errors.js';
import { VitalsBatch } from '../../services/common/proto.js';
import { DEFAULT_LIMITS, validateBatch, validateStatus } from '../../services/common/validate.js';
import { classify } from '../../services/ingest/classify.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';

const NOW = 1_780_000_000_000;
const topics = { vitals: 'v', status: 's', deadLetter: 'd' };
const KNOWN = new Set(Object.keys(ERROR_CODES));

function outcome(fn: () => unknown): 'ok' | string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof ValidationError, `only ValidationError escapes, got ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`);
    assert.ok(KNOWN.has(err.code), err.code);
    return err.code;
  }
}

test('random bytes: validateBatch and validateStatus reject cleanly', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
    outcome(() => validateBatch(bytes, 'dev-1', NOW));
    outcome(() => validateStatus(bytes, 'dev-1', NOW));
  }), { numRuns: 3000 });
});

test('mutated valid messages (bit flips, truncation, splices) never crash the validator', () => {
  const base = encodeBatch(makeBatch({}, NOW));
  fc.assert(fc.property(fc.nat(base.length - 1), fc.nat(255), fc.nat(base.length), fc.uint8Array({ maxLength: 64 }), (pos, byte, cut, extra) => {
    const m = Uint8Array.from(base);
    m[pos] = byte;
    outcome(() => validateBatch(m, 'dev-00001', NOW));
    outcome(() => validateBatch(m.subarray(0, cut), 'dev-00001', NOW));
    outcome(() => validateBatch(Buffer.concat([m, extra]), 'dev-00001', NOW));
  }), { numRuns: 3000 });
});

test('structured batches with arbitrary field values: accepted only when valid', () => {
  const sample = fc.record({
    kind: fc.integer({ min: -5, max: 12 }),
    value: fc.oneof(fc.double(), fc.integer({ min: -1000, max: 1000 })),
    unit: fc.constantFrom('', '/min', '%', 'Cel', 'mm[Hg]', 'bogus', '1'),
    measuredAtMs: fc.oneof(fc.constant(NOW), fc.integer({ min: -1, max: 2 ** 52 })),
  });
  fc.assert(fc.property(
    fc.record({
      deviceId: fc.oneof(fc.constant('dev-00001'), fc.string({ maxLength: 80 })),
      patientId: fc.oneof(fc.constant('pat-1'), fc.string({ maxLength: 80 })),
      sequence: fc.oneof(fc.integer({ min: -5, max: 1e6 }), fc.constant(2 ** 53 + 10)),
      sentAtMs: fc.oneof(fc.constant(NOW), fc.integer({ min: 0, max: 2 ** 52 })),
      batteryPercent: fc.oneof(fc.float(), fc.constant(50)),
      samples: fc.array(sample, { maxLength: 20 }),
    }),
    (init) => {
      const bytes = VitalsBatch.encode(VitalsBatch.create(init as never)).finish();
      const r = outcome(() => validateBatch(bytes, 'dev-00001', NOW));
      if (r === 'ok') {
        // Whatever passed is physiologically possible and fresh.
        const b = VitalsBatch.decode(bytes);
        assert.equal(b.deviceId, 'dev-00001');
        for (const s of b.samples) assert.ok(Number.isFinite(s.value) && s.measuredAtMs! <= NOW + DEFAULT_LIMITS.maxFutureMs);
      }
    },
  ), { numRuns: 3000 });
});

test('classify never throws: any topic and payload becomes a record (vitals, status or dead letter)', () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 512 }), fc.boolean(), (topic, bytes, retained) => {
    const c = classify(topic, Buffer.from(bytes), NOW, topics, DEFAULT_LIMITS, retained);
    assert.ok(['vitals', 'status', 'dead-letter'].includes(c.kind));
    if (c.kind === 'dead-letter') {
      assert.ok(KNOWN.has(c.record.headers.reason!));
      assert.equal(c.record.headers['mqtt-topic'], topic);
      assert.ok(Buffer.from(bytes).equals(c.record.value));
    }
  }), { numRuns: 3000 });
});

test('hostile corpus: each is dead-lettered with its reason, none crashes', () => {
  const now = NOW;
  const dev = 'dev-00001';
  const valid = encodeBatch(makeBatch({}, now));
  const corpus: [string, string, Uint8Array, string][] = [
    ['zero length', `vitals/v1/devices/${dev}/telemetry`, new Uint8Array(0), 'INGEST_ERR_DECODE'],
    ['max size + 1', `vitals/v1/devices/${dev}/telemetry`, new Uint8Array(DEFAULT_LIMITS.maxPayloadBytes + 1), 'INGEST_ERR_TOO_LARGE'],
    ['enormous repeated field', `vitals/v1/devices/${dev}/telemetry`, encodeBatch(makeBatch({ samples: Array.from({ length: 5000 }, () => ({ kind: 1, value: 70, unit: '/min', measuredAtMs: now })) }, now)), 'INGEST_ERR_TOO_LARGE'],
    ['topic injection: wildcard', 'vitals/v1/devices/+/telemetry', valid, 'INGEST_ERR_TOPIC'],
    ['topic injection: extra level', `vitals/v1/devices/${dev}/x/telemetry`, valid, 'INGEST_ERR_TOPIC'],
    ['topic injection: NUL', `vitals/v1/devices/${dev}\u0000/telemetry`, valid, 'INGEST_ERR_TOPIC'],
    ['unknown fields only', `vitals/v1/devices/${dev}/telemetry`, Uint8Array.from([0x98, 0x06, 0x01]), 'INGEST_ERR_SCHEMA'],
    ['deeply nested length-delimited garbage', `vitals/v1/devices/${dev}/telemetry`, Uint8Array.from([0x2a, 0xff, 0xff, 0xff, 0xff, 0x0f]), 'INGEST_ERR_DECODE'],
    ['status for another device', `vitals/v1/devices/${dev}/status`, valid, 'INGEST_ERR_DECODE'],
  ];
  const q0 = classify(`vitals/v1/devices/${dev}/telemetry`, Buffer.from(valid), now, topics, DEFAULT_LIMITS, false, 0);
  assert.equal(q0.record.headers.reason, 'INGEST_ERR_QOS', 'wrong QoS');
  for (const [name, topic, bytes, reason] of corpus) {
    const c = classify(topic, Buffer.from(bytes), now, topics, DEFAULT_LIMITS);
    assert.equal(c.kind, 'dead-letter', name);
    assert.equal(c.record.headers.reason, reason, name);
  }
});
