// Patient-id flood against bounded memory (issue 16), on the real Kafka: many invented patient
// ids reach the alert worker and the API's live view; neither keeps more than its cap, and the
// one patient with an open alert is never forgotten. Fails on the unbounded maps of before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import { VitalKind } from '../../services/common/proto.js';
import { startFull } from '../helpers/full.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { waitFor } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

const CAP = 20;
const FLOOD = 200;

test('a flood of patient ids does not grow the worker\'s or the API\'s patient maps past the cap; an open alert stays', { timeout: 240_000 }, async (t) => {
  // SpO2 alarm at the first low sample, so one batch opens an alert.
  const rules = DEFAULT_RULES.map((r) => (r.vital === 'spo2' ? { ...r, delayMs: 0, delaySamples: 1 } : r));
  const f = await startFull(t, { bound: { maxPatients: CAP, absentMs: 3_600_000 }, engine: { rules } });
  let seen = 0;
  f.view.events.on('vitals', () => { seen++; });
  const producer = f.p.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  f.p.cleanup(() => producer.disconnect());
  await producer.connect();
  const send = (patientId: string, deviceId: string, spo2: number, sequence: number) => {
    const now = Date.now();
    const batch = makeBatch({ deviceId, patientId, sequence, sentAtMs: now, samples: [{ kind: VitalKind.VITAL_KIND_SPO2, value: spo2, unit: '%', measuredAtMs: now - 500 }] }, now);
    return { key: patientId, value: Buffer.from(encodeBatch(batch)), headers: { 'received-at-ms': String(now) } };
  };
  const alarmed = uid('pat-alarm');
  await producer.send({ topic: f.p.topics.vitals, acks: -1, messages: [send(alarmed, 'dev-00001', 80, 1)] });
  await waitFor('the SpO2 alert open in the API', () => [...f.view.alerts.values()].find((a) => a.patientId === alarmed && a.state === 'open' && a.kind === 'limit:spo2:low'), 60_000);

  // The flood: one device inventing FLOOD patient ids, in a few produce requests.
  const flood = Array.from({ length: FLOOD }, (_, i) => send(`${alarmed}-x${i}`, 'dev-00002', 97, i + 1));
  for (let i = 0; i < flood.length; i += 50) await producer.send({ topic: f.p.topics.vitals, acks: -1, messages: flood.slice(i, i + 50) });

  // Facts, not sleeps: the API saw every batch; the worker evaluated every batch.
  await waitFor(`the API to see all ${FLOOD + 1} batches`, () => (seen >= FLOOD + 1 ? true : undefined), 120_000);
  const evaluated = async () => Number(/vitals_alerts_records_total\{kind="vitals"\} (\d+)/.exec(await f.worker.registry.metrics())?.[1] ?? 0);
  await waitFor(`the worker to evaluate all ${FLOOD + 1} batches`, async () => ((await evaluated()) >= FLOOD + 1 ? true : undefined), 120_000);
  // The worker sweeps once per tick (500 ms here); the API as it goes.
  await waitFor(`the worker at most ${CAP} patients`, () => (f.worker.states.size <= CAP ? true : undefined), 30_000);

  assert.ok(f.view.patients() <= CAP, `API tracks ${f.view.patients()} patients, cap ${CAP}`);
  assert.ok(f.view.latest.size <= CAP, `API latest values for ${f.view.latest.size} patients, cap ${CAP}`);
  assert.ok(f.worker.states.size <= CAP, `worker holds ${f.worker.states.size} patients, cap ${CAP}`);
  // The patient with an open alert was the least recently active: kept by both all the same.
  assert.ok(f.worker.states.has(alarmed), 'the worker keeps the patient with an open alert');
  assert.ok(f.view.latest.has(alarmed), 'the API keeps the patient with an open alert');
  assert.ok([...f.view.alerts.values()].some((a) => a.patientId === alarmed && a.state === 'open'), 'its alert is still open in the API');
  // Forgotten down to 95% of the cap, not more (partitions are consumed in parallel, so
  // which flood patients were the most recent varies); the evictions are metered.
  assert.ok(f.worker.states.size >= CAP - CAP / 20 - 1, `worker kept ${f.worker.states.size}`);
  assert.ok(f.view.latest.size >= CAP - CAP / 20 - 1, `API kept ${f.view.latest.size}`);
  const evicted = Number(/vitals_alerts_patients_evicted_total\{reason="cap"\} (\d+)/.exec(await f.worker.registry.metrics())?.[1] ?? 0);
  assert.ok(evicted >= FLOOD + 1 - CAP, `worker evicted ${evicted} beyond the cap`);
  const metrics = await fetch(`${f.url}/metrics`, { headers: { Authorization: `Bearer ${f.tokens.operator}` } });
  const apiEvicted = Number(/vitals_api_patients_evicted_total\{reason="cap"\} (\d+)/.exec(await metrics.text())?.[1] ?? 0);
  assert.ok(apiEvicted >= FLOOD + 1 - CAP, `API evicted ${apiEvicted} beyond the cap`);
});
