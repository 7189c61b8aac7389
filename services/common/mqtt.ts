import { readFileSync } from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export interface MqttConnectOptions extends IClientOptions {
  url: string;
  caFile?: string | undefined;
  /** Runs on the new client before it connects (e.g. to install handleMessage before a persistent session's queue arrives). */
  setup?: (client: MqttClient) => void;
}

/** Connects and resolves once CONNACK arrives; rejects with the broker's reason on refusal. */
export function connectMqtt(options: MqttConnectOptions): Promise<MqttClient> {
  const { url, caFile, setup, ...rest } = options;
  const client = mqtt.connect(url, {
    protocolVersion: 4,
    connectTimeout: 10_000,
    reconnectPeriod: 1_000,
    ...(caFile ? { ca: readFileSync(caFile) } : {}),
    ...rest,
  });
  setup?.(client);
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      client.removeListener('connect', onConnect);
      client.end(true);
      reject(err);
    };
    const onConnect = () => {
      client.removeListener('error', onError);
      resolve(client);
    };
    client.once('connect', onConnect);
    client.once('error', onError);
  });
}
