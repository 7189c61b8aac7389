// Pure logic of issue 15 part 3: assignment history, attribution of a batch by measured time,
// the unassigned line protocol, and the engine's discharge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPatientState, onDischarge, DEFAULT_ENGINE_CONFIG } from '../../services/alerts/engine.js';
import { batchToLines } from '../../services/common/line-protocol.js';
import { assignedAt, MAX_HISTORY, withAssignment, withEnded } from '../../services/common/patient-records.js';
import { VitalKind, VitalsBatch } from '../../services/common/proto.js';
import { DEFAULT_LIMITS } from '../../services/common/validate.js';
import { attributeBatch, PATIENT_MISMATCH } from '../../services/ingest/attribute.js';
import { classify } from '../../services/ingest/classify.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';

const T = Date.parse('2026-11-30T10:00:00Z');
const topics = { vitals: 'v', status: 's', deadLetter: 'd' };

test('assignment history: a new assignment ends the open one, spans never overlap, the history is bounded', () => {
  let r = withAssignment('dev-1', undefined, 'pat-a', T);
  r = withAssignment('dev-1', r, 'pat-b', T + 60_000);
  assert.deepEqual(r.history.map((h) => [h.patientId, h.from, h.to]), [
    ['pat-a', new Date(T).toISOString(), new Date(T + 60_000).toISOString()],
    ['pat-b', new Date(T + 60_000).toISOString(), null],
  ]);
  assert.equal(assignedAt(r, T - 1), null, 'before the first assignment: nobody');
  assert.equal(assignedAt(r, T), 'pat-a');
  assert.equal(assignedAt(r, T + 59_999), 'pat-a');
  assert.equal(assignedAt(r, T + 60_000), 'pat-b', 'the boundary belongs to the new span');
  const ended = withEnded(r, T + 120_000);
  assert.equal(assignedAt(ended, T + 119_999), 'pat-b');
  assert.equal(assignedAt(ended, T + 120_000), null);
  // Back-dating over a later span replaces it rather than overlapping.
  const back = withAssignment('dev-1', r, 'pat-c', T + 30_000);
  assert.deepEqual(back.history.map((h) => h.patientId), ['pat-a', 'pat-c']);
  assert.equal(assignedAt(back, T + 90_000), 'pat-c');
  let many = withAssignment('dev-1', undefined, 'p0', T);
  for (let i = 1; i <= MAX_HISTORY + 5; i++) many = withAssignment('dev-1', many, `p${i}`, T + i * 1000);
  assert.equal(many.history.length, MAX_HISTORY);
  assert.equal(many.history.at(-1)!.patientId, `p${MAX_HISTORY + 5}`);
});

test('attribution: by each sample\'s measured time, split across a re-assignment, dead letter on a disagreeing payload id', () => {
  const lookup = (_d: string, at: number) => (at < T ? 'pat-old' : at < T + 60_000 ? 'pat-new' : null);
  const batchOf = (patientId: string, times: number[]) => {
    const bytes = Buffer.from(encodeBatch(makeBatch({ patientId, sentAtMs: T + 100_000, samples: times.map((at) => ({ kind: VitalKind.VITAL_KIND_HEART_RATE, value: 70, unit: '/min', measuredAtMs: at })) }, T + 100_000)));
    const c = classify('vitals/v1/devices/dev-00001/telemetry', bytes, T + 100_000, topics, DEFAULT_LIMITS);
    assert.equal(c.kind, 'vitals');
    return { c: c as Extract<typeof c, { kind: 'vitals' }>, bytes };
  };
  const { c, bytes } = batchOf('', [T - 5000, T + 5000, T + 70_000]);
  const a = attributeBatch(c, c.batch, bytes, lookup, 'd');
  assert.equal(a.kind, 'vitals');
  if (a.kind !== 'vitals') return;
  assert.deepEqual(a.records.map((r) => [r.key, VitalsBatch.decode(r.value).patientId, VitalsBatch.decode(r.value).samples.length, r.headers.attribution, r.headers.part]),
    [['pat-old', 'pat-old', 1, 'assigned', '1/3'], ['pat-new', 'pat-new', 1, 'assigned', '2/3'], ['dev-00001', '', 1, 'unassigned', '3/3']]);
  assert.equal(a.unassignedSamples, 1);
  const m = batchOf('pat-someone-else', [T + 5000]);
  const dead = attributeBatch(m.c, m.c.batch, m.bytes, lookup, 'd');
  assert.equal(dead.kind, 'dead-letter');
  if (dead.kind === 'dead-letter') {
    assert.equal(dead.reason, PATIENT_MISMATCH);
    assert.equal(dead.record.headers.reason, PATIENT_MISMATCH);
    assert.ok(dead.record.value.equals(m.bytes), 'the original bytes');
  }
  // The payload naming the assigned patient is accepted; naming one of a device with no assignment is not a mismatch.
  const ok = batchOf('pat-new', [T + 5000]);
  const okA = attributeBatch(ok.c, ok.c.batch, ok.bytes, lookup, 'd');
  assert.equal(okA.kind, 'vitals');
  // One patient, the one the payload names: forwarded as its own bytes (issue 17: no re-encode).
  assert.ok(okA.kind === 'vitals' && okA.records.length === 1 && okA.records[0]!.value.equals(ok.bytes) && okA.records[0]!.key === 'pat-new');
  const none = batchOf('pat-x', [T + 70_000]);
  const n = attributeBatch(none.c, none.c.batch, none.bytes, lookup, 'd');
  assert.ok(n.kind === 'vitals' && VitalsBatch.decode(n.records[0]!.value).patientId === '');
});

test('a reading of no patient is stored under the device only (no patient_id tag)', () => {
  const lines = batchToLines(VitalsBatch.decode(encodeBatch(makeBatch({ patientId: '' }, T))));
  assert.ok(lines.length > 1);
  for (const l of lines) assert.doesNotMatch(l, /patient_id/);
  assert.match(batchToLines(VitalsBatch.decode(encodeBatch(makeBatch({}, T))))[0]!, /,patient_id=pat-00001,/);
});

test('discharge closes every unresolved alert with the change "discharged" and stops watching the devices', () => {
  const s = newPatientState('pat-1');
  const base = { patientId: 'pat-1', deviceId: 'dev-1', priority: 'high', vital: 'spo2', value: 80, threshold: 90, message: 'm', raisedAt: T, updatedAt: T, resolvedAt: null, acknowledgedBy: '', news2Score: -1, news2Band: '', category: 'physiological', conditionActive: true, latched: false, escalationLevel: 0, escalatedAt: 0, openedAt: T, acknowledgedUntil: 0, news2Missing: '', news2Response: '', change: 'raised' } as const;
  s.alerts['limit:spo2:low'] = { ...base, id: 'a'.repeat(24), kind: 'limit:spo2:low', state: 'open' };
  s.alerts.old = { ...base, id: 'b'.repeat(24), kind: 'old', state: 'resolved', conditionActive: false };
  s.devices['dev-1'] = { online: true, lastSeen: T } as never;
  const out = onDischarge(s, { by: 'token:operator', at: T + 1000 });
  assert.deepEqual(out.map((a) => [a.kind, a.state, a.change, a.resolvedAt, a.conditionActive]), [['limit:spo2:low', 'resolved', 'discharged', T + 1000, false]]);
  assert.deepEqual(s.devices, {});
  assert.equal(s.dischargedAt, T + 1000);
  assert.equal(DEFAULT_ENGINE_CONFIG.inactivityMs > 0, true);
});
