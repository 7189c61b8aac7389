// The alert worker's side outputs (services/alerts/outputs.ts): the InfluxDB history of each
// change is retried in the background when InfluxDB is busy or restarting, not dropped on the
// first failure (a CI run queried the history and found the 'resolved' line missing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { VitalsError } from '../../services/common/errors.js';
import type { InfluxWriter } from '../../services/common/influx-writer.js';
import { createSideOutputs, HISTORY_RETRIES } from '../../services/alerts/outputs.js';
import type { AlertRecord } from '../../services/alerts/engine.js';

const alert: AlertRecord = {
  id: '0123456789abcdef01234567', patientId: 'pat-00001', deviceId: 'dev-00001', kind: 'limit:spo2:low', priority: 'high', state: 'resolved',
  vital: 'spo2', value: 84.5, threshold: 90, message: 'SpO2 low', raisedAt: 1_700_000_000_000, updatedAt: 1_700_000_060_000,
  resolvedAt: 1_700_000_060_000, acknowledgedBy: 'nurse-1', news2Score: 0, news2Band: '', category: 'physiological', conditionActive: false,
  latched: false, escalationLevel: 0, escalatedAt: 0, openedAt: 1_700_000_000_000, acknowledgedUntil: 0, news2Missing: '', news2Response: '',
  change: 'resolved',
};

/** An InfluxDB writer that fails the first `failures` writes with `error`, then accepts. */
function flakyInflux(failures: number, error: () => Error) {
  const calls: string[][] = [];
  const writer = {
    async write(lines: string[]) { calls.push(lines); if (calls.length <= failures) throw error(); },
    close() {},
  } as unknown as InfluxWriter;
  return { writer, calls };
}

const warnings = () => {
  const seen: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => { seen.push(JSON.parse(line).msg as string); } });
  return { log, seen };
};

const settle = async (done: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
};

test('a history line InfluxDB refuses with a retriable error (503) is written once it recovers', async () => {
  const { writer, calls } = flakyInflux(2, () => new VitalsError('WRITER_ERR_INFLUX', 'influxdb write HTTP 503', { retriable: true }));
  const { log, seen } = warnings();
  await createSideOutputs({ mqtt: null, influx: writer, log }).publish([alert]);
  await settle(() => calls.length >= 3, 5_000);
  assert.equal(calls.length, 3, 'two failures, then the write that InfluxDB accepted');
  assert.deepEqual(calls[2], calls[0], 'the same lines');
  assert.match(calls[0]![0]!, /^alerts,/);
  assert.deepEqual(seen, [], 'nothing to warn about: the history is complete');
});

test('a history line refused for good (400) is not retried, and the failure is logged', async () => {
  const { writer, calls } = flakyInflux(1, () => new VitalsError('WRITER_ERR_INFLUX', 'influxdb write HTTP 400', { retriable: false }));
  const { log, seen } = warnings();
  await createSideOutputs({ mqtt: null, influx: writer, log }).publish([alert]);
  await settle(() => seen.length > 0, 2_000);
  assert.equal(calls.length, 1);
  assert.deepEqual(seen, ['alert history write failed']);
});

test(`retries stop after ${HISTORY_RETRIES} and the loss is logged`, async () => {
  const { writer, calls } = flakyInflux(Infinity, () => new VitalsError('WRITER_ERR_INFLUX', 'influxdb unreachable', { retriable: true }));
  const { log, seen } = warnings();
  await createSideOutputs({ mqtt: null, influx: writer, log }).publish([alert]);
  await settle(() => seen.length > 0, 12_000);
  assert.equal(calls.length, HISTORY_RETRIES + 1);
  assert.deepEqual(seen, ['alert history write failed']);
});
