import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Alert, AlertCategory, AlertPriority, AlertState, DeviceState, DeviceStatus, VitalKind, VitalsBatch } from '../../services/common/proto.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';

test('VitalsBatch round-trips every field', () => {
  const init = makeBatch({ sequence: 9_007_199_254_740_991 });
  const decoded = VitalsBatch.decode(encodeBatch(init));
  assert.equal(decoded.deviceId, 'dev-00001');
  assert.equal(decoded.patientId, 'pat-00001');
  assert.equal(decoded.sequence, Number.MAX_SAFE_INTEGER);
  assert.equal(typeof decoded.sentAtMs, 'number');
  assert.equal(decoded.sentAtMs, init.sentAtMs);
  assert.equal(decoded.batteryPercent, 87.5);
  assert.equal(decoded.firmware, '1.4.2');
  assert.equal(decoded.bootId, '', 'no boot id unless the device sends one');
  assert.equal(VitalsBatch.decode(encodeBatch({ ...init, bootId: 'boot-7f3a' })).bootId, 'boot-7f3a');
  assert.equal(decoded.samples.length, 3);
  assert.deepEqual(
    decoded.samples.map((s) => [s.kind, s.value, s.unit, s.measuredAtMs]),
    init.samples!.map((s) => [s.kind, s.value, s.unit, s.measuredAtMs]),
  );
});

test('DeviceStatus and Alert round-trip', () => {
  const status = { deviceId: 'dev-1', state: DeviceState.DEVICE_STATE_OFFLINE, reason: 'last-will', atMs: 1_700_000_000_000, firmware: '2.0', patientId: 'p-1' };
  assert.deepEqual(DeviceStatus.toObject(DeviceStatus.decode(DeviceStatus.encode(status).finish())), status);
  const alert = {
    alertId: 'a-1', patientId: 'p-1', deviceId: 'dev-1', kind: 'limit:spo2:low', priority: AlertPriority.ALERT_PRIORITY_HIGH,
    state: AlertState.ALERT_STATE_OPEN, vital: VitalKind.VITAL_KIND_SPO2, value: 85, threshold: 90, message: 'SpO2 low',
    raisedAtMs: 1_700_000_000_000, updatedAtMs: 1_700_000_000_500, news2Score: 7, news2Band: 'high', acknowledgedBy: '',
    // Issue 14 (fields 16-24, added, none renumbered).
    category: AlertCategory.ALERT_CATEGORY_PHYSIOLOGICAL, conditionActive: true, latched: false, escalationLevel: 2, escalatedAtMs: 1_700_000_120_000,
    acknowledgedUntilMs: 0, news2Missing: 'air or oxygen', news2Response: 'urgent or emergency response', change: 'escalated',
  };
  const back = Alert.toObject(Alert.decode(Alert.encode(alert).finish()), { defaults: true });
  assert.deepEqual(back, alert);
});

test('truncated bytes are rejected by the decoder', () => {
  const bytes = encodeBatch(makeBatch());
  for (const cut of [1, 5, bytes.length - 3, bytes.length - 1]) {
    assert.throws(() => VitalsBatch.decode(bytes.subarray(0, cut)), /index out of range|invalid wire type|length/i, `cut at ${cut}`);
  }
});

test('garbage bytes are rejected by the decoder', () => {
  const garbage = [
    Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    Buffer.from('{"deviceId":"dev-1"}'),
    Buffer.from([0x0f]),
  ];
  for (const g of garbage) assert.throws(() => VitalsBatch.decode(g));
});

test('unknown fields from a newer contract are skipped, not fatal', () => {
  const bytes = encodeBatch(makeBatch());
  // field 99, varint wire type, value 1: what a future vitals.v1 could add.
  const extended = Buffer.concat([Buffer.from(bytes), Buffer.from([0x98, 0x06, 0x01])]);
  assert.equal(VitalsBatch.decode(extended).deviceId, 'dev-00001');
});
