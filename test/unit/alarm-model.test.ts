// Issue 14: each alarm rule of the engine, table-driven where it fits. The real-stack
// counterparts are in test/integration/alarms.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_ENGINE_CONFIG, categoryOf, isDuplicateBatch, needsTick, newPatientState, onBatch, onCommand, onObservation, onTick,
  trackClock, type AlertRecord, type DeviceTrack, type EngineConfig, type PatientState,
} from '../../services/alerts/engine.js';
import { DEFAULT_RULES, type Priority } from '../../services/alerts/limits.js';
import { VitalKind, VitalsBatch } from '../../services/common/proto.js';

const cfg: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, rules: DEFAULT_RULES };
const T0 = 1_780_000_000_000;
const K = VitalKind;

/** One batch of one device; each sample at `at` unless given. */
function batch(o: { at: number; seq: number; boot?: string; dev?: string; battery?: number; sentAt?: number; samples?: [VitalKind, number, number?][] }) {
  return VitalsBatch.create({
    deviceId: o.dev ?? 'dev-1', patientId: 'pat-1', sequence: o.seq, sentAtMs: o.sentAt ?? o.at, batteryPercent: o.battery ?? 90, bootId: o.boot ?? '',
    samples: (o.samples ?? [[K.VITAL_KIND_SPO2, 97]]).map(([kind, value, at]) => ({ kind, value, unit: '', measuredAtMs: at ?? o.at })),
  });
}

/** Feeds SpO2 values one per second from T0 (seq and receive time follow); returns the changes. */
function feedSpo2(s: PatientState, c: EngineConfig, values: number[], start = 0, seq0 = 1): AlertRecord[] {
  return values.flatMap((v, i) => onBatch(s, c, batch({ at: T0 + (start + i) * 1000, seq: seq0 + start + i, samples: [[K.VITAL_KIND_SPO2, v]] }), T0 + (start + i) * 1000));
}
const spo2Changes = (xs: AlertRecord[]) => xs.filter((a) => a.kind === 'limit:spo2:low');
const LOW12 = Array<number>(12).fill(85);

test('categories: technical alarm conditions are apart from physiological ones', () => {
  const table: [string, 'physiological' | 'technical'][] = [
    ['limit:spo2:low', 'physiological'], ['news2', 'physiological'], ['device-offline:dev-1', 'technical'], ['battery-low:dev-1', 'technical'],
    ['sensor-off:dev-1:spo2', 'technical'], ['clock-skew:dev-1', 'technical'], ['monitoring-interrupted', 'technical'],
  ];
  for (const [kind, category] of table) assert.equal(categoryOf(kind), category, kind);
});

test('latching: high priority stays until acknowledged after its condition ends; lower priorities resolve', () => {
  const table: { priority: Priority; ackBefore: boolean; after: [string, boolean, boolean] }[] = [
    { priority: 'high', ackBefore: false, after: ['open', true, false] }, // latched, condition over
    { priority: 'high', ackBefore: true, after: ['resolved', false, false] },
    { priority: 'medium', ackBefore: false, after: ['resolved', false, false] },
    { priority: 'low', ackBefore: false, after: ['resolved', false, false] },
  ];
  for (const row of table) {
    const c: EngineConfig = { ...cfg, rules: DEFAULT_RULES.map((r) => (r.vital === 'spo2' ? { ...r, priority: row.priority } : r)) };
    const s = newPatientState('pat-1');
    const raised = spo2Changes(feedSpo2(s, c, LOW12));
    assert.equal(raised.length, 1);
    if (row.ackBefore) onCommand(s, c, { type: 'acknowledge', alertId: raised[0]!.id, by: 'n', at: T0 + 12_500 });
    const [end] = spo2Changes(feedSpo2(s, c, [97], 13));
    assert.deepEqual([end!.state, end!.latched, end!.conditionActive], row.after, `${row.priority} ack=${row.ackBefore}`);
  }
});

