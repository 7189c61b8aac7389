// Devices as the sharded registry hands them out (issue 17): each connects to the endpoint and
// with the credentials its registration returned, publishes a QoS 1 batch every `intervalMs`
// (pipelined, as a device with a window of unacknowledged messages), and records which
// sequences the broker acknowledged. MQTT.js resends unacknowledged ones after a reconnect.
import mqtt, { type MqttClient } from 'mqtt';
import { telemetryTopic } from '../../services/common/topics.js';
import { encodeBatch, makeBatch } from '../helpers/fixtures.js';

export interface ShardDevice { deviceId: string; patientId: string; mqttUrl: string; password: string }
export interface DeviceRun {
  deviceId: string;
  published: Set<number>;
  acked: Set<number>;
  /** When the device got each PUBACK (ms): a broker crash may lose only what it acknowledged last. */
  ackedAt: Map<number, number>;
  failed: number;
}

export interface Fleet {
  runs: DeviceRun[];
  /** Resolves when every device has published for `durationMs` and each publish settled (acked or failed). */
  done: Promise<void>;
  close(): Promise<void>;
}

export async function startFleet(devices: ShardDevice[], o: { durationMs: number; intervalMs: number }): Promise<Fleet> {
  const clients: MqttClient[] = [];
  const runs: DeviceRun[] = [];
  const work = await Promise.all(devices.map(async (d) => {
    const client = await mqtt.connectAsync(d.mqttUrl, { clientId: d.deviceId, username: d.deviceId, password: d.password, protocolVersion: 4, clean: true, keepalive: 10, reconnectPeriod: 500, connectTimeout: 5_000 });
    clients.push(client);
    const run: DeviceRun = { deviceId: d.deviceId, published: new Set(), acked: new Set(), ackedAt: new Map(), failed: 0 };
    runs.push(run);
    return { d, client, run };
  }));
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const done = Promise.all(work.map(async ({ d, client, run }) => {
    const t0 = Date.now();
    let lastSentAt = 0;
    const pending: Promise<void>[] = [];
    for (let seq = 1; Date.now() - t0 < o.durationMs; seq++) {
      // A strictly increasing clock: InfluxDB keys a batch's device line by (device, sent-at ms).
      const at = (lastSentAt = Math.max(Date.now(), lastSentAt + 1));
      run.published.add(seq);
      pending.push(client.publishAsync(telemetryTopic(d.deviceId), Buffer.from(encodeBatch(makeBatch({ deviceId: d.deviceId, patientId: d.patientId, sequence: seq }, at))), { qos: 1 })
        .then(() => { run.acked.add(seq); run.ackedAt.set(seq, Date.now()); }, () => { run.failed++; }));
      await sleep(Math.max(0, t0 + seq * o.intervalMs - Date.now()));
    }
    await Promise.all(pending);
  })).then(() => undefined);
  return {
    runs,
    done,
    close: async () => { await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined))); },
  };
}
