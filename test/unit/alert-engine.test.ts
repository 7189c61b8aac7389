import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_ENGINE_CONFIG, fromStored, isDuplicate, newPatientState, onBatch, onCommand, onStatus, onTick, type AlertRecord, type DeviceTrack, type EngineConfig } from '../../services/alerts/engine.js';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import { VitalKind, VitalsBatch } from '../../services/common/proto.js';

const cfg: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, rules: DEFAULT_RULES };
/** The limit mechanics without latching (latching has its own tests in alarm-model.test.ts). */
const noLatch: EngineConfig = { ...cfg, latchHigh: false };
const T0 = 1_780_000_000_000;
let seq = 0;
const spo2 = (value: number, at: number, sequence = ++seq) =>
  VitalsBatch.create({ deviceId: 'dev-1', patientId: 'pat-1', sequence, sentAtMs: at, batteryPercent: 90, samples: [{ kind: VitalKind.VITAL_KIND_SPO2, value, unit: '%', measuredAtMs: at }] });

test('a desaturation raises one high-priority alert only after the delay, and clears past the hysteresis', () => {
  const s = newPatientState('pat-1');
  assert.deepEqual(onBatch(s, cfg, spo2(97, T0), T0), []);
  const raised: AlertRecord[] = [];
  for (let t = 1; t <= 20; t++) raised.push(...onBatch(s, cfg, spo2(85, T0 + t * 1000), T0 + t * 1000).filter((a) => a.kind === 'limit:spo2:low'));
  assert.equal(raised.length, 1, 'one alert for one episode');
  assert.equal(raised[0]!.raisedAt, T0 + 11_000, 'raised when 10 s of violation were seen');
  assert.equal(raised[0]!.priority, 'high');
  // 91 is inside the limit (90) but not past the hysteresis (2): still alarming.
  assert.deepEqual(onBatch(s, cfg, spo2(91, T0 + 21_000), T0 + 21_000).filter((a) => a.kind === 'limit:spo2:low'), []);
  const cleared = onBatch(s, cfg, spo2(93, T0 + 22_000), T0 + 22_000).filter((a) => a.kind === 'limit:spo2:low');
  assert.equal(cleared.length, 1);
  // High priority latches: the condition is over, the alert stays until acknowledged.
  assert.deepEqual([cleared[0]!.state, cleared[0]!.conditionActive, cleared[0]!.latched, cleared[0]!.change], ['open', false, true, 'latched']);
  assert.equal(cleared[0]!.id, raised[0]!.id);
  const acked = onCommand(s, cfg, { type: 'acknowledge', alertId: raised[0]!.id, by: 'nurse-1', at: T0 + 23_000 }).changes;
  assert.deepEqual(acked.map((a) => a.state), ['resolved']);
});

test('a spike shorter than the delay raises nothing', () => {
  const s = newPatientState('pat-1');
  const out = [spo2(97, T0), spo2(84, T0 + 1000), spo2(84, T0 + 5000), spo2(97, T0 + 9000), spo2(84, T0 + 10_000)].flatMap((b) => onBatch(s, cfg, b, T0));
  assert.deepEqual(out.filter((a) => a.kind.startsWith('limit:')), []);
});

test('a redelivered batch (same device and sequence) changes nothing', () => {
  const s = newPatientState('pat-1');
  const first: AlertRecord[] = [];
  for (let t = 0; t <= 12; t++) first.push(...onBatch(s, cfg, spo2(85, T0 + t * 1000, 1000 + t), T0 + t * 1000));
  assert.equal(first.filter((a) => a.kind === 'limit:spo2:low').length, 1);
  const again: AlertRecord[] = [];
  for (let t = 0; t <= 12; t++) again.push(...onBatch(s, cfg, spo2(85, T0 + t * 1000, 1000 + t), T0 + t * 1000));
  assert.deepEqual(again, []);
});

test('a recurrence within the cooldown re-opens the same alert instead of raising a new one', () => {
  const s = newPatientState('pat-1');
  const evs: AlertRecord[] = [];
  const feed = (v: number, t: number) => evs.push(...onBatch(s, noLatch, spo2(v, T0 + t), T0 + t).filter((a) => a.kind === 'limit:spo2:low').map((a) => ({ ...a })));
  for (let t = 0; t <= 12_000; t += 1000) feed(85, t);
  feed(97, 13_000);
  for (let t = 30_000; t <= 42_000; t += 1000) feed(85, t);
  assert.deepEqual(evs.map((e) => e.state), ['open', 'resolved', 'open']);
  assert.equal(new Set(evs.map((e) => e.id)).size, 1);
});

