// The alert worker against the real stack, driven by the simulator's scenarios.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import { flux, InfluxDB } from '@influxdata/influxdb-client';
import mqtt from 'mqtt';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import { STALE_LOAD_GROUP_MS, STATE_LOAD_GROUP_PREFIX } from '../../services/alerts/state-store.js';
import { deviceIdFor, devicePassword } from '../../services/common/device-credentials.js';
import { ensureTopics } from '../../services/common/kafka.js';
import { Alert, AlertState } from '../../services/common/proto.js';
import { telemetryTopic } from '../../services/common/topics.js';
import { simulate } from '../../services/simulator/app.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { startAlertWorker } from '../helpers/alert-worker.js';
import { startPipeline, waitFor, type Pipeline } from '../helpers/pipeline.js';
import { startService, waitForLog } from '../helpers/process.js';

const SPO2_DELAY_MS = DEFAULT_RULES.find((r) => r.vital === 'spo2')!.delayMs;

const workerGroup = (p: Pipeline) => `${p.id}-alerts-group`; // under the pipeline's prefix: its cleanup removes it

async function startWorker(_t: TestContext, p: Pipeline, inactivityMs = 45_000, webhookUrl?: string) {
  return startAlertWorker(p, { groupId: workerGroup(p), tickMs: 500, engine: { inactivityMs }, webhookUrl });
}

const decodeAll = (messages: { value: Buffer | null }[]) => messages.map((m) => Alert.decode(m.value!));

