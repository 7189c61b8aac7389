// Latency at a given rate: publish -> Kafka (a consumer on the vitals topic), publish ->
// queryable in InfluxDB (a probe polling for the newest batch, each batch measured once),
// publish -> alert (one desaturation on each of at least BENCH_LATENCY_ALARMS devices,
// measured from the batch that completed the alarm delay, with where that time went).
import { statSync } from 'node:fs';
import { Alert, AlertState } from '../../services/common/proto.js';
import { simulate } from '../../services/simulator/app.js';
import { flux, median, pct, READINGS, SAMPLES_PER_MSG, sleep, STEP_S, type Bench } from './context.js';
import { shape } from './steps.js';
import { MOSQUITTO_DB, sampler, type Pids, type Usage } from './usage.js';

const readStoreBytes = () => { try { return statSync(MOSQUITTO_DB).size; } catch { return 0; } };

/**
 * Threshold crossings the latency step provokes, one per device (a p99 of 4 alerts, as in
 * earlier runs, is no p99). At least this many devices share the rate, so each sends less often.
 */
export const LATENCY_ALARMS = Number(process.env.BENCH_LATENCY_ALARMS ?? 120);

/** The latency step's devices and publish interval: the step's shape, with a device per alarm at least. */
export function latencyShape(rate: number, stepS: number, alarms = LATENCY_ALARMS) {
  const base = shape(rate, stepS);
  if (base.devices >= alarms) return base;
  const intervalMs = Math.round((alarms * SAMPLES_PER_MSG * 1000) / rate);
  return { devices: alarms, intervalMs, batches: Math.max(2, Math.round((stepS * 1000) / intervalMs)) };
}

/**
 * One desaturation per device (SpO2 below 90 from about 2.5 s into the 20 s episode, the
 * 10 s alarm delay completes about 12.5 s in), the starts spread evenly from 2 s to 20 s
 * before the step ends, so the raises are spread over devices and time.
 */
export function desaturations(devices: number, stepS: number) {
  const last = Math.max(2000, stepS * 1000 - 20_000);
  return Array.from({ length: devices }, (_, i) => ({ name: 'desaturation' as const, device: i + 1, startMs: Math.round(2000 + ((last - 2000) * i) / Math.max(1, devices - 1)), durationMs: 20_000 }));
}

/**
 * `pids`: processes whose CPU % (and for Mosquitto, saves and store size) over the publishing
 * window are reported with the figures: the broker's part is the largest and depends on its state.
 */