test('offline: Last Will raises, reconnect resolves, stale status ignored, inactivity raises', () => {
  const s = newPatientState('pat-1');
  onBatch(s, cfg, spo2(97, T0), T0);
  const off = onStatus(s, cfg, 'dev-1', false, 'last-will', T0 + 1000);
  assert.equal(off[0]?.kind, 'device-offline:dev-1');
  assert.equal(off[0]?.state, 'open');
  assert.deepEqual(onStatus(s, cfg, 'dev-1', true, 'connect', T0 + 500), [], 'older status ignored');
  assert.equal(onStatus(s, cfg, 'dev-1', true, 'connect', T0 + 3000)[0]?.state, 'resolved');
  assert.deepEqual(onTick(s, cfg, T0 + 3000 + cfg.inactivityMs - 1), []);
  const silent = onTick(s, cfg, T0 + 3000 + cfg.inactivityMs);
  assert.equal(silent.length, 1);
  assert.equal(silent[0]!.kind, 'device-offline:dev-1');
  assert.deepEqual(onTick(s, cfg, T0 + 200_000), [], 'raised once');
  // Data again: online, resolved.
  const back = onBatch(s, cfg, spo2(97, T0 + 300_000), T0 + 300_000);
  assert.equal(back.find((a) => a.kind === 'device-offline:dev-1')?.state, 'resolved');
});

test('acknowledge by command; a second acknowledge is a no-op; resolving a live condition is refused; it clears with the data', () => {
  const s = newPatientState('pat-1');
  const [a] = onStatus(s, cfg, 'dev-1', false, 'last-will', T0);
  assert.equal(onCommand(s, cfg, { type: 'acknowledge', alertId: a!.id, by: 'nurse-1', at: T0 + 1 }).changes[0]?.state, 'acknowledged');
  assert.deepEqual(onCommand(s, cfg, { type: 'acknowledge', alertId: a!.id, by: 'nurse-1', at: T0 + 2 }).changes, []);
  const refused = onCommand(s, cfg, { type: 'resolve', alertId: a!.id, by: 'nurse-1', at: T0 + 3 });
  assert.deepEqual(refused.changes, []);
  assert.match(refused.refused ?? '', /condition still exists/);
  const back = onStatus(s, cfg, 'dev-1', true, 'connect', T0 + 4);
  assert.equal(back[0]?.state, 'resolved');
  assert.equal(back[0]?.acknowledgedBy, 'nurse-1');
});

test('a clean disconnect shows offline without an alarm; a retained replay never raises or resolves', () => {
  const s = newPatientState('pat-1');
  onBatch(s, cfg, spo2(97, T0), T0);
  assert.deepEqual(onStatus(s, cfg, 'dev-1', false, 'clean-disconnect', T0 + 1000), []);
  assert.equal(s.devices['dev-1']!.online, false);
  assert.deepEqual(onTick(s, cfg, T0 + 10 * cfg.inactivityMs), [], 'no inactivity alarm for a device that said goodbye');
  // A Will replayed from the broker's retained store (e.g. after an ingest restart).
  const fresh = newPatientState('pat-2');
  assert.deepEqual(onStatus(fresh, cfg, 'dev-2', false, 'last-will', T0 + 5000, { retained: true, atMs: T0 - 3_600_000 }), []);
  assert.equal(fresh.devices['dev-2']!.online, false, 'shown as offline');
  // A live Will raises; an older retained `online` replay does not resolve it.
  const [off] = onStatus(fresh, cfg, 'dev-2', false, 'last-will', T0 + 6000);
  assert.equal(off?.state, 'open');
  assert.deepEqual(onStatus(fresh, cfg, 'dev-2', true, 'connect', T0 + 7000, { retained: true, atMs: T0 - 60_000 }), []);
  assert.equal(fresh.alerts['device-offline:dev-2']!.state, 'open');
});

test('a whole episode within one worker batch yields "open" then "resolved" (changes are copies, not the live record)', () => {
  const s = newPatientState('pat-1');
  const changes: AlertRecord[] = []; // accumulated as the worker does over a backlog batch, without copying
  for (let t = 0; t <= 12; t++) changes.push(...onBatch(s, noLatch, spo2(85, T0 + t * 1000), T0 + t * 1000));
  changes.push(...onBatch(s, noLatch, spo2(97, T0 + 13_000), T0 + 13_000));
  const episode = changes.filter((a) => a.kind === 'limit:spo2:low');
  assert.deepEqual(episode.map((a) => a.state), ['open', 'resolved']);
  assert.equal(episode[0]!.resolvedAt, null);
  assert.equal(new Set(episode.map((a) => a.id)).size, 1);
});

