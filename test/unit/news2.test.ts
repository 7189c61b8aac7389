import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLINICAL_RESPONSE, PARAMETER_NAMES, news2, scorePulse, scoreRespiration, scoreSpo2Scale1, scoreSpo2Scale2, scoreSystolic, scoreTemperature, type News2Input } from '../../services/common/news2.js';

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

const normal: News2Input = { respiratoryRate: 16, spo2: 97, supplementalOxygen: false, systolic: 120, heartRate: 70, cvpu: false, temperature: 37 };

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

test('SpO2 scale 2 (RCP 2017 chart, hypercapnic respiratory failure): each band, on air and on oxygen', () => {
  // [SpO2, on oxygen, score]
  const table: [number, boolean, number][] = [
    [83, false, 3], [84, false, 2], [85, true, 2], [86, false, 1], [87, true, 1], [88, false, 0], [92, true, 0],
    [93, false, 0], [99, false, 0], // 93 or more on air: 0
    [93, true, 1], [94, true, 1], [95, true, 2], [96, true, 2], [97, true, 3], [100, true, 3],
  ];
  for (const [v, o2, score] of table) {
    assert.equal(scoreSpo2Scale2(v, o2), score, `${v}% ${o2 ? 'on O2' : 'on air'}`);
    assert.equal(news2({ spo2: v, supplementalOxygen: o2, spo2Scale: 2 }).parts.spo2, score, `news2() ${v}%`);
  }
  // Scale 1 is the default; scale 2 only when asked for.
  assert.equal(news2({ spo2: 89 }).parts.spo2, 3);
  assert.equal(news2({ spo2: 89, spo2Scale: 2 }).parts.spo2, 0);
  assert.equal(news2({ spo2: 89, spo2Scale: 2 }).spo2Scale, 2);
});

test('nothing unknown is assumed: missing oxygen or consciousness makes the score incomplete, and says what is missing', () => {
  const table: [News2Input, boolean, string[]][] = [
    [{ ...normal }, true, []],
    [{ ...normal, supplementalOxygen: undefined }, false, ['supplementalOxygen']],
    [{ ...normal, cvpu: undefined }, false, ['cvpu']],
    [{ ...normal, supplementalOxygen: undefined, cvpu: undefined }, false, ['supplementalOxygen', 'cvpu']],
    // Scale 2 at 93% or more depends on air vs oxygen: unknown oxygen leaves SpO2 unscored too.
    [{ ...normal, spo2: 95, supplementalOxygen: undefined, spo2Scale: 2 }, false, ['spo2', 'supplementalOxygen']],
  ];
  for (const [input, complete, missing] of table) {
    const r = news2(input);
    assert.equal(r.complete, complete, JSON.stringify(input));
    assert.deepEqual(r.missing, missing);
  }
  // A patient on oxygen the device does not report: the old "room air" assumption scored 2 too low.
  assert.equal(news2({ ...normal, supplementalOxygen: undefined }).score, 0);
  assert.equal(news2({ ...normal, supplementalOxygen: true }).score, 2);
  assert.deepEqual(news2({ ...normal, supplementalOxygen: undefined }).missing.map((m) => PARAMETER_NAMES[m]), ['air or oxygen']);
});

test('each band carries the RCP 2017 clinical response', () => {
  const table: [News2Input, string, RegExp][] = [
    [{ ...normal }, 'low', /^ward-based response/],
    [{ ...normal, spo2: 91 }, 'low-medium', /^urgent ward-based response/],
    [{ ...normal, supplementalOxygen: true, spo2: 94, temperature: 39.1 }, 'medium', /^key threshold for urgent response/],
    [{ ...normal, spo2: 88, respiratoryRate: 26, heartRate: 111 }, 'high', /^urgent or emergency response/],
  ];
  for (const [input, band, response] of table) {
    const r = news2(input);
    assert.equal(r.band, band);
    assert.match(r.response, response);
    assert.equal(CLINICAL_RESPONSE[r.band], r.response);
  }
});
