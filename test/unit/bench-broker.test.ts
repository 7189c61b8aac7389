// The benchmark's broker checks (test/bench/broker-state.ts, report.ts): pure, on a save file
// built here in Mosquitto 2.0's format (src/persist_write_v5.c) and on made-up phases.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { backlogSessions, readStore } from '../bench/broker-state.js';
import { brokerBusyWhileIdle, sharedPerPhase } from '../bench/report.js';

const chunk = (type: number, fixed: Buffer, ...tail: string[]) => {
  const body = Buffer.concat([fixed, ...tail.map((t) => Buffer.from(t))]);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(type, 0);
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
};
const client = (id: string) => { const f = Buffer.alloc(24); f.writeUInt16BE(id.length, 14); return chunk(6, f, id); };
const sub = (id: string, topic: string) => { const f = Buffer.alloc(12); f.writeUInt16BE(id.length, 4); f.writeUInt16BE(topic.length, 6); return chunk(5, f, id, topic); };
const clientMsg = (id: string) => { const f = Buffer.alloc(16); f.writeUInt16BE(id.length, 10); return chunk(3, f, id); };
const stored = () => chunk(2, Buffer.alloc(40), 'vitals/v1/devices/dev-1/telemetry');
const retain = () => chunk(4, Buffer.alloc(8));

test('readStore: sessions, their subscriptions and queued messages from a Mosquitto 2.0 save file', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-broker-')), 'mosquitto.db');
  writeFileSync(file, Buffer.concat([
    Buffer.alloc(23), chunk(1, Buffer.alloc(16)), stored(), stored(), stored(),
    client('vitals-ingest-1-0'), clientMsg('vitals-ingest-1-0'), clientMsg('vitals-ingest-1-0'), client('telegraf'),
    sub('vitals-ingest-1-0', 'vitals/v1/devices/+/telemetry'), sub('vitals-ingest-1-0', 'vitals/v1/devices/+/status'), sub('viewer', 'alerts/#'),
    retain(),
    chunk(3, Buffer.alloc(4)).subarray(0, 10), // a save cut short: ignored
  ]));
  const st = readStore(file);
  assert.equal(st.storedMessages, 3);
  assert.equal(st.retained, 1);
  assert.deepEqual(st.sessions.map((s) => [s.clientId, s.messages, s.subscriptions]), [
    ['vitals-ingest-1-0', 2, ['vitals/v1/devices/+/telemetry', 'vitals/v1/devices/+/status']], ['telegraf', 0, []], ['viewer', 0, ['alerts/#']],
  ]);
  // On the device topics, or a backlog of its own: the sessions the bench will not run beside.
  assert.deepEqual(backlogSessions(st).map((s) => s.clientId), ['vitals-ingest-1-0']);
  assert.deepEqual(backlogSessions(st, 1).map((s) => s.clientId), ['vitals-ingest-1-0']);
  assert.deepEqual(readStore(join(tmpdir(), 'no-such-broker', 'mosquitto.db')), { bytes: 0, storedMessages: 0, retained: 0, sessions: [] });
});

test('sharedPerPhase: the shared services per phase; a broker busy while idle is a confound', () => {
  const u = (mosq: number, saves: number) => ({ mosquitto: { cpuPct: 0, rssMb: 1, cpuS: mosq, saves, storeKb: 50_000 }, kafka: { cpuPct: 0, rssMb: 1, cpuS: 3 }, influxdb: { cpuPct: 0, rssMb: 1, cpuS: 1 }, ingest: { cpuPct: 0, rssMb: 1, cpuS: 9 } });
  const step = { rate: 3000, devices: 20, intervalMs: 200, achieved: 3000, acked: 1, samplesAcked: 1, failed: 0, lost: 0, drainMs: 0, pass: true, windowS: 30, usage: u(15, 300) };
  const rows = sharedPerPhase({ idle: u(0, 0), pipeline: { sustained: 3000, steps: [step] }, referenceIdle: u(40, 48), reference: { sustained: 3000, steps: [{ ...step, usage: u(21, 30) }] } }, 60);
  assert.deepEqual(rows.map((r) => [r.phase, r.idle, r.windowS, r.parts.mosquitto?.pctOfCore, r.savesPerS, r.parts.kafka?.cpuS]), [
    ['ours idle', true, 60, 0, 0, 3], ['ours 3000/s', false, 30, 50, 10, 3], ['reference idle', true, 60, 66.7, 0.8, 3], ['reference 3000/s', false, 30, 70, 1, 3],
  ]);
  assert.equal(rows[0]!.parts.ingest, undefined); // the pipelines' own processes are not shared
  assert.deepEqual(brokerBusyWhileIdle(rows).map((r) => r.phase), ['reference idle']);
});
