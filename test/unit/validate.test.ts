import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationError } from '../../services/common/errors.js';
import { DeviceState, DeviceStatus, VitalKind } from '../../services/common/proto.js';
import { DEFAULT_LIMITS, validateBatch, validateStatus } from '../../services/common/validate.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';

const NOW = 1_780_000_000_000;

function rejects(bytes: Uint8Array, code: string, pattern?: RegExp, topicDevice = 'dev-00001') {
  assert.throws(() => validateBatch(bytes, topicDevice, NOW), (err: unknown) => {
    assert.ok(err instanceof ValidationError, 'a ValidationError');
    assert.equal(err.code, code);
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

test('a valid batch passes and keeps its values', () => {
  const b = validateBatch(encodeBatch(makeBatch({}, NOW)), 'dev-00001', NOW);
  assert.equal(b.samples.length, 3);
  assert.equal(b.sequence, 1);
});

test('each class of bad input is rejected with its own reason', () => {
  rejects(Buffer.from('definitely not protobuf \xff\xff\xff'), 'INGEST_ERR_DECODE');
  rejects(encodeBatch(makeBatch({}, NOW)).subarray(0, 20), 'INGEST_ERR_DECODE');
  rejects(new Uint8Array(0), 'INGEST_ERR_DECODE', /empty/);
  rejects(encodeBatch(makeBatch({}, NOW)), 'INGEST_ERR_DEVICE_MISMATCH', /differs from topic/, 'dev-99999');
  rejects(encodeBatch(makeBatch({ samples: [{ kind: VitalKind.VITAL_KIND_SPO2, value: 140, unit: '%', measuredAtMs: NOW }] }, NOW)), 'INGEST_ERR_RANGE', /spo2=140/);
  rejects(encodeBatch(makeBatch({ samples: [{ kind: VitalKind.VITAL_KIND_HEART_RATE, value: Number.NaN, unit: '/min', measuredAtMs: NOW }] }, NOW)), 'INGEST_ERR_RANGE');
  rejects(encodeBatch(makeBatch({ samples: [{ kind: VitalKind.VITAL_KIND_HEART_RATE, value: 70, unit: '/min', measuredAtMs: NOW + 3_600_000 }] }, NOW)), 'INGEST_ERR_FUTURE');
  rejects(encodeBatch(makeBatch({ sentAtMs: NOW + 3_600_000 }, NOW)), 'INGEST_ERR_FUTURE');
  rejects(encodeBatch(makeBatch({ samples: [{ kind: VitalKind.VITAL_KIND_HEART_RATE, value: 70, unit: 'Hz', measuredAtMs: NOW }] }, NOW)), 'INGEST_ERR_SCHEMA', /unit/);
  rejects(encodeBatch(makeBatch({ samples: [{ kind: 42 as VitalKind, value: 70, unit: '', measuredAtMs: NOW }] }, NOW)), 'INGEST_ERR_SCHEMA', /kind/);
  rejects(encodeBatch(makeBatch({ samples: [] }, NOW)), 'INGEST_ERR_SCHEMA', /empty/);
  // Issue 15: the registry attributes readings; a device may leave patient_id empty, never malformed.
  assert.equal(validateBatch(encodeBatch(makeBatch({ patientId: '' }, NOW)), 'dev-00001', NOW).patientId, '');
  rejects(encodeBatch(makeBatch({ patientId: 'pat/1' }, NOW)), 'INGEST_ERR_SCHEMA', /patient_id/);
  rejects(encodeBatch(makeBatch({ sequence: 0 }, NOW)), 'INGEST_ERR_SCHEMA', /sequence/);
  rejects(encodeBatch(makeBatch({ batteryPercent: 130 }, NOW)), 'INGEST_ERR_RANGE', /battery/);
  const big = makeBatch({ samples: Array.from({ length: 3000 }, () => ({ kind: VitalKind.VITAL_KIND_HEART_RATE, value: 70, unit: '/min', measuredAtMs: NOW })) }, NOW);
  rejects(encodeBatch(big), 'INGEST_ERR_TOO_LARGE');
});

test('size limit is checked before decoding', () => {
  const bytes = new Uint8Array(DEFAULT_LIMITS.maxPayloadBytes + 1);
  rejects(bytes, 'INGEST_ERR_TOO_LARGE', /65537 bytes/);
});

test('a replayed reading up to the max age is accepted; older is not', () => {
  const old = NOW - 6 * 24 * 3600_000;
  assert.doesNotThrow(() => validateBatch(encodeBatch(makeBatch({ samples: [{ kind: VitalKind.VITAL_KIND_HEART_RATE, value: 70, unit: '/min', measuredAtMs: old }] }, NOW)), 'dev-00001', NOW));
  rejects(encodeBatch(makeBatch({ samples: [{ kind: VitalKind.VITAL_KIND_HEART_RATE, value: 70, unit: '/min', measuredAtMs: NOW - 8 * 24 * 3600_000 }] }, NOW)), 'INGEST_ERR_RANGE', /older/);
});

test('status: a Last Will built long ago is accepted; a foreign device id is not', () => {
  const will = DeviceStatus.encode({ deviceId: 'dev-1', state: DeviceState.DEVICE_STATE_OFFLINE, reason: 'last-will', atMs: NOW - 30 * 24 * 3600_000 }).finish();
  assert.equal(validateStatus(will, 'dev-1', NOW).state, DeviceState.DEVICE_STATE_OFFLINE);
  assert.throws(() => validateStatus(will, 'dev-2', NOW), /differs from topic/);
  const noState = DeviceStatus.encode({ deviceId: 'dev-1', atMs: NOW }).finish();
  assert.throws(() => validateStatus(noState, 'dev-1', NOW), /state/);
});

test('status: patient id, reason and firmware must be in the id alphabet (issue 16)', () => {
  const now = Date.now();
  const st = (o: Record<string, unknown>) => DeviceStatus.encode(DeviceStatus.create({ deviceId: 'dev-00001', state: DeviceState.DEVICE_STATE_ONLINE, atMs: now, reason: 'connect', ...o })).finish();
  assert.equal(validateStatus(st({ patientId: '' }), 'dev-00001', now).patientId, '');
  assert.equal(validateStatus(st({ patientId: 'pat-00001' }), 'dev-00001', now).patientId, 'pat-00001');
  for (const o of [{ patientId: 'x/#' }, { patientId: 'a+b' }, { patientId: 'a\nb' }, { reason: 'x'.repeat(65) }, { reason: 'a b' }, { firmware: '1.0\n' }]) {
    assert.throws(() => validateStatus(st(o), 'dev-00001', now), /INGEST_ERR_SCHEMA|malformed/, JSON.stringify(o));
  }
});
