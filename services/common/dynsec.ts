// A client of Mosquitto's dynamic-security control topic (plugins/dynamic-security, 2.0.11-2.0.21):
// accounts, client-id binding and roles change at runtime, with no broker restart.
import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { VitalsError } from './errors.js';
import { connectMqtt } from './mqtt.js';

const CONTROL = '$CONTROL/dynamic-security/v1';

export interface DynsecCommand { command: string; [field: string]: unknown }
export interface DynsecResponse { command: string; error?: string; data?: Record<string, unknown>; correlationData?: string }

export interface Dynsec {
  /** Sends one command, resolves with its response's data; rejects with the broker's error text. */
  run(command: DynsecCommand): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

export interface DynsecOptions {
  url: string;
  username: string;
  password: string;
  caFile?: string | undefined;
  /** How long to wait for the broker's answer. @defaultValue 10_000 (ms) */
  timeoutMs?: number;
}

export async function createDynsec(options: DynsecOptions): Promise<Dynsec> {
  const pending = new Map<string, { resolve: (r: DynsecResponse) => void; timer: NodeJS.Timeout }>();
  const client: MqttClient = await connectMqtt({
    url: options.url, caFile: options.caFile, username: options.username, password: options.password,
    clientId: `vitals-dynsec-${randomUUID()}`, clean: true,
  });
  client.on('message', (topic, payload) => {
    if (topic !== `${CONTROL}/response`) return;
    let body: { responses?: DynsecResponse[] };
    try { body = JSON.parse(payload.toString('utf8')) as { responses?: DynsecResponse[] }; } catch { return; }
    for (const r of body.responses ?? []) {
      const p = r.correlationData ? pending.get(r.correlationData) : undefined;
      if (!p) continue;
      clearTimeout(p.timer);
      pending.delete(r.correlationData!);
      p.resolve(r);
    }
  });
  await client.subscribeAsync(`${CONTROL}/response`, { qos: 1 });
  return {
    async run(command) {
      const correlationData = randomUUID();
      const response = await new Promise<DynsecResponse>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(correlationData);
          reject(new VitalsError('API_ERR_INTERNAL', `the broker did not answer ${command.command}`));
        }, options.timeoutMs ?? 10_000);
        pending.set(correlationData, { resolve, timer });
        client.publishAsync(CONTROL, JSON.stringify({ commands: [{ ...command, correlationData }] }), { qos: 1 }).catch((err: unknown) => {
          clearTimeout(timer);
          pending.delete(correlationData);
          reject(err as Error);
        });
      });
      if (response.error) throw Object.assign(new Error(response.error), { dynsecError: response.error });
      return response.data;
    },
    async close() {
      for (const p of pending.values()) clearTimeout(p.timer);
      await client.endAsync();
    },
  };
}
