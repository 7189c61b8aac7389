import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeviceLimits } from '../../services/ingest/device-limits.js';

const o = { ratePerS: 4, burst: 10, maxPatients: 2, patientWindowMs: 60_000, maxDevices: 3, backlogMs: 60_000 };

test('a backlog delivered at once passes when the device spaced it on its own clock', () => {
  const l = new DeviceLimits(o);
  const now = 1_000_000;
  // 100 batches sent 250 ms apart over the last 25 s, all arriving now.
  for (let i = 0; i < 100; i++) assert.equal(l.telemetry('d', 'p', now - 25_000 + i * 250, now), null, `batch ${i}`);
});

test('a flood on one clock instant is refused past the burst; a clock running backwards buys nothing', () => {
  const l = new DeviceLimits(o);
  const now = 1_000_000;
  const verdicts = Array.from({ length: 20 }, () => l.telemetry('d', 'p', now, now));
  assert.equal(verdicts.filter((v) => v === null).length, 10);
  assert.equal(l.telemetry('d', 'p', now - 50_000, now)?.reason, 'INGEST_ERR_RATE');
});

test('distinct patient ids are capped per device; the device map is bounded', () => {
  const l = new DeviceLimits(o);
  assert.equal(l.telemetry('d', 'p1', 1000, 1000), null);
  assert.equal(l.telemetry('d', 'p2', 1001, 1001), null);
  assert.equal(l.telemetry('d', 'p3', 1002, 1002)?.reason, 'INGEST_ERR_PATIENT_LIMIT');
  assert.equal(l.telemetry('d', 'p3', 100_000, 100_000), null, 'after the window');
  for (const d of ['a', 'b', 'c', 'e']) l.telemetry(d, 'p', 1000, 1000);
  assert.equal(l.size, 3);
});

test('a QoS 1 redelivery takes no token (issue 17): the broker\'s (DUP) always, a device\'s resend of an accepted batch at most twice; new batches still refused', () => {
  const l = new DeviceLimits({ ratePerS: 1, burst: 3, maxPatients: 4, patientWindowMs: 60_000, maxDevices: 10 });
  const now = 1_000_000;
  const send = (seq: number, brokerRedelivery = false, sentAt = now) => l.telemetry('d', 'p', sentAt, now, { sequence: seq, brokerRedelivery });
  for (const seq of [1, 2, 3]) assert.equal(send(seq), null);
  // The bucket is empty: the broker redelivers all three (DUP), twice.
  for (const seq of [1, 2, 3, 1, 2, 3]) assert.equal(send(seq, true), null);
  // The device resends batch 1 itself: free twice, then metered (replaying one batch is a flood).
  assert.equal(send(1), null);
  assert.equal(send(1), null);
  assert.equal(send(1)?.reason, 'INGEST_ERR_RATE');
  // A new batch with the same clock, or an old sequence with another sent-at, is not a resend.
  assert.equal(send(4)?.reason, 'INGEST_ERR_RATE');
  assert.equal(send(2, false, now - 1)?.reason, 'INGEST_ERR_RATE');
  // A refused batch is not remembered as accepted: its resend is metered too.
  assert.equal(send(4)?.reason, 'INGEST_ERR_RATE');
});