test('a latched alert: acknowledging ends it; a manual resolve is allowed (its condition is over); its condition returning makes it active again', () => {
  const s = newPatientState('pat-1');
  const [raised] = spo2Changes(feedSpo2(s, cfg, LOW12));
  const [latched] = spo2Changes(feedSpo2(s, cfg, [97], 13));
  assert.equal(latched!.change, 'latched');
  const back = spo2Changes(feedSpo2(s, cfg, Array<number>(12).fill(85), 20));
  assert.deepEqual(back.map((a) => [a.id, a.change, a.conditionActive, a.state]), [[raised!.id, 'condition-returned', true, 'open']]);
  spo2Changes(feedSpo2(s, cfg, [97], 40));
  const r = onCommand(s, cfg, { type: 'resolve', alertId: raised!.id, by: 'n', at: T0 + 41_000 });
  assert.deepEqual(r.changes.map((a) => a.state), ['resolved']);
});

test('a manual resolve is refused while the condition exists, at any state', () => {
  for (const ackFirst of [false, true]) {
    const s = newPatientState('pat-1');
    const [raised] = spo2Changes(feedSpo2(s, cfg, LOW12));
    if (ackFirst) onCommand(s, cfg, { type: 'acknowledge', alertId: raised!.id, by: 'n', at: T0 + 12_100 });
    const r = onCommand(s, cfg, { type: 'resolve', alertId: raised!.id, by: 'n', at: T0 + 12_200 });
    assert.deepEqual(r.changes, []);
    assert.match(r.refused!, /condition still exists/);
    assert.notEqual(s.alerts['limit:spo2:low']!.state, 'resolved');
    // ... and the alarm goes on: the condition clears with the data, not before.
    assert.deepEqual(spo2Changes(feedSpo2(s, cfg, [85, 85], 12)), []);
  }
});

test('acknowledgement is time-limited per priority: it re-opens at expiry if the condition persists, not if it ended', () => {
  for (const priority of ['high', 'medium', 'low'] as Priority[]) {
    const c: EngineConfig = { ...cfg, rules: DEFAULT_RULES.map((r) => (r.vital === 'spo2' ? { ...r, priority } : r)) };
    const s = newPatientState('pat-1');
    const [raised] = spo2Changes(feedSpo2(s, c, LOW12));
    const ackAt = T0 + 12_000;
    const [acked] = onCommand(s, c, { type: 'acknowledge', alertId: raised!.id, by: 'n', at: ackAt }).changes;
    s.devices['dev-1']!.lastSeen = ackAt + c.ackTimeoutMs[priority]; // the device stays live: this is about the alert
    assert.equal(acked!.acknowledgedUntil, ackAt + c.ackTimeoutMs[priority], priority);
    assert.equal(needsTick(s, c, ackAt + c.ackTimeoutMs[priority] - 1), false);
    assert.deepEqual(onTick(s, c, ackAt + c.ackTimeoutMs[priority] - 1).filter((a) => a.kind === 'limit:spo2:low'), []);
    assert.equal(needsTick(s, c, ackAt + c.ackTimeoutMs[priority]), true);
    const [expired] = onTick(s, c, ackAt + c.ackTimeoutMs[priority]).filter((a) => a.kind === 'limit:spo2:low');
    assert.deepEqual([expired!.state, expired!.change], ['open', 'acknowledgement-expired'], priority);
  }
  // Condition ended while acknowledged: resolved then, nothing at the expiry.
  const s = newPatientState('pat-1');
  const [raised] = spo2Changes(feedSpo2(s, cfg, LOW12));
  onCommand(s, cfg, { type: 'acknowledge', alertId: raised!.id, by: 'n', at: T0 + 12_000 });
  assert.equal(spo2Changes(feedSpo2(s, cfg, [97], 13))[0]!.state, 'resolved');
  assert.deepEqual(onTick(s, cfg, T0 + 12_000 + cfg.ackTimeoutMs.high).filter((a) => a.kind === 'limit:spo2:low'), []);
});