export async function latency(b: Bench, rate: number, bkt: string, topics: { vitals: string; alerts: string }, pids: Pids = {}) {
  const { devices, intervalMs, batches } = latencyShape(rate, STEP_S);
  const first = await b.devices(devices);
  const published = new Map<string, number>();
  const byDevice = new Map<string, { at: number; lastMeasured: number; seq: number }[]>();
  /** Per batch (device#seq): when the ingest received it (its header) and when it was readable in Kafka. */
  const inKafka = new Map<string, { receivedAt: number; at: number }>();
  const toKafka: number[] = [], toInflux: number[] = [], toAlert: number[] = [], probeQuery: number[] = [];
  // Where publish -> alert went, for each alert: broker (publish -> ingest receive), ingest
  // and Kafka (receive -> readable in Kafka), alert worker (readable in Kafka -> alert readable).
  const alertBroker: number[] = [], alertIngest: number[] = [], alertWorker: number[] = [];
  const raisedDevices = new Set<string>();
  const consumer = b.kafka.consumer({ groupId: `${b.id}-lat`, maxWaitTimeInMs: 10 });
  await consumer.connect();
  await consumer.subscribe({ topic: topics.vitals, fromBeginning: false });
  await consumer.subscribe({ topic: topics.alerts, fromBeginning: false });
  // It reads from the end at its join: a join that came late under load (a fixed 2 s wait
  // before) missed most of the step (n = 0 alerts in one run). The step starts once joined.
  const joined = new Promise<void>((resolve) => { consumer.on(consumer.events.GROUP_JOIN, () => resolve()); });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const now = Date.now();
      if (topic === topics.vitals) {
        const key = `${message.headers?.['device-id']}#${message.headers?.sequence}`;
        const at = published.get(key);
        if (at) toKafka.push(now - at);
        if (at && !inKafka.has(key)) inKafka.set(key, { receivedAt: Number(message.headers?.['received-at-ms']?.toString()), at: now });
      } else {
        const a = Alert.decode(message.value!);
        // The raise only: later messages of the same alert (latched, escalated) are not alert latency.
        if (a.state !== AlertState.ALERT_STATE_OPEN || a.change !== 'raised' || !a.kind.startsWith('limit:spo2')) return;
        const hit = byDevice.get(a.deviceId)?.find((x) => x.lastMeasured >= a.raisedAtMs);
        if (!hit) return;
        toAlert.push(now - hit.at);
        raisedDevices.add(a.deviceId);
        const k = inKafka.get(`${a.deviceId}#${hit.seq}`);
        if (k && k.receivedAt > 0) {
          alertBroker.push(k.receivedAt - hit.at);
          alertIngest.push(k.at - k.receivedAt);
          alertWorker.push(now - k.at);
        }
      }
    },
  });
  await Promise.race([joined, sleep(60_000)]);
  await sleep(1000);
  const scenarios = desaturations(devices, STEP_S);
  const storeKbAtStart = Math.round(readStoreBytes() / 1024);
  const meter = sampler(pids);
  const t0 = Date.now();
  let probing = true;
  let probed = '';
  const probe = (async () => {
    while (probing) {
      const latest = [...published.entries()].pop();
      // Each batch is measured once. (Re-measuring the last batch after the simulation had
      // ended added a series of ever older "latencies", 0.3 to 5 s: the p95/p99 of earlier runs.)
      if (latest && latest[0] !== probed) {
        probed = latest[0];
        const [key, at] = latest;
        const [dev, seq] = key.split('#') as [string, string];
        for (let i = 0; i < 400 && probing; i++) {
          const q0 = Date.now();
          const r = await b.query.collectRows(flux`from(bucket: ${bkt}) |> range(start: -5m) |> filter(fn: (r) => r._measurement == "device" and r._field == "seq" and r.device_id == ${dev} and r._value == ${Number(seq)}) |> limit(n: 1)`);
          probeQuery.push(Date.now() - q0); // the probe's own cost is part of each figure: reported beside it
          if (r.length > 0) { toInflux.push(Date.now() - at); break; }
          await sleep(25);
        }
      }
      await sleep(300);
    }
  })();
  await simulate({
    mqttUrl: b.E.MQTT_URL!, deviceSecret: b.E.MQTT_DEVICE_SECRET!, devices, firstDevice: first, batches, intervalMs, readingsPerBatch: READINGS, keepaliveS: 60, rampMs: intervalMs, scenarios,
    onPublish: (d, seq, at, lastMeasured) => {
      published.set(`${d}#${seq}`, at);
      const list = byDevice.get(d) ?? [];
      list.push({ at, lastMeasured, seq });
      byDevice.set(d, list);
    },
  });
  const publishS = (Date.now() - t0) / 1000;
  const usage: Record<string, Usage> = meter.finish(meter.stop());
  const broker = usage.mosquitto ? { storeKbAtStart, storeKbAtEnd: usage.mosquitto.storeKb, savesPerS: Math.round(((usage.mosquitto.saves ?? 0) / publishS) * 10) / 10, cpuPct: usage.mosquitto.cpuPct } : undefined;
  // Every provoked alarm had its chance: until each device's alert is in, at most 30 s.
  for (let i = 0; i < 60 && raisedDevices.size < scenarios.length; i++) await sleep(500);
  await sleep(2000);
  probing = false;
  await probe;
  await consumer.disconnect();
  const stats = (xs: number[]) => ({ n: xs.length, p50: median(xs), p95: pct(xs, 95), p99: pct(xs, 99) });
  return {
    rate, devices, intervalMs, alarmsProvoked: scenarios.length, devicesAlerted: raisedDevices.size,
    publishToKafka: stats(toKafka), publishToInflux: stats(toInflux), publishToAlert: stats(toAlert), influxProbeQuery: stats(probeQuery),
    alertBroker: stats(alertBroker), alertIngestKafka: stats(alertIngest), alertWorker: stats(alertWorker),
    usage, ...(broker ? { broker } : {}),
  };
}
