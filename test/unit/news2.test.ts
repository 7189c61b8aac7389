import assert from 'node:assert/strict';
import { test } from 'node:test';
import { news2, scorePulse, scoreRespiration, scoreSpo2Scale1, scoreSystolic, scoreTemperature } from '../../services/common/news2.js';

// Every band edge of the RCP 2017 chart, both sides of each threshold.
const TABLE: [string, (v: number) => number, [number, number][]][] = [
  ['respiration', scoreRespiration, [[0, 3], [8, 3], [9, 1], [11, 1], [12, 0], [20, 0], [21, 2], [24, 2], [25, 3], [60, 3]]],
  ['spo2 scale 1', scoreSpo2Scale1, [[70, 3], [91, 3], [92, 2], [93, 2], [94, 1], [95, 1], [96, 0], [100, 0]]],
  ['systolic', scoreSystolic, [[60, 3], [90, 3], [91, 2], [100, 2], [101, 1], [110, 1], [111, 0], [219, 0], [220, 3], [260, 3]]],
  ['pulse', scorePulse, [[30, 3], [40, 3], [41, 1], [50, 1], [51, 0], [90, 0], [91, 1], [110, 1], [111, 2], [130, 2], [131, 3], [200, 3]]],
  ['temperature', scoreTemperature, [[34, 3], [35.0, 3], [35.1, 1], [36.0, 1], [36.1, 0], [38.0, 0], [38.1, 1], [39.0, 1], [39.1, 2], [41, 2]]],
];

for (const [name, fn, rows] of TABLE) {
  test(`NEWS2 ${name}: every band edge`, () => {
    for (const [value, expected] of rows) assert.equal(fn(value), expected, `${name} ${value}`);
  });
}

const normal = { respiratoryRate: 16, spo2: 97, supplementalOxygen: false, systolic: 120, heartRate: 70, cvpu: false, temperature: 37 };

test('NEWS2 totals and bands', () => {
  assert.deepEqual([news2(normal).score, news2(normal).band], [0, 'low']);
  // 4 with no single 3: low
  assert.deepEqual(pick(news2({ ...normal, respiratoryRate: 22, spo2: 94, heartRate: 95 })), [4, 'low']);
  // a single parameter scoring 3: low-medium even though the total is 3
  assert.deepEqual(pick(news2({ ...normal, spo2: 91 })), [3, 'low-medium']);
  assert.deepEqual(pick(news2({ ...normal, cvpu: true })), [3, 'low-medium']);
  // 5 and 6: medium
  assert.deepEqual(pick(news2({ ...normal, supplementalOxygen: true, spo2: 94, temperature: 39.1 })), [5, 'medium']);
  assert.deepEqual(pick(news2({ ...normal, supplementalOxygen: true, spo2: 92, respiratoryRate: 21 })), [6, 'medium']);
  // 7 and above: high
  assert.deepEqual(pick(news2({ ...normal, spo2: 88, respiratoryRate: 26, heartRate: 111 })), [8, 'high']);
  assert.deepEqual(pick(news2({ ...normal, spo2: 92, respiratoryRate: 25, heartRate: 111 })), [7, 'high']);
  // maximum possible: 3+3+2+3+3+3+2 = 19
  assert.deepEqual(pick(news2({ respiratoryRate: 30, spo2: 80, supplementalOxygen: true, systolic: 80, heartRate: 140, cvpu: true, temperature: 40 })), [19, 'high']);
});

test('NEWS2 rounds charted values and reports missing parameters', () => {
  assert.equal(news2({ ...normal, heartRate: 90.4 }).parts.heartRate, 0);
  assert.equal(news2({ ...normal, heartRate: 90.6 }).parts.heartRate, 1);
  assert.equal(news2({ ...normal, temperature: 36.04 }).parts.temperature, 1);
  assert.deepEqual(news2({ spo2: 97 }).missing.sort(), ['cvpu', 'heartRate', 'respiratoryRate', 'supplementalOxygen', 'systolic', 'temperature']);
});

function pick(r: { score: number; band: string }) {
  return [r.score, r.band];
}