test('a priority rise re-opens an acknowledged alert (battery low -> critical)', () => {
  const s = newPatientState('pat-1');
  const [low] = onBatch(s, cfg, batch({ at: T0, seq: 1, battery: 18 }), T0).filter((a) => a.kind === 'battery-low:dev-1');
  assert.equal(low!.priority, 'low');
  onCommand(s, cfg, { type: 'acknowledge', alertId: low!.id, by: 'n', at: T0 + 1 });
  assert.equal(s.alerts['battery-low:dev-1']!.state, 'acknowledged');
  const [rose] = onBatch(s, cfg, batch({ at: T0 + 1000, seq: 2, battery: 9 }), T0 + 1000).filter((a) => a.kind === 'battery-low:dev-1');
  assert.deepEqual([rose!.id, rose!.priority, rose!.state, rose!.change], [low!.id, 'medium', 'open', 'priority-raised']);
});

test('escalation: one level per priority period without acknowledgement, capped; low never; an acknowledgement stops it', () => {
  const table: { priority: Priority; at: number; level: number }[] = [
    { priority: 'high', at: 59_999, level: 0 }, { priority: 'high', at: 60_000, level: 1 }, { priority: 'high', at: 125_000, level: 2 }, { priority: 'high', at: 900_000, level: 3 },
    { priority: 'medium', at: 179_999, level: 0 }, { priority: 'medium', at: 180_000, level: 1 }, { priority: 'low', at: 3_600_000, level: 0 },
  ];
  for (const row of table) {
    const c: EngineConfig = { ...cfg, rules: DEFAULT_RULES.map((r) => (r.vital === 'spo2' ? { ...r, priority: row.priority } : r)) };
    const s = newPatientState('pat-1');
    const [raised] = spo2Changes(feedSpo2(s, c, LOW12));
    // Keep the device "live" for the inactivity timer: this is about the alert only.
    s.devices['dev-1']!.lastSeen = raised!.raisedAt + row.at;
    onTick(s, c, raised!.raisedAt + row.at);
    assert.equal(s.alerts['limit:spo2:low']!.escalationLevel, row.level, `${row.priority} at +${row.at}`);
  }
  const s = newPatientState('pat-1');
  const [raised] = spo2Changes(feedSpo2(s, cfg, LOW12));
  onCommand(s, cfg, { type: 'acknowledge', alertId: raised!.id, by: 'n', at: raised!.raisedAt + 1000 });
  s.devices['dev-1']!.lastSeen = raised!.raisedAt + 100_000;
  assert.deepEqual(onTick(s, cfg, raised!.raisedAt + 100_000).filter((a) => a.change === 'escalated'), []);
});

test('de-duplication per (device, boot, sequence), with reboot detection without a boot id', () => {
  type Row = [boot: string, seq: number, sentAt: number, duplicate: boolean, why: string];
  const tables: Row[][] = [
    [
      ['a', 1, 1, false, 'first'], ['a', 2, 2, false, 'next'], ['a', 2, 2, true, 'redelivery'],
      ['b', 1, 3, false, 'new boot: sequence 1 again'], ['b', 2, 4, false, 'next in the new boot'],
      ['a', 2, 2, true, 'late redelivery from the previous boot'], ['b', 1, 3, true, 'redelivery in the new boot'],
    ],
    [
      ['', 1, 100, false, 'first'], ['', 2, 200, false, ''], ['', 3, 300, false, ''], ['', 4, 400, false, ''],
      ['', 3, 300, true, 'redelivery (same sent-at)'],
      ['', 1, 500, false, 'restart: far below, newer sent-at'], ['', 2, 600, false, 'after restart'],
      ['', 4, 400, true, 'late redelivery from before the restart'], ['', 2, 600, true, 'redelivery after restart'],
      ['', 3, 700, false, 'after restart'],
    ],
  ];
  for (const rows of tables) {
    const track: DeviceTrack = { lastSeen: 0, online: true, statusAt: 0, seen: [] };
    for (const [boot, seq, sentAt, dup, why] of rows) assert.equal(isDuplicateBatch(track, { bootId: boot, sequence: seq, sentAtMs: sentAt }, 512), dup, `${boot || '(none)'} #${seq} @${sentAt}: ${why}`);
  }
});

