// The latency step provokes enough alarms for a p99, spread over devices and time (issue 17).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAMPLES_PER_MSG } from '../bench/context.js';
import { desaturations, latencyShape } from '../bench/latency.js';

test('the latency step has a device per alarm at least, at the same sample rate', () => {
  const s = latencyShape(6000, 30, 120);
  assert.equal(s.devices, 120);
  assert.equal(Math.round((s.devices * SAMPLES_PER_MSG * 1000) / s.intervalMs), 6000);
  assert.equal(s.batches, Math.round(30_000 / s.intervalMs));
  // A rate whose own shape has more devices keeps it.
  assert.equal(latencyShape(36_000, 30, 120).devices, 240);
});

test('one desaturation per device, starts spread from 2 s to 20 s before the end', () => {
  const d = desaturations(120, 60);
  assert.equal(d.length, 120);
  assert.deepEqual(new Set(d.map((x) => x.device)).size, 120);
  assert.equal(d[0]!.startMs, 2000);
  assert.equal(d.at(-1)!.startMs, 40_000);
  for (let i = 1; i < d.length; i++) assert.ok(d[i]!.startMs >= d[i - 1]!.startMs);
  // A short step still leaves each episode time to complete its 10 s delay.
  assert.ok(desaturations(120, 30).every((x) => x.startMs <= 10_000));
});
