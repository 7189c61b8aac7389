// services/common/patient-bound.ts: the eviction policy of the API's and the alert worker's
// per-patient maps (issue 16), as pure logic with a hand-driven clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { PatientBound } from '../../services/common/patient-bound.js';

const ids = (xs: { patientId: string }[]) => xs.map((x) => x.patientId);

test('absent patients go after the absence time, the recently active stay', () => {
  const b = new PatientBound({ service: 't', isProtected: () => false, options: { maxPatients: 100, absentMs: 1000 } });
  b.touch('a', 0); b.touch('b', 500); b.touch('c', 900);
  assert.deepEqual(b.sweep(999), []);
  assert.deepEqual(b.sweep(1000), [{ patientId: 'a', reason: 'absent' }]);
  b.touch('b', 1200); // active again
  assert.deepEqual(ids(b.sweep(1950)), ['c']);
  assert.equal(b.size, 1);
  assert.ok(b.has('b'));
});

test('beyond the cap the least recently active go first, down to the cap', () => {
  const b = new PatientBound({ service: 't', isProtected: () => false, options: { maxPatients: 3, absentMs: 1e9 } });
  for (const [i, id] of ['a', 'b', 'c', 'd', 'e'].entries()) assert.equal(b.touch(id, i), i >= 3, 'touch says when the cap is exceeded');
  b.touch('a', 10); // a is the most recent now
  assert.deepEqual(b.sweep(11), [{ patientId: 'b', reason: 'cap' }, { patientId: 'c', reason: 'cap' }]);
  assert.equal(b.size, 3);
});

test('a protected patient (open alert) is never evicted, absent or beyond the cap; it counts as over the cap', () => {
  const open = new Set(['a', 'b']);
  const registry = new Registry();
  const b = new PatientBound({ service: 't', registry, isProtected: (id) => open.has(id), options: { maxPatients: 1, absentMs: 100 } });
  b.touch('a', 0); b.touch('b', 1); b.touch('c', 2);
  assert.deepEqual(b.sweep(50), [{ patientId: 'c', reason: 'cap' }]);
  assert.deepEqual(b.sweep(1000), [], 'absent but protected');
  assert.equal(b.size, 2);
  open.delete('a'); // its alert resolved
  assert.deepEqual(b.sweep(1001), [{ patientId: 'a', reason: 'absent' }]);
  assert.equal(b.size, 1);
});

test('metrics: tracked, evicted by reason, protected over the cap', async () => {
  const registry = new Registry();
  const open = new Set(['p0', 'p1']);
  const b = new PatientBound({ service: 'x', registry, isProtected: (id) => open.has(id), options: { maxPatients: 1, absentMs: 1000 } });
  for (let i = 0; i < 5; i++) b.touch(`p${i}`, i);
  b.sweep(10); // p2..p4 beyond the cap; p0, p1 protected
  b.touch('p9', 2000);
  b.sweep(2000); // nothing absent but protected ones; p9 beyond the cap
  const text = await registry.metrics();
  assert.match(text, /vitals_x_patients_evicted_total\{reason="cap"\} 4/);
  assert.match(text, /vitals_x_patients_tracked 2/);
  assert.match(text, /vitals_x_patients_over_cap 1/);
});

test('bad options are refused', () => {
  assert.throws(() => new PatientBound({ service: 't', isProtected: () => false, options: { maxPatients: 0 } }), /positive/);
});

test('beyond the cap it goes down to 95% of it, so a flood sweeps once per cap/20 new patients', () => {
  const b = new PatientBound({ service: 't', isProtected: () => false, options: { maxPatients: 100, absentMs: 1e9 } });
  for (let i = 0; i < 100; i++) b.touch(`p${i}`, i);
  assert.equal(b.touch('p100', 100), true);
  assert.equal(b.sweep(101).length, 6);
  assert.equal(b.size, 95);
  for (let i = 101; i <= 105; i++) assert.equal(b.touch(`p${i}`, i), false, 'no sweep needed for the next 5');
});
