// The vital catalogue and the one NEWS2 input builder shared by the alert worker and the API.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import { uuidV5 } from '../../services/api/fhir.js';
import { NEWS2_MIN_PARAMETERS, news2FromSources, news2Inputs } from '../../services/common/news2.js';
import { VitalKind } from '../../services/common/proto.js';
import { VITALS, vitalByKind } from '../../services/common/vital-kinds.js';
import { toSamples } from '../../services/simulator/physiology.js';

const fresh = { deviceMs: 300_000, observationMs: 6 * 3_600_000 };

test('every wire kind has one catalogue entry; limits and NEWS2 parameters come from it', () => {
  const kinds = Object.values(VitalKind).filter((k): k is number => typeof k === 'number' && k !== VitalKind.VITAL_KIND_UNSPECIFIED);
  assert.deepEqual(kinds.map((k) => vitalByKind(k)?.kind), kinds);
  assert.deepEqual(DEFAULT_RULES.map((r) => r.vital).sort(), VITALS.filter((v) => v.limit).map((v) => v.key).sort());
  assert.deepEqual(DEFAULT_RULES.find((r) => r.vital === 'spo2'), { vital: 'spo2', low: 90, priority: 'high', delayMs: 10_000, delaySamples: 2, hysteresis: 2 });
  assert.equal(new Set(VITALS.flatMap((v) => (v.news2 ? [v.news2] : []))).size, 7, 'the seven NEWS2 parameters');
  // The simulator's units are the catalogue's (validation refuses any other).
  for (const s of toSamples({ heartRate: 70, spo2: 97, respiratoryRate: 14, temperature: 36.8, systolic: 120, diastolic: 80 }, 0)) assert.equal(s.unit, vitalByKind(s.kind)!.ucum);
});

test('NEWS2 inputs: freshness per source, the more recent of device and nurse entry, unknown stays unknown', () => {
  const at = 1_000_000;
  const inputs = news2Inputs({
    latest: { heart_rate: { value: 95, at }, spo2: { value: 93, at: at - 400_000 }, consciousness: { value: 0, at: at - 10_000 } },
    observed: { cvpu: { value: true, at: at - 5_000 }, supplementalOxygen: { value: true, at: at - 7 * 3_600_000 } },
  }, fresh);
  assert.equal(inputs.heartRate, 95);
  assert.equal(inputs.spo2, undefined, 'a device value older than 5 min before the newest does not count');
  assert.equal(inputs.cvpu, true, 'the nurse entry is newer than the device flag');
  assert.equal(inputs.supplementalOxygen, undefined, 'a nurse entry older than 6 h does not count');
});

test(`NEWS2 needs ${NEWS2_MIN_PARAMETERS} of 7 parameters; below that no score`, () => {
  const at = 5_000;
  const three = { heart_rate: { value: 140, at }, spo2: { value: 85, at }, respiratory_rate: { value: 30, at } };
  assert.equal(news2FromSources({ latest: three }, fresh), null);
  const four = news2FromSources({ latest: { ...three, temperature: { value: 37, at } } }, fresh)!;
  assert.deepEqual([four.score, four.band, four.complete], [9, 'high', false]);
});

test('FHIR ids: name-based UUIDs, stable and distinct', () => {
  const a = uuidV5('pat-1|dev-1|spo2|1000');
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(uuidV5('pat-1|dev-1|spo2|1000'), a);
  assert.notEqual(uuidV5('pat-1|dev-1|spo2|1001'), a);
});