test('a device that reboots mid-episode keeps alarming and is not taken as silent', () => {
  for (const boot of ['boot-2', '']) {
    const s = newPatientState('pat-1');
    for (let i = 1; i <= 40; i++) onBatch(s, cfg, batch({ at: T0 + i * 1000, seq: i, boot: boot ? 'boot-1' : '', samples: [[K.VITAL_KIND_SPO2, 97]] }), T0 + i * 1000);
    const out: AlertRecord[] = [];
    for (let i = 1; i <= 12; i++) {
      const at = T0 + (40 + i) * 1000;
      out.push(...onBatch(s, cfg, batch({ at, seq: i, boot, samples: [[K.VITAL_KIND_SPO2, 85]] }), at));
    }
    assert.equal(spo2Changes(out).length, 1, `alarm after reboot (${boot || 'no boot id'})`);
    assert.deepEqual(onTick(s, cfg, T0 + 53_000).filter((a) => a.kind.startsWith('device-offline')), []);
  }
});

test('device clock offset: median of paced batches; a delivery backlog and one odd batch do not move it', () => {
  const table: { name: string; batches: [sentAt: number, receivedAt: number][]; offset: number }[] = [
    { name: 'accurate', batches: [[1000, 1050], [2000, 2040], [3000, 3060]], offset: -50 },
    { name: 'ahead 120 s', batches: [[121_000, 1000], [122_000, 2000], [123_000, 3000]], offset: 120_000 },
    { name: 'one future batch', batches: [[1000, 1000], [292_000, 2000], [3000, 3000], [4000, 4000], [5000, 5000]], offset: 0 },
    // Queued while the ingest was down, then delivered at once: not paced, not counted.
    { name: 'backlog', batches: [[1000, 1000], [2000, 2000], [3000, 3000], [4000, 60_000], [5000, 60_001], [6000, 60_002], [7000, 60_003]], offset: 0 },
    { name: 'under three batches', batches: [[121_000, 1000], [122_000, 2000]], offset: 0 },
  ];
  for (const row of table) {
    const track: DeviceTrack = { lastSeen: 0, online: true, statusAt: 0, seen: [] };
    let offset = 0;
    for (const [sent, received] of row.batches) offset = trackClock(track, sent, received);
    assert.equal(offset, row.offset, row.name);
  }
});

test('clock skew: a technical alarm past the bound, samples on receive time, cleared when the clock is back', () => {
  const s = newPatientState('pat-1');
  const out: AlertRecord[] = [];
  for (let i = 0; i < 14; i++) {
    const rx = T0 + i * 1000;
    out.push(...onBatch(s, cfg, batch({ at: rx + 120_000, seq: i + 1, samples: [[K.VITAL_KIND_SPO2, 85]] }), rx));
  }
  const skew = out.find((a) => a.kind === 'clock-skew:dev-1')!;
  assert.equal(skew.category, 'technical');
  const spo2 = spo2Changes(out)[0]!;
  // The first low sample was received at T0: raised after the 10 s delay on receive time, not 120 s later.
  assert.equal(spo2.raisedAt - T0, 10_000);
  for (let i = 14; i < 20; i++) out.push(...onBatch(s, cfg, batch({ at: T0 + i * 1000, seq: i + 1, samples: [[K.VITAL_KIND_SPO2, 97]] }), T0 + i * 1000));
  assert.equal(s.alerts['clock-skew:dev-1']!.state, 'resolved');
});

test('a sample stamped in the future does not mask later ones', () => {
  const s = newPatientState('pat-1');
  onBatch(s, cfg, batch({ at: T0, seq: 1 }), T0);
  onBatch(s, cfg, batch({ at: T0 + 1000, seq: 2, samples: [[K.VITAL_KIND_SPO2, 97, T0 + 1000 + 290_000]] }), T0 + 1000);
  assert.equal(s.latest.spo2!.at, T0 + 1000, 'put on its receive time');
  const out = feedSpo2(s, cfg, LOW12, 2, 1);
  assert.equal(spo2Changes(out).length, 1);
});

