// Latency at a given rate: publish -> Kafka (a consumer on the vitals topic), publish ->
// queryable in InfluxDB (a probe polling for the newest batch, each batch measured once),
// publish -> alert (desaturations on one device in ten, the batch that completed the delay).
import { Alert, AlertState } from '../../services/common/proto.js';
import { simulate } from '../../services/simulator/app.js';
import { flux, median, pct, READINGS, sleep, STEP_S, type Bench } from './context.js';
import { shape } from './steps.js';

export async function latency(b: Bench, rate: number, bkt: string, topics: { vitals: string; alerts: string }) {
  const { devices, intervalMs, batches } = shape(rate, STEP_S);
  const first = await b.devices(devices);
  const published = new Map<string, number>();
  const byDevice = new Map<string, { at: number; lastMeasured: number }[]>();
  const toKafka: number[] = [], toInflux: number[] = [], toAlert: number[] = [], probeQuery: number[] = [];
  const consumer = b.kafka.consumer({ groupId: `${b.id}-lat`, maxWaitTimeInMs: 10 });
  await consumer.connect();
  await consumer.subscribe({ topic: topics.vitals, fromBeginning: false });
  await consumer.subscribe({ topic: topics.alerts, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const now = Date.now();
      if (topic === topics.vitals) {
        const at = published.get(`${message.headers?.['device-id']}#${message.headers?.sequence}`);
        if (at) toKafka.push(now - at);
      } else {
        const a = Alert.decode(message.value!);
        // The raise only: later messages of the same alert (latched, escalated) are not alert latency.
        if (a.state !== AlertState.ALERT_STATE_OPEN || a.change !== 'raised' || !a.kind.startsWith('limit:spo2')) return;
        const hit = byDevice.get(a.deviceId)?.find((x) => x.lastMeasured >= a.raisedAtMs);
        if (hit) toAlert.push(now - hit.at);
      }
    },
  });
  await sleep(2000);
  // Desaturations on one device in ten, staggered, so alerts happen all through the run.
  const scenarios = Array.from({ length: Math.floor(devices / 10) }, (_, i) => ({ name: 'desaturation' as const, device: i * 10 + 1, startMs: 2000 + (i * (STEP_S * 1000 - 30_000)) / Math.max(1, devices / 10), durationMs: 20_000 }));
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
      list.push({ at, lastMeasured });
      byDevice.set(d, list);
    },
  });
  await sleep(5000);
  probing = false;
  await probe;
  await consumer.disconnect();
  const stats = (xs: number[]) => ({ n: xs.length, p50: median(xs), p95: pct(xs, 95), p99: pct(xs, 99) });
  return { rate, publishToKafka: stats(toKafka), publishToInflux: stats(toInflux), publishToAlert: stats(toAlert), influxProbeQuery: stats(probeQuery) };
}
