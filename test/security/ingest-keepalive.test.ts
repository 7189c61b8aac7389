// The ingest's MQTT keepalive against a broker that answers pings late (issue 17), real
// Mosquitto and Kafka. In the benchmark the ingest's connection hit "Keepalive timeout"
// while the broker, busy saving its store, still delivered: each drop made the broker
// redeliver everything in flight. Here a TCP relay between the ingest and the broker passes
// every packet at once except PINGRESP, which it holds for 5 s (the queueing a busy broker
// causes); the broker's deliveries keep arriving meanwhile. The connection must stay up, and
// every reading must arrive.
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { pino } from 'pino';
import { createPatientRegistry } from '../../services/common/patient-registry.js';
import { telemetryTopic } from '../../services/common/topics.js';
import { DEFAULT_LIMITS } from '../../services/common/validate.js';
import { createIngest } from '../../services/ingest/app.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';
import { ingestAccounts } from '../helpers/mqtt-accounts.js';
import { startPipeline, waitFor } from '../helpers/pipeline.js';
import { connectDevice, header } from './helpers.js';

const KEEPALIVE_S = 2;
const PINGRESP_DELAY_MS = 5_000;
const PUBLISH_MS = 12_000;

/** A relay to `target` that holds each PINGRESP (broker -> client) for `delayMs`; counts connections. */
async function slowPingRelay(target: URL, delayMs: number): Promise<{ url: string; connections: () => number; held: () => number; close: () => Promise<void> }> {
  let connections = 0;
  let held = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    connections++;
    const broker = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(broker);
    const end = () => { client.destroy(); broker.destroy(); };
    client.on('error', end).on('close', end);
    broker.on('error', end).on('close', end);
    client.pipe(broker);
    // Broker -> client, framed (fixed header + remaining length), so PINGRESP can be held alone.
    let buf = Buffer.alloc(0);
    broker.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        let len = 0, mul = 1, i = 1;
        for (; i < buf.length && i <= 4; i++) { len += (buf[i]! & 0x7f) * mul; mul *= 128; if ((buf[i]! & 0x80) === 0) break; }
        if (i >= buf.length || buf.length < i + 1 + len) return;
        const packet = buf.subarray(0, i + 1 + len);
        buf = buf.subarray(i + 1 + len);
        if (packet[0] === 0xd0) { held++; setTimeout(() => { if (!client.destroyed) client.write(packet); }, delayMs); } else client.write(packet);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `mqtt://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    connections: () => connections,
    held: () => held,
    close: () => new Promise((r) => { for (const x of sockets) x.destroy(); server.close(() => r()); }),
  };
}

test('a late PINGRESP while deliveries keep arriving does not drop the ingest\'s connection (no redelivery storm); every reading arrives', { timeout: 180_000 }, async (t) => {
  const p = await startPipeline(t, { writer: false, subscription: 'exclusive', connections: 1 });
  const dev = await connectDevice(t, p.s, 70);
  await p.provision(dev.id, 'pat-00070');
  await p.ingest.stop(); // this test's own ingest below, through the relay
  const vitals = await p.collect(p.topics.vitals);
  const relay = await slowPingRelay(new URL(p.s.mqttUrl), PINGRESP_DELAY_MS);
  p.cleanup(relay.close);
  const clientId = `${p.id}-ingest-ka`;
  p.cleanup(await ingestAccounts(p.s, clientId, 1));
  const warnings: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => { warnings.push(line); } });
  const patients = createPatientRegistry({ kafka: p.kafka, log: pino({ level: 'silent' }), topics: p.patientTopics, groupId: `${p.id}-patients-ingest-ka` });
  const ingest = createIngest({
    kafka: p.kafkaAs('ingest'), log, patients,
    options: {
      mqtt: { url: relay.url, password: p.s.env.MQTT_PASSWORD! }, clientId, connections: 1, shareGroup: `${p.id}-share`, subscription: 'exclusive',
      keepaliveS: KEEPALIVE_S, topics: p.topics, partitions: 3, limits: DEFAULT_LIMITS, lingerMs: 2, maxBatch: 500,
    },
  });
  p.cleanup(() => ingest.stop());
  await ingest.start();

  const t0 = Date.now();
  let seq = 0;
  while (Date.now() - t0 < PUBLISH_MS) {
    seq++;
    await dev.client.publishAsync(telemetryTopic(dev.id), Buffer.from(encodeBatch(makeBatch({ deviceId: dev.id, patientId: 'pat-00070', sequence: seq }))), { qos: 1 });
    await new Promise((r) => setTimeout(r, 100));
  }
  const seqs = () => new Set(vitals.messages.filter((m) => header(m.headers, 'device-id') === dev.id).map((m) => Number(header(m.headers, 'sequence'))));
  await waitFor('every reading in Kafka', () => (seqs().size === seq ? true : undefined), 30_000);
  const dropped = warnings.filter((l) => l.includes('mqtt offline') || l.includes('Keepalive timeout'));
  console.log(`[keepalive] ${seq} published, ${relay.held()} PINGRESPs held ${PINGRESP_DELAY_MS} ms, ${relay.connections()} connection(s), ${dropped.length} drop warning(s)`);
  assert.ok(relay.held() >= 2, `the broker answered pings (${relay.held()}) and the relay held them`);
  assert.equal(relay.connections(), 1, `the ingest kept its one connection (${dropped.map((l) => l.slice(0, 160)).join(' | ')})`);
});