// The tests run side by side: each has its own pipeline (topics, groups, bucket), alert worker
// (its own broker account; the killed one is the stack's `alerts` service, the only user of
// that account here) and devices, and each mostly waits on its devices' clock.
describe('the alert worker against the real stack', { concurrency: true }, () => {
  test('a desaturation raises one SpO2 alert within the delay + 2 s; it latches after recovery and an acknowledgement resolves it', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    // A webhook receiver (the first two calls fail, so the retry is exercised).
    const hooks: { id: string; state: string }[] = [];
    let calls = 0;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; }).on('end', () => {
        calls++;
        if (calls <= 2) { res.writeHead(503); res.end(); return; }
        hooks.push(JSON.parse(body) as { id: string; state: string });
        res.writeHead(204); res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    t.after(() => new Promise<void>((r) => server.close(() => r())));
    const { command } = await startWorker(t, p, 45_000, `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`);
    const alerts = await p.collect(p.topics.alerts);
    const arrivals = new Map<string, number>();
    const seen = setInterval(() => { for (const a of decodeAll(alerts.messages)) if (!arrivals.has(`${a.alertId}:${a.state}`)) arrivals.set(`${a.alertId}:${a.state}`, Date.now()); }, 50);
    t.after(() => clearInterval(seen));
    // MQTT bedside/mobile clients get the alert too.
    const bedside = await mqtt.connectAsync(p.s.mqttUrl, { username: p.s.env.MQTT_CLINICIAN_USERNAME!, password: p.s.env.MQTT_CLINICIAN_PASSWORD!, clientId: p.s.env.MQTT_CLINICIAN_USERNAME!, protocolVersion: 4 });
    t.after(() => bedside.endAsync());
    const onMqtt: string[] = [];
    bedside.on('message', (topic) => onMqtt.push(topic));
    await bedside.subscribeAsync('alerts/v1/patients/pat-00021/#', { qos: 1 });

    let firstLow = 0;
    await p.provisionFleet(21, 1);
    const summary = await simulate({
      mqttUrl: p.s.mqttUrl, deviceSecret: p.deviceSecret, devices: 1, firstDevice: 21, batches: 44, intervalMs: 500,
      scenarios: [{ name: 'desaturation', startMs: 2_000, durationMs: 16_000 }],
      onPublish: () => undefined,
    });
    assert.equal(summary.failed, 0);
    // SpO2 is high priority: when the episode ends the alert latches (IEC 60601-1-8) and stays
    // until someone acknowledges it; the acknowledgement then ends it.
    const latched = await waitFor('spo2 alert latched', () => {
      const list = decodeAll(alerts.messages).filter((a) => a.kind === 'limit:spo2:low');
      return list.some((a) => a.latched) ? list : undefined;
    }, 20_000);
    assert.equal(new Set(latched.map((a) => a.alertId)).size, 1, 'one alert for the episode');
    assert.deepEqual(latched.map((a) => [a.state, a.change, a.conditionActive]), [[AlertState.ALERT_STATE_OPEN, 'raised', true], [AlertState.ALERT_STATE_OPEN, 'latched', false]]);
    const open = latched[0]!;
    // The delay is measured on the samples' clock: the first value under the limit starts it.
    firstLow = open.raisedAtMs - SPO2_DELAY_MS;
    const arrived = arrivals.get(`${open.alertId}:${AlertState.ALERT_STATE_OPEN}`)!;
    assert.ok(arrived - firstLow <= SPO2_DELAY_MS + 2_000 + 500, `alert arrived ${arrived - firstLow} ms after the first low reading`);
    assert.ok(open.raisedAtMs - firstLow >= SPO2_DELAY_MS, 'not before the delay');
    assert.ok(open.value < 90);
    await command({ type: 'acknowledge', patientId: 'pat-00021', alertId: open.alertId, by: 'nurse-1', at: Date.now() });
    const spo2 = await waitFor('spo2 alert resolved by the acknowledgement', () => {
      const list = decodeAll(alerts.messages).filter((a) => a.kind === 'limit:spo2:low');
      return list.some((a) => a.state === AlertState.ALERT_STATE_RESOLVED) ? list : undefined;
    }, 10_000);
    assert.deepEqual(spo2.map((a) => a.change), ['raised', 'latched', 'resolved']);
    assert.equal(spo2[2]!.acknowledgedBy, 'nurse-1');
    await waitFor('alert on MQTT', () => (onMqtt.some((topic) => topic === 'alerts/v1/patients/pat-00021/limit-spo2-low') ? true : undefined), 5_000);
    // The webhook got every change (after retries), and InfluxDB has the history.
    await waitFor('webhook deliveries', () => (hooks.filter((h) => h.id === open.alertId).length >= 3 ? true : undefined), 30_000);
    assert.deepEqual(hooks.filter((h) => h.id === open.alertId).map((h) => h.state), ['open', 'open', 'resolved']);
    // The history is written beside the webhook, not before it: it may land a little later
    // (a CI run under Docker queried it first and found the 'resolved' line not there yet).
    const queryApi = new InfluxDB({ url: p.s.influx.url, token: p.s.influx.token }).getQueryApi(p.s.influx.org);
    const history = await waitFor('alert history in InfluxDB', async () => {
      const rows = await queryApi.collectRows<{ state: string; _value: string }>(
        flux`from(bucket: ${p.bucket}) |> range(start: -1h) |> filter(fn: (r) => r._measurement == "alerts" and r._field == "alert_id" and r._value == ${open.alertId}) |> group() |> sort(columns: ["_time"])`);
      return rows.length >= 3 ? rows : undefined;
    }, 15_000);
    assert.deepEqual(history.map((r) => r.state), ['open', 'open', 'resolved']);
  });

  test('a short spike under the delay raises nothing', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    const { worker } = await startWorker(t, p);
    const alerts = await p.collect(p.topics.alerts);
    await p.provisionFleet(22, 1);
    const summary = await simulate({ mqttUrl: p.s.mqttUrl, deviceSecret: p.deviceSecret, devices: 1, firstDevice: 22, batches: 16, intervalMs: 500, scenarios: [{ name: 'spike', startMs: 2_000, durationMs: 4_000 }] });
    assert.equal(summary.failed, 0);
    // The worker saw the spike (state has the patient's latest SpO2 back to normal) ...
    await waitFor('worker caught up', () => ((worker.states.get('pat-00022')?.latest.spo2?.value ?? 0) > 90 ? true : undefined), 30_000);
    // Every reading evaluated and its effects written (the worker commits a batch's offsets only
    // after its alerts and state are in Kafka), and every alert record read back.
    await p.committedToEnd(workerGroup(p), p.topics.vitals);
    const { high } = await p.offsets(workerGroup(p), p.topics.alerts);
    const alertRecords = Object.values(high).reduce((a, b) => a + b, 0);
    await waitFor(`${alertRecords} alert records collected`, () => (alerts.messages.length >= alertRecords ? true : undefined), 15_000);
    // ... and raised no SpO2 alert.
    assert.deepEqual(decodeAll(alerts.messages).filter((a) => a.kind.startsWith('limit:spo2')), []);
  });

  test('a device cut off without a clean disconnect raises "device offline" within keepalive x 1.5 + 5 s', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    await startWorker(t, p);
    const alerts = await p.collect(p.topics.alerts);
    const keepaliveS = 5;
    let cutAt = 0;
    await p.provisionFleet(23, 1);
    // Timed from the moment the simulated device loses its network (no DISCONNECT, so no clean end).
    await simulate({
      mqttUrl: p.s.mqttUrl, deviceSecret: p.deviceSecret, devices: 1, firstDevice: 23, batches: 10, intervalMs: 500, keepaliveS, scenarios: [{ name: 'dropout', startMs: 2_000 }],
      onNetworkCut: (_dev, atMs) => { cutAt = atMs; },
    });
    assert.ok(cutAt > 0, 'the simulator cut the network');
    const offline = await waitFor('device offline alert', () => decodeAll(alerts.messages).find((a) => a.kind === 'device-offline:dev-00023' && a.state === AlertState.ALERT_STATE_OPEN), keepaliveS * 1500 + 5_000);
    assert.ok(Date.now() - cutAt <= keepaliveS * 1500 + 5_000 + 1_000);
    assert.match(offline.message, /offline|silent/);
  });

  test('a device silent without a Last Will is declared offline by the inactivity timer, and back online with data', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    await startWorker(t, p, 3_000);
    const alerts = await p.collect(p.topics.alerts);
    const dev = deviceIdFor(24);
    await p.provision(dev, 'pat-00024');
    const c = await mqtt.connectAsync(p.s.mqttUrl, { username: dev, password: devicePassword(p.deviceSecret, dev), clientId: dev, protocolVersion: 4 });
    t.after(() => c.endAsync());
    await c.publishAsync(telemetryTopic(dev), Buffer.from(encodeBatch(makeBatch({ deviceId: dev, patientId: 'pat-00024', sequence: 1 }))), { qos: 1 });
    const off = await waitFor('inactivity alert', () => decodeAll(alerts.messages).find((a) => a.kind === `device-offline:${dev}` && a.state === AlertState.ALERT_STATE_OPEN), 15_000);
    assert.match(off.message, /silent/);
    await c.publishAsync(telemetryTopic(dev), Buffer.from(encodeBatch(makeBatch({ deviceId: dev, patientId: 'pat-00024', sequence: 2 }))), { qos: 1 });
    const back = await waitFor('offline resolved', () => decodeAll(alerts.messages).find((a) => a.kind === `device-offline:${dev}` && a.state === AlertState.ALERT_STATE_RESOLVED), 10_000);
    assert.equal(back.alertId, off.alertId);
  });

  test('a worker killed with SIGKILL mid-episode neither loses the open alert nor raises it twice', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    const alerts = await p.collect(p.topics.alerts);
    const id = `${p.id}-alerts`; // under the pipeline's prefix: its cleanup removes the group
    const env = {
      KAFKA_TOPIC_VITALS: p.topics.vitals, KAFKA_TOPIC_STATUS: p.topics.status, KAFKA_TOPIC_ALERTS: p.topics.alerts, KAFKA_TOPIC_DEAD_LETTER: p.topics.deadLetter,
      KAFKA_TOPIC_ALERT_COMMANDS: `${p.topics.alerts}.commands`, KAFKA_TOPIC_ALERT_STATE: `${p.topics.alerts}.state`,
      KAFKA_TOPIC_PARTITIONS: '3', ALERTS_GROUP_ID: id, INFLUX_BUCKET: p.bucket, INFLUX_WRITE_TOKEN: '',
      // Its own bucket: the stack's scoped tokens cover only the stack's bucket.
      INFLUX_TOKEN: p.s.influx.token,
    };
    let worker = startService(t, 'alerts', env);
    await waitForLog(worker, 'alert worker started');
    await p.provisionFleet(25, 1);
    let published = 0;
    const run = simulate({ mqttUrl: p.s.mqttUrl, deviceSecret: p.deviceSecret, devices: 1, firstDevice: 25, batches: 70, intervalMs: 500, scenarios: [{ name: 'desaturation', startMs: 2_000, durationMs: 26_000 }], onPublish: () => { published++; } });
    const opened = await waitFor('open spo2 alert', () => decodeAll(alerts.messages).find((a) => a.kind === 'limit:spo2:low' && a.state === AlertState.ALERT_STATE_OPEN), 30_000);
    await worker.kill('SIGKILL');
    // The episode goes on while the worker is down: 4 more batches (2 s of readings) published.
    const atKill = published;
    await waitFor('4 batches published while the worker is down', () => (published >= atKill + 4 ? true : undefined), 30_000, 50);
    worker = startService(t, 'alerts', env);
    await waitForLog(worker, 'alert state loaded');
    const summary = await run;
    assert.equal(summary.failed, 0);
    // The end of the condition (high priority: latched until acknowledged).
    const spo2 = await waitFor('condition cleared', () => {
      const list = decodeAll(alerts.messages).filter((a) => a.kind === 'limit:spo2:low');
      return list.some((a) => !a.conditionActive) ? list : undefined;
    }, 30_000);
    assert.deepEqual([...new Set(spo2.map((a) => a.alertId))], [opened.alertId], 'the same alert, never a second one');
    // Raised once. The worker publishes alerts before it persists state (services/alerts/app.ts
    // emit()), so a kill between the two republishes the same raise after the restart: the same
    // id and the same raisedAt (at least once, deduplicated by id downstream), never a new one.
    const raises = spo2.filter((a) => a.change === 'raised' || a.change === 'reopened');
    assert.ok(raises.length >= 1, 'raised');
    assert.deepEqual([...new Set(raises.map((a) => `${a.alertId}@${String(a.raisedAtMs)}`))], [`${opened.alertId}@${String(opened.raisedAtMs)}`], 'one raise (a republished copy at most)');
    assert.ok(raises.every((a) => a.change === 'raised'), 'never re-opened');
    await worker.kill('SIGTERM');
  });

  // CI found one `alerts-state-load-*` group left after the scale test stopped its workers: a
  // worker stopped while it reloaded state returned before the reload deleted its group.
  test('a worker stopped while it reloads alert state leaves no consumer group of the reload behind', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    const state = `${p.topics.alerts}.state`;
    // Enough stored state that the reload takes a while (each record as the worker writes them).
    const admin = p.kafka.admin();
    await admin.connect();
    t.after(() => admin.disconnect());
    await ensureTopics(admin, [state], 3, [{ name: 'cleanup.policy', value: 'compact' }]);
    const producer = p.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    t.after(() => producer.disconnect());
    const latest = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`vital_${i}`, { value: 97, at: Date.now() }]));
    for (let b = 0; b < 20; b++) {
      await producer.send({ topic: state, acks: -1, messages: Array.from({ length: 1_000 }, (_, i) => {
        const patientId = `${p.id}-pat-${b * 1_000 + i}`;
        return { key: patientId, value: JSON.stringify({ patientId, latest, limits: {}, news2: null, devices: {}, alerts: {} }) };
      }) });
    }
    const loadGroup = `${STATE_LOAD_GROUP_PREFIX}${workerGroup(p)}-`;
    const reloads = async () => (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(loadGroup));
    const { worker } = await startWorker(t, p);
    await waitFor('the worker\'s state reload under way', async () => ((await reloads()).length > 0 ? true : undefined), 30_000, 20);
    assert.equal(worker.states.size, 0, 'stopped before the reload ended (else this test proves nothing)');
    await worker.stop();
    assert.deepEqual(await reloads(), [], 'the reload\'s group is gone once the stop returns');
  });

  test('a worker removes the reload groups a killed worker of its group left behind, and no other', async (t) => {
    const p = await startPipeline(t, { writer: false, bucket: true });
    const admin = p.kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [p.topics.vitals], 3);
    const ago = (ms: number) => Date.now() - ms;
    const name = (owner: string, at: number) => `${STATE_LOAD_GROUP_PREFIX}${owner}-${at}-${Math.random().toString(36).slice(2)}`;
    const left = name(workerGroup(p), ago(STALE_LOAD_GROUP_MS + 60_000)); // a reader killed -9 six minutes ago
    const recent = name(workerGroup(p), ago(30_000)); // may be a reload still under way
    const other = name(`${workerGroup(p)}-2`, ago(STALE_LOAD_GROUP_MS + 60_000)); // another group's (its name extends ours)
    // Empty groups that exist (Kafka keeps a group with committed offsets).
    // (A topic just created may not be known to the group coordinator yet: retried until it is.)
    for (const groupId of [left, recent, other]) {
      await waitFor(`group ${groupId} created`, () => admin.setOffsets({ groupId, topic: p.topics.vitals, partitions: [{ partition: 0, offset: '0' }] }).then(() => true), 30_000);
    }
    // Not under the pipeline's prefix, so not removed with it (the leftovers check found them
    // when this ran after the admin's disconnect): deleted here, then the admin disconnected,
    // before the pipeline removes its topics (an admin that knew a removed topic fails).
    p.cleanup(async () => {
      try {
        const existing = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
        const mine = [left, recent, other].filter((g) => existing.has(g));
        if (mine.length > 0) await admin.deleteGroups(mine);
      } finally {
        await admin.disconnect();
      }
    });
    const groups = async () => new Set((await admin.listGroups()).groups.map((g) => g.groupId));
    assert.ok((await groups()).has(left), 'the left-behind group exists before the worker starts');
    await startWorker(t, p);
    await waitFor('the left-behind reload group removed', async () => ((await groups()).has(left) ? undefined : true), 30_000);
    const now = await groups();
    assert.ok(now.has(recent), 'a recent reload group is kept (it may be in use)');
    assert.ok(now.has(other), 'another worker group\'s reload group is kept');
  });
});