test('low battery: two thresholds, clears with a margin; 0 means not reported', () => {
  const table: [battery: number, kind: string | null, priority?: Priority][] = [
    [90, null], [0, null], [20.5, null], [20, 'open', 'low'], [15, 'open', 'low'], [10, 'open', 'medium'], [22, 'open', 'medium'], [26, 'resolved', 'medium'],
  ];
  const s = newPatientState('pat-1');
  table.forEach(([battery, state, priority], i) => {
    onBatch(s, cfg, batch({ at: T0 + i * 1000, seq: i + 1, battery }), T0 + i * 1000);
    const a = s.alerts['battery-low:dev-1'];
    assert.deepEqual(a ? [a.state, a.priority, a.category] : [null], state ? [state, priority, 'technical'] : [null], `battery ${battery}`);
  });
});

test('sensor off: a continuous vital missing from a live device for the bound raises a technical alarm; its return clears it', () => {
  const s = newPatientState('pat-1');
  const both: [VitalKind, number][] = [[K.VITAL_KIND_SPO2, 97], [K.VITAL_KIND_HEART_RATE, 70]];
  onBatch(s, cfg, batch({ at: T0, seq: 1, samples: both }), T0);
  const out: AlertRecord[] = [];
  for (let i = 1; i <= 31; i++) out.push(...onBatch(s, cfg, batch({ at: T0 + i * 1000, seq: i + 1, samples: [[K.VITAL_KIND_HEART_RATE, 70]] }), T0 + i * 1000));
  const off = out.filter((a) => a.kind === 'sensor-off:dev-1:spo2');
  assert.equal(off.length, 1);
  assert.equal(off[0]!.raisedAt, T0 + cfg.sensorOffMs);
  assert.equal(off[0]!.category, 'technical');
  const back = onBatch(s, cfg, batch({ at: T0 + 32_000, seq: 33, samples: both }), T0 + 32_000).filter((a) => a.kind === 'sensor-off:dev-1:spo2');
  assert.equal(back[0]!.state, 'resolved');
});

test('NEWS2 in the engine: incomplete without oxygen and consciousness; nurse observations complete it; SpO2 scale 2 from a clinician', () => {
  const s = newPatientState('pat-1');
  const vitals: [VitalKind, number][] = [[K.VITAL_KIND_RESPIRATORY_RATE, 22], [K.VITAL_KIND_SPO2, 89], [K.VITAL_KIND_BP_SYSTOLIC, 120], [K.VITAL_KIND_HEART_RATE, 80], [K.VITAL_KIND_BODY_TEMPERATURE, 37]];
  const [first] = onBatch(s, cfg, batch({ at: T0, seq: 1, samples: vitals }), T0).filter((a) => a.kind === 'news2');
  // RR 22 -> 2, SpO2 89 (scale 1) -> 3: at least 5, medium; oxygen and consciousness not assumed.
  assert.equal(first!.news2Score, 5);
  assert.equal(first!.news2Band, 'medium');
  assert.equal(first!.news2Missing, 'air or oxygen, consciousness');
  assert.match(first!.message, /at least 5.*incomplete: air or oxygen, consciousness not recorded/);
  assert.match(first!.news2Response, /urgent response/);
  // On oxygen (2) and confused (3): 10, high; the alert rises.
  const [rose] = onObservation(s, cfg, { type: 'observation', consciousness: 'C', supplementalOxygen: true, by: 'nurse', at: T0 + 1000 });
  assert.deepEqual([rose!.news2Score, rose!.news2Band, rose!.priority, rose!.news2Missing], [10, 'high', 'high', '']);
  // Scale 2 (hypercapnic): 89% on oxygen scores 0 -> 2 + 2 + 3 = 7, still high.
  onObservation(s, cfg, { type: 'spo2-scale', scale: 2, reason: 'COPD with type 2 respiratory failure', by: 'dr', at: T0 + 2000 });
  assert.deepEqual(s.news2, { score: 7, band: 'high' });
  // Alert again: 2 + 0 + 2 = 4, low: the condition ends (high priority: latched until acknowledged).
  const [latched] = onObservation(s, cfg, { type: 'observation', consciousness: 'A', by: 'nurse', at: T0 + 3000 });
  assert.deepEqual([latched!.change, latched!.conditionActive], ['latched', false]);
});
