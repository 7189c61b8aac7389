// Issue 14: the ways an alarm could go silent, each reproduced against the real stack
// (Mosquitto, ingest, Kafka, alert worker, InfluxDB), driven by the simulator's scenarios.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import { flux, InfluxDB } from '@influxdata/influxdb-client';
import mqtt from 'mqtt';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig } from '../../services/alerts/engine.js';
import { Alert, AlertCategory, AlertPriority, AlertState } from '../../services/common/proto.js';
import { simulate } from '../../services/simulator/app.js';
import { startFull } from '../helpers/full.js';
import { startAlertWorker } from '../helpers/alert-worker.js';
import { startPipeline, waitFor, type Pipeline } from '../helpers/pipeline.js';
import { uid } from '../helpers/stack.js';

async function startWorker(_t: TestContext, p: Pipeline, engine: Partial<EngineConfig> = {}, webhookUrl?: string) {
  return startAlertWorker(p, { groupId: `${uid('alarms')}-group`, tickMs: 250, engine, webhookUrl });
}

const decodeAll = (messages: { value: Buffer | null }[]) => messages.map((m) => Alert.decode(m.value!));
const sim = async (p: Pipeline, first: number, o: Partial<Parameters<typeof simulate>[0]>) => {
  await p.provisionFleet(first, o.devices ?? 1);
  return simulate({ mqttUrl: p.s.mqttUrl, deviceSecret: p.deviceSecret, devices: 1, firstDevice: first, batches: 40, intervalMs: 500, ...o });
};