test('sequence de-duplication as ranges matches a plain set with a window below the highest sequence', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 200 }), fc.integer({ min: 1, max: 16 }), (seqs, window) => {
    const track: DeviceTrack = { lastSeen: 0, online: true, statusAt: 0, seen: [] };
    let model = new Set<number>();
    for (const q of seqs) {
      const expected = model.has(q);
      if (!expected) {
        model.add(q);
        const floor = Math.max(...model) - window + 1;
        model = new Set([...model].filter((x) => x >= floor));
      }
      assert.equal(isDuplicate(track, q, window), expected, `seq ${q}`);
      // Sorted, disjoint, never adjacent (merged), and exactly the model's members.
      const members: number[] = [];
      track.seen.forEach(([a, b], i) => {
        assert.ok(a <= b);
        if (i > 0) assert.ok(a > track.seen[i - 1]![1] + 1, 'ranges merged');
        for (let x = a; x <= b; x++) members.push(x);
      });
      assert.deepEqual(members, [...model].sort((x, y) => x - y));
    }
  }), { numRuns: 300 });
  // A device counting up is one range however long it runs.
  const up: DeviceTrack = { lastSeen: 0, online: true, statusAt: 0, seen: [] };
  for (let q = 1; q <= 10_000; q++) assert.equal(isDuplicate(up, q, 512), false);
  assert.deepEqual(up.seen, [[10_000 - 511, 10_000]]);
});

test('state persisted with the old list of sequences is converted and still recognises them', () => {
  const old = { lastSeen: 0, online: true, statusAt: 0, seqs: [5, 6, 7, 9] } as unknown as DeviceTrack;
  assert.equal(isDuplicate(old, 6, 512), true);
  assert.equal(old.seqs, undefined);
  assert.deepEqual(old.seen, [[5, 7], [9, 9]]);
  assert.equal(isDuplicate(old, 8, 512), false);
  assert.deepEqual(old.seen, [[5, 9]]);
});

test('state persisted with every limit kept (before issue 17) still loads: a pending violation keeps its onset, idle limits are not kept', () => {
  const idle = { since: null, count: 0, alarming: false };
  const old = newPatientState('pat-1');
  old.limits = Object.fromEntries(DEFAULT_RULES.flatMap((r) => [[`${r.vital}:low`, { ...idle }], [`${r.vital}:high`, { ...idle }]]));
  old.limits['spo2:low'] = { since: T0 + 1000, count: 3, alarming: false };
  const s = fromStored(JSON.parse(JSON.stringify(old)) as typeof old); // as the worker loads it from the state topic
  assert.deepEqual(s.limits, { 'spo2:low': { since: T0 + 1000, count: 3, alarming: false } });
  // The onset persisted before the restart counts: 10 s after it, the alarm.
  assert.deepEqual(onBatch(s, cfg, spo2(85, T0 + 10_000), T0 + 10_000).filter((a) => a.kind === 'limit:spo2:low'), []);
  const raised = onBatch(s, cfg, spo2(85, T0 + 11_000), T0 + 11_000).filter((a) => a.kind === 'limit:spo2:low');
  assert.deepEqual(raised.map((a) => [a.change, a.raisedAt]), [['raised', T0 + 11_000]]);
  // What is persisted now: only the limit that is not in its initial state.
  assert.deepEqual(JSON.parse(JSON.stringify(s)).limits, { 'spo2:low': { since: T0 + 1000, count: 5, alarming: true } });
  // Cleared past the hysteresis: back to the initial state, so not kept either.
  assert.equal(onBatch(s, noLatch, spo2(93, T0 + 12_000), T0 + 12_000).filter((a) => a.kind === 'limit:spo2:low')[0]?.change, 'resolved');
  assert.deepEqual(s.limits, {});
});

test('a limit onset is kept from one batch to the next, with no idle limit state in between', () => {
  const s = newPatientState('pat-1');
  onBatch(s, cfg, spo2(97, T0), T0);
  assert.deepEqual(s.limits, {}, 'inside every limit: nothing kept');
  onBatch(s, cfg, spo2(85, T0 + 1000), T0 + 1000);
  assert.deepEqual(s.limits, { 'spo2:low': { since: T0 + 1000, count: 1, alarming: false } });
  const r = JSON.parse(JSON.stringify(s)) as typeof s; // a restart in the middle of the delay
  assert.deepEqual(onBatch(r, cfg, spo2(85, T0 + 11_000), T0 + 11_000).filter((a) => a.kind === 'limit:spo2:low').map((a) => a.raisedAt), [T0 + 11_000]);
});

test('samples of one batch out of time order are evaluated in time order', () => {
  const s = newPatientState('pat-1');
  const samples = [T0 + 10_000, T0, T0 + 5000, T0 + 11_000].map((at, i) => ({ kind: VitalKind.VITAL_KIND_SPO2, value: i === 3 ? 97 : 85, unit: '%', measuredAtMs: at }));
  const out = onBatch(s, cfg, VitalsBatch.create({ deviceId: 'dev-1', patientId: 'pat-1', sequence: ++seq, sentAtMs: T0 + 11_000, batteryPercent: 90, samples }), T0 + 11_000);
  // In time order: 85 from T0 to T0+10 s (10 s: raised at T0+10 s), then 97 (inside, not past the latch).
  assert.deepEqual(out.filter((a) => a.kind === 'limit:spo2:low').map((a) => [a.change, a.raisedAt]), [['raised', T0 + 10_000], ['latched', T0 + 10_000]]);
  assert.deepEqual(s.latest.spo2, { value: 97, at: T0 + 11_000 });
});
