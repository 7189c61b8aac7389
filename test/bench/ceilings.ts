// Each part alone on the same machine, in the same run: Mosquitto (QoS 1 publish ->
// subscribe), Kafka (its own ProducerPerformance) and InfluxDB (our line protocol).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { deviceIdFor, devicePassword } from '../../services/common/device-credentials.js';
import { ensureTopics } from '../../services/common/kafka.js';
import { batchToLines } from '../../services/common/line-protocol.js';
import { VitalsBatch } from '../../services/common/proto.js';
import { createInfluxWriter } from '../../services/common/influx-writer.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { CEIL_FIRST, REPO, SAMPLES_PER_MSG, STATE, type Bench } from './context.js';

const benchPayload = () => encodeBatch(makeBatch({ samples: Array.from({ length: SAMPLES_PER_MSG }, (_, i) => ({ kind: 1 + (i % 6), value: 70, unit: '', measuredAtMs: Date.now() })) }));

/** 16 MQTT.js publishers with 50 QoS 1 messages in flight each, one QoS 1 subscriber, 15 s (first 3 s dropped). */
export async function brokerCeiling(b: Bench): Promise<{ msgsPerS: number; samplesPerS: number }> {
  const { E } = b;
  const payload = Buffer.from(benchPayload());
  const sub = await mqtt.connectAsync(E.MQTT_URL!, { username: 'admin', password: E.MQTT_ADMIN_PASSWORD!, clientId: `${b.id}-ceil-sub`, protocolVersion: 4 });
  let received = 0;
  sub.on('message', () => { received++; });
  await sub.subscribeAsync(`bench/v1/devices/+/telemetry`, { qos: 1 });
  const pubs = await Promise.all(Array.from({ length: 16 }, (_, i) => {
    const d = deviceIdFor(CEIL_FIRST + i);
    return mqtt.connectAsync(E.MQTT_URL!, { username: d, password: devicePassword(E.MQTT_DEVICE_SECRET!, d), clientId: d, protocolVersion: 4 });
  }));
  const end = Date.now() + 15_000;
  let startCount = -1, t0 = 0;
  setTimeout(() => { startCount = received; t0 = Date.now(); }, 3000); // skip warm-up
  await Promise.all(pubs.map(async (c, i) => {
    const d = deviceIdFor(CEIL_FIRST + i);
    const inflight = new Set<Promise<unknown>>();
    while (Date.now() < end) {
      const p = c.publishAsync(`bench/v1/devices/${d}/telemetry`, payload, { qos: 1 }).finally(() => inflight.delete(p));
      inflight.add(p);
      if (inflight.size >= 50) await Promise.race(inflight);
    }
    await Promise.all(inflight);
  }));
  const msgsPerS = Math.round((received - startCount) / ((Date.now() - t0) / 1000));
  await Promise.all([...pubs, sub].map((c) => c.endAsync()));
  return { msgsPerS, samplesPerS: msgsPerS * SAMPLES_PER_MSG };
}

/** InfluxDB alone: the pipeline's line protocol in 5000-line requests, 2 in flight, 15 s (first 3 s dropped). */
export async function influxCeiling(b: Bench): Promise<{ pointsPerS: number; samplesPerS: number }> {
  const bkt = await b.bucket(`${b.id}-ceiling`);
  const writer = createInfluxWriter({ url: b.s.influx.url, token: b.s.influx.token, org: b.s.influx.org, bucket: bkt });
  const base = Date.now() - 3_600_000;
  let seq = 0, written = 0, startCount = -1, t0 = 0;
  const end = Date.now() + 15_000;
  setTimeout(() => { startCount = written; t0 = Date.now(); }, 3000);
  const linesPerReq = 5000;
  const batchesPerReq = Math.ceil(linesPerReq / (SAMPLES_PER_MSG + 1));
  await Promise.all([0, 1].map(async () => {
    while (Date.now() < end) {
      const lines: string[] = [];
      for (let i = 0; i < batchesPerReq; i++) {
        seq++;
        const d = deviceIdFor(1 + (seq % 300));
        const at = base + seq;
        lines.push(...batchToLines(VitalsBatch.create({ deviceId: d, patientId: `pat-${d.slice(4)}`, sequence: seq, sentAtMs: at, batteryPercent: 80,
          samples: Array.from({ length: SAMPLES_PER_MSG }, (_, k) => ({ kind: 1 + (k % 6), value: 70 + (k % 5), unit: '', measuredAtMs: at - (k % 5) * 40 })) })));
      }
      await writer.write(lines);
      written += lines.length;
    }
  }));
  writer.close();
  const pointsPerS = Math.round((written - startCount) / ((Date.now() - t0) / 1000));
  // Each message stores SAMPLES_PER_MSG vitals points + 1 device point.
  return { pointsPerS, samplesPerS: Math.round((pointsPerS * SAMPLES_PER_MSG) / (SAMPLES_PER_MSG + 1)) };
}

/** Java client settings for the Kafka `admin` login (issue 16), in a mode-600 file (never argv). */
export function adminClientProps(b: Bench): string {
  const file = `${STATE}/bench-kafka-admin.properties`;
  const pw = b.E.KAFKA_ADMIN_PASSWORD;
  writeFileSync(file, pw ? ['security.protocol=SASL_PLAINTEXT', 'sasl.mechanism=SCRAM-SHA-512',
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${pw}";`, ''].join('\n') : '', { mode: 0o600 });
  return file;
}

/** Kafka's own ProducerPerformance: acks=all, idempotent, 300k records of the pipeline's message size. */
export async function kafkaCeiling(b: Bench): Promise<{ recordsPerS: number; samplesPerS: number; mbPerS: number }> {
  const lib = execFileSync('bash', [`${REPO}infra/local/install-kafka.sh`]).toString().trim();
  const topic = `${b.id}.ceiling`;
  const admin = b.kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [topic], 6);
  const size = benchPayload().length;
  const out = execFileSync('java', ['-Xmx256m', '-Dkafka.log.name=tools', '-cp', `${lib}/*`, 'org.apache.kafka.tools.ProducerPerformance', '--topic', topic, '--num-records', '300000', '--record-size', String(size), '--throughput', '-1',
    '--producer.config', adminClientProps(b), '--producer-props', `bootstrap.servers=${b.E.KAFKA_BROKERS}`, 'acks=all', 'enable.idempotence=true', 'linger.ms=5', 'batch.size=65536'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 }).toString();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  const m = /([\d.]+) records\/sec \(([\d.]+) MB\/sec\)[^\n]*\n?$/.exec(out.trim()) ?? /([\d.]+) records\/sec \(([\d.]+) MB\/sec\)/.exec(out);
  const recordsPerS = Math.round(Number(m?.[1] ?? 0));
  return { recordsPerS, samplesPerS: recordsPerS * SAMPLES_PER_MSG, mbPerS: Number(m?.[2] ?? 0) };
}
