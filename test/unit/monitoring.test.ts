// "Monitoring interrupted" as the API judges it from its own feed (issue 14).
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { createMonitoringWatch } from '../../services/api/monitoring.js';
import { toProto } from '../../services/alerts/outputs.js';
import { DEFAULT_ENGINE_CONFIG, newPatientState, onBatch } from '../../services/alerts/engine.js';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import { Alert, AlertCategory, VitalKind, VitalsBatch } from '../../services/common/proto.js';

test('the live feed is stale after staleMs without a fetch; "since" is when it was last current', () => {
  const T = 1_000_000;
  // [ms since start, last fetch (0 = never), expected state]
  const table: [number, number, string, number | null][] = [
    [1_000, 0, 'starting', null],
    [11_000, 0, 'interrupted', T],
    [20_000, T + 19_500, 'live', null],
    [20_000, T + 10_000, 'live', null],
    [20_001, T + 10_000, 'interrupted', T + 10_000],
  ];
  for (const [elapsed, fetchAt, state, since] of table) {
    let t = T; // the watch starts at T
    const w = createMonitoringWatch({ feedAt: () => fetchAt, events: new EventEmitter(), options: { staleMs: 10_000, maxWorkerLag: 5000 }, now: () => t });
    t = T + elapsed;
    const status = w.status();
    assert.equal(status.state, state, `+${elapsed} fetch ${fetchAt ? fetchAt - T : 'never'}`);
    assert.equal(status.since, since);
    if (state === 'interrupted') assert.match(status.reasons.join(), /Kafka|never started/);
  }
});

test('an alert worker lagging the vitals topic beyond the bound interrupts monitoring, since it first lagged', async () => {
  let t = 1_000_000;
  let lag: number | null = 10;
  const w = createMonitoringWatch({ feedAt: () => t, workerLag: async () => lag, events: new EventEmitter(), options: { staleMs: 10_000, maxWorkerLag: 5000 }, now: () => t });
  await w.checkLag();
  assert.equal(w.status().state, 'live');
  lag = 6000;
  t += 5000;
  await w.checkLag();
  const lagSince = t;
  t += 5000;
  await w.checkLag();
  assert.deepEqual(w.status(), { state: 'interrupted', since: lagSince, reasons: ['alert worker behind by 6000 records'] });
  lag = 100;
  await w.checkLag();
  assert.equal(w.status().state, 'live');
});

test('an alert on the wire carries the alarm-model fields (category, condition, escalation, NEWS2 completeness, change)', () => {
  const s = newPatientState('pat-1');
  const cfg = { ...DEFAULT_ENGINE_CONFIG, rules: DEFAULT_RULES };
  const [battery] = onBatch(s, cfg, VitalsBatch.create({ deviceId: 'dev-1', patientId: 'pat-1', sequence: 1, sentAtMs: 1e12, batteryPercent: 9, samples: [{ kind: VitalKind.VITAL_KIND_HEART_RATE, value: 70, measuredAtMs: 1e12 }] }), 1e12);
  const wire = Alert.decode(toProto(battery!));
  assert.deepEqual([wire.category, wire.conditionActive, wire.latched, wire.escalationLevel, wire.change], [AlertCategory.ALERT_CATEGORY_TECHNICAL, true, false, 0, 'raised']);
});