// The tests run side by side: each has its own pipeline (topics, groups, bucket), alert worker
// (and its own broker account), devices and patients, and each mostly waits on its devices'
// clock (a scenario plays out in real time), so one after another they took the sum of those
// waits (about 185 s) where together they take about the longest one.
describe('alarm model against the real stack (issue 14)', { concurrency: true }, () => {
  test('a device that reboots mid-episode (with and without a boot id) still alarms and raises no false offline', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    // A short inactivity timeout: batches wrongly dropped as duplicates would show as silence.
    const { worker } = await startWorker(t, p, { inactivityMs: 3_000 });
    const alerts = await p.collect(p.topics.alerts);
    // 32 batches (8 s at 250 ms) before the reboot: after it, sequences 1-32 come again. The
    // desaturation starts just after the reboot, so only post-reboot batches can raise its alarm.
    const summary = await sim(p, 31, {
      devices: 2, batches: 120, intervalMs: 250,
      scenarios: [
        { name: 'reboot', device: 1, startMs: 8_000 }, { name: 'desaturation', device: 1, startMs: 8_500, durationMs: 20_000 },
        { name: 'reboot', device: 2, startMs: 8_000, bootId: false }, { name: 'desaturation', device: 2, startMs: 8_500, durationMs: 20_000 },
      ],
    });
    assert.equal(summary.failed, 0);
    const endedAt = Date.now();
    for (const pat of ['pat-00031', 'pat-00032']) {
      await waitFor(`${pat} SpO2 alarm after the reboot`, () => decodeAll(alerts.messages).find((a) => a.patientId === pat && a.kind === 'limit:spo2:low'), 15_000);
    }
    // Every post-reboot batch was evaluated: the last sequence of each device is in the state.
    await waitFor('worker caught up', () => (['pat-00031', 'pat-00032'].every((pat) => (worker.states.get(pat)?.latest.spo2?.at ?? 0) >= endedAt - 1_500) ? true : undefined), 10_000);
    const offline = decodeAll(alerts.messages).filter((a) => a.kind.startsWith('device-offline'));
    assert.deepEqual(offline.map((a) => `${a.kind} ${a.message}`), [], 'no false offline');
  });

  test('a manual resolve of an active SpO2 alarm is refused with 409, and the alarm continues', async (t) => {
    const f = await startFull(t);
    const alerts = await f.p.collect(f.p.topics.alerts);
    const auth = { Authorization: `Bearer ${f.tokens.clinician}`, 'Content-Type': 'application/json' };
    await f.p.provisionFleet(33, 1);
    const run = simulate({ mqttUrl: f.p.s.mqttUrl, deviceSecret: f.p.deviceSecret, devices: 1, firstDevice: 33, batches: 48, intervalMs: 500, scenarios: [{ name: 'desaturation', startMs: 1_000, durationMs: 30_000 }] });
    const open = await waitFor('SpO2 alarm in the API', async () => {
      const r = await fetch(`${f.url}/api/v1/alerts?patient=pat-00033&state=active`, { headers: auth });
      return ((await r.json()) as { alerts: { id: string; kind: string }[] }).alerts.find((a) => a.kind === 'limit:spo2:low');
    }, 30_000);
    const res = await fetch(`${f.url}/api/v1/alerts/${open.id}/resolve`, { method: 'POST', headers: auth, body: '{}' });
    const body = await res.json() as { error: string; message: string };
    assert.equal(res.status, 409, JSON.stringify(body));
    assert.match(body.message, /condition/);
    // The episode goes on: 3 s more of low SpO2 are evaluated, and the alarm is still active.
    const askedAt = Date.now();
    await waitFor('3 s more evaluated', () => ((f.worker.states.get('pat-00033')?.latest.spo2?.at ?? 0) > askedAt + 3_000 ? true : undefined), 15_000);
    const after = await (await fetch(`${f.url}/api/v1/alerts/${open.id}`, { headers: auth })).json() as { state: string; conditionActive: boolean };
    assert.equal(after.state, 'open');
    assert.equal(after.conditionActive, true);
    assert.deepEqual(decodeAll(alerts.messages).filter((a) => a.alertId === open.id && a.state === AlertState.ALERT_STATE_RESOLVED), []);
    await run;
  });

  test('an acknowledged NEWS2 alarm whose priority rises re-opens', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    const { command } = await startWorker(t, p);
    const alerts = await p.collect(p.topics.alerts);
    const pat = 'pat-00034';
    const run = sim(p, 34, {
      batches: 44,
      scenarios: [{ name: 'desaturation', startMs: 1_000, durationMs: 60_000 }, { name: 'hypotension', startMs: 10_000, durationMs: 60_000 }],
    });
    const first = await waitFor('NEWS2 alert below high', () => decodeAll(alerts.messages).find((a) => a.patientId === pat && a.kind === 'news2' && a.state === AlertState.ALERT_STATE_OPEN), 20_000);
    assert.notEqual(first.priority, AlertPriority.ALERT_PRIORITY_HIGH, 'the scenario starts below high');
    await command({ type: 'acknowledge', patientId: pat, alertId: first.alertId });
    await waitFor('acknowledged', () => decodeAll(alerts.messages).find((a) => a.alertId === first.alertId && a.state === AlertState.ALERT_STATE_ACKNOWLEDGED), 10_000);
    const high = await waitFor('priority high', () => decodeAll(alerts.messages).find((a) => a.alertId === first.alertId && a.priority === AlertPriority.ALERT_PRIORITY_HIGH), 30_000);
    assert.equal(high.state, AlertState.ALERT_STATE_OPEN, 'a priority rise re-opens the acknowledged alert');
    await run;
  });

  test('an unacknowledged high alarm escalates on time, on Kafka, MQTT and the webhook, with delivery attempts recorded', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    const hooks: { id: string; escalationLevel: number }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; }).on('end', () => { hooks.push(JSON.parse(body) as { id: string; escalationLevel: number }); res.writeHead(204); res.end(); });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    t.after(() => new Promise<void>((r) => server.close(() => r())));
    const escalateHighMs = 4_000;
    await startWorker(t, p, { escalationMs: { ...DEFAULT_ENGINE_CONFIG.escalationMs, high: escalateHighMs } }, `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`);
    const alerts = await p.collect(p.topics.alerts);
    const pager = await mqtt.connectAsync(p.s.mqttUrl, { username: p.s.env.MQTT_CLINICIAN_USERNAME!, password: p.s.env.MQTT_CLINICIAN_PASSWORD!, clientId: p.s.env.MQTT_CLINICIAN_USERNAME!, protocolVersion: 4 });
    t.after(() => pager.endAsync());
    const onMqtt: Alert[] = [];
    pager.on('message', (_topic, payload) => onMqtt.push(Alert.decode(payload)));
    await pager.subscribeAsync('alerts/v1/patients/pat-00035/#', { qos: 1 });
    const run = sim(p, 35, { batches: 44, scenarios: [{ name: 'desaturation', startMs: 1_000, durationMs: 60_000 }] });
    const open = await waitFor('SpO2 alarm', () => decodeAll(alerts.messages).find((a) => a.kind === 'limit:spo2:low' && a.state === AlertState.ALERT_STATE_OPEN), 30_000);
    const openSeenAt = Date.now();
    const escalated = await waitFor('escalation', () => decodeAll(alerts.messages).find((a) => a.alertId === open.alertId && a.escalationLevel === 1), escalateHighMs + 10_000);
    const lateBy = Date.now() - openSeenAt - escalateHighMs;
    assert.ok(lateBy <= 2_000, `escalated ${lateBy} ms after its timer`);
    assert.equal(escalated.state, AlertState.ALERT_STATE_OPEN);
    assert.ok(Number(escalated.escalatedAtMs) > 0);
    await waitFor('escalation on MQTT', () => onMqtt.find((a) => a.alertId === open.alertId && a.escalationLevel === 1), 5_000);
    await waitFor('escalation on the webhook', () => hooks.find((h) => h.id === open.alertId && h.escalationLevel === 1), 10_000);
    // Each delivery attempt (channel, result) is in InfluxDB, so "was the pager told?" has an answer.
    const rows = await waitFor('delivery records', async () => {
      const r = await new InfluxDB({ url: p.s.influx.url, token: p.s.influx.token }).getQueryApi(p.s.influx.org).collectRows<{ channel: string; result: string }>(
        flux`from(bucket: ${p.bucket}) |> range(start: -1h) |> filter(fn: (r) => r._measurement == "alert_deliveries" and r._field == "alert_id" and r._value == ${open.alertId}) |> group()`);
      return r.some((x) => x.channel === 'webhook' && x.result === 'delivered') && r.some((x) => x.channel === 'mqtt') ? r : undefined;
    }, 15_000);
    assert.ok(rows.length >= 2);
    await run;
  });

  test('a future-stamped batch does not mask a later desaturation', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    await startWorker(t, p);
    const alerts = await p.collect(p.topics.alerts);
    // One batch 290 s ahead (the ingest accepts up to 300 s), then a real desaturation.
    const run = sim(p, 36, { batches: 44, scenarios: [{ name: 'future-batch', startMs: 1_000, offsetMs: 290_000 }, { name: 'desaturation', startMs: 3_000, durationMs: 60_000 }] });
    const a = await waitFor('SpO2 alarm', () => decodeAll(alerts.messages).find((x) => x.kind === 'limit:spo2:low'), 25_000);
    assert.ok(Number(a.raisedAtMs) < Date.now() + 5_000, 'raised at a real time, not the future one');
    await run;
  });

  test('a device clock running 2 min ahead raises a clock-skew technical alarm and its samples are evaluated on receive time', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    await startWorker(t, p, { clockSkewMs: 60_000 });
    const alerts = await p.collect(p.topics.alerts);
    const run = sim(p, 37, { batches: 44, scenarios: [{ name: 'clock-skew', startMs: 0, offsetMs: 120_000 }, { name: 'desaturation', startMs: 2_000, durationMs: 60_000 }] });
    const skew = await waitFor('clock-skew alarm', () => decodeAll(alerts.messages).find((x) => x.kind === 'clock-skew:dev-00037'), 15_000);
    assert.equal(skew.category, AlertCategory.ALERT_CATEGORY_TECHNICAL);
    const spo2 = await waitFor('SpO2 alarm', () => decodeAll(alerts.messages).find((x) => x.kind === 'limit:spo2:low'), 25_000);
    assert.ok(Math.abs(Number(spo2.raisedAtMs) - Date.now()) < 10_000, `raised at ${spo2.raisedAtMs}, receive time is ${Date.now()}`);
    await run;
  });

  test('a draining battery raises a technical alarm, low then medium priority', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    await startWorker(t, p);
    const alerts = await p.collect(p.topics.alerts);
    const run = sim(p, 38, { batches: 24, scenarios: [{ name: 'low-battery', startMs: 0, durationMs: 8_000 }] });
    const low = await waitFor('battery alarm', () => decodeAll(alerts.messages).find((x) => x.kind === 'battery-low:dev-00038'), 15_000);
    assert.equal(low.category, AlertCategory.ALERT_CATEGORY_TECHNICAL);
    assert.equal(low.priority, AlertPriority.ALERT_PRIORITY_LOW);
    const medium = await waitFor('battery critical', () => decodeAll(alerts.messages).find((x) => x.alertId === low.alertId && x.priority === AlertPriority.ALERT_PRIORITY_MEDIUM), 15_000);
    assert.equal(medium.category, AlertCategory.ALERT_CATEGORY_TECHNICAL);
    // Physiological alarms are apart: nothing about the battery is filed as one.
    assert.ok(decodeAll(alerts.messages).filter((x) => x.kind.startsWith('battery')).every((x) => x.category === AlertCategory.ALERT_CATEGORY_TECHNICAL));
    await run;
  });

  test('an SpO2 probe coming off a live device raises a sensor-off technical alarm; its return clears it', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    await startWorker(t, p, { sensorOffMs: 3_000 });
    const alerts = await p.collect(p.topics.alerts);
    // SpO2 missing from 1.5 s to 6.5 s while the device keeps sending its other vitals.
    const run = sim(p, 39, { batches: 18, scenarios: [{ name: 'sensor-off', startMs: 1_500, durationMs: 5_000 }] });
    const off = await waitFor('sensor-off alarm', () => decodeAll(alerts.messages).find((x) => x.kind === 'sensor-off:dev-00039:spo2'), 15_000);
    assert.equal(off.category, AlertCategory.ALERT_CATEGORY_TECHNICAL);
    assert.equal(off.state, AlertState.ALERT_STATE_OPEN);
    await waitFor('cleared when SpO2 is back', () => decodeAll(alerts.messages).find((x) => x.alertId === off.alertId && x.state === AlertState.ALERT_STATE_RESOLVED), 15_000);
    assert.deepEqual(decodeAll(alerts.messages).filter((x) => x.kind.startsWith('device-offline')), [], 'the device itself stayed online');
    await run;
  });
});
