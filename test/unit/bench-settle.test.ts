// The bench's "broker at rest" rule (issue 17, latency): no save of the store for the quiet time.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { brokerSettle, settleFrom } from '../bench/broker-settle.js';
import { noBacklogRate } from '../bench/report.js';
import type { Step } from '../bench/steps.js';

test('settled once no save came for the quiet time; the last save ends the backlog', () => {
  assert.deepEqual(settleFrom([], 1000), { settled: false, lastSaveAt: 0 });
  // Nothing saved at all: at rest from the start.
  assert.deepEqual(settleFrom([{ at: 0, saves: 0 }, { at: 500, saves: 0 }, { at: 1000, saves: 0 }], 1000), { settled: true, lastSaveAt: 0 });
  // Saves until 750 ms, then quiet: at rest once 1 s has passed since.
  const polls = [{ at: 0, saves: 0 }, { at: 250, saves: 3 }, { at: 500, saves: 5 }, { at: 750, saves: 6 }, { at: 1500, saves: 6 }];
  assert.deepEqual(settleFrom(polls, 1000), { settled: false, lastSaveAt: 750 });
  assert.deepEqual(settleFrom([...polls, { at: 1750, saves: 6 }], 1000), { settled: true, lastSaveAt: 750 });
  // A save after a quiet stretch shorter than the quiet time restarts it.
  assert.equal(settleFrom([{ at: 0, saves: 0 }, { at: 900, saves: 0 }, { at: 1000, saves: 1 }, { at: 1500, saves: 1 }], 1000).settled, false);
});

test('brokerSettle reads the broker log: a broker that keeps saving is not at rest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'settle-'));
  const log = join(dir, 'mosquitto.log'), store = join(dir, 'mosquitto.db');
  writeFileSync(log, 'x: Saving in-memory database to /x.\n');
  writeFileSync(store, Buffer.alloc(4096));
  const quiet = await brokerSettle(log, store, { quietMs: 200, timeoutMs: 2000, pollMs: 50 });
  assert.equal(quiet.settled, true);
  assert.equal(quiet.saves, 0); // saves before the call do not count
  assert.equal(quiet.storeKbAfter, 4);
  const busy = setInterval(() => appendFileSync(log, 'x: Saving in-memory database to /x.\n'), 20);
  try {
    const r = await brokerSettle(log, store, { quietMs: 200, timeoutMs: 600, pollMs: 50 });
    assert.equal(r.settled, false);
    assert.ok(r.saves > 5, `saves ${r.saves}`);
    assert.ok(r.settleMs >= 600);
  } finally {
    clearInterval(busy);
  }
});

test('noBacklogRate: a step after which the broker took 3 s or more to be at rest had a backlog', () => {
  const at = (settleMs: number, settled = true) => ({ settled, settleMs, saves: 0, storeKbBefore: 0, storeKbAfter: 0 });
  const step = (rate: number, o: Partial<Step>): Step => ({ rate, devices: 20, intervalMs: 200, achieved: rate, acked: rate, samplesAcked: 1_000_000, failed: 0, lost: 0, drainMs: 0, pass: true, usage: {}, ...o });
  assert.equal(noBacklogRate({ sustained: 12000, steps: [step(3000, { broker: at(0) }), step(6000, { broker: at(2900) }), step(12000, { broker: at(3000) })] }), 6000);
  assert.equal(noBacklogRate({ sustained: 6000, steps: [step(3000, {}), step(6000, { broker: at(30_000, false), pass: false })] }), 3000);
});
