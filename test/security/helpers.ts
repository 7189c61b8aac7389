import type { TestContext } from 'node:test';
import mqtt, { type MqttClient } from 'mqtt';
import { deviceIdFor, devicePassword } from '../../services/common/device-credentials.js';
import type { StackEndpoints } from '../helpers/stack.js';

/** A real device connection (its own broker account), closed after the test. */
export async function connectDevice(t: TestContext, s: StackEndpoints, index: number): Promise<{ id: string; client: MqttClient }> {
  const id = deviceIdFor(index);
  const client = await mqtt.connectAsync(s.mqttUrl, { clientId: id, username: id, password: devicePassword(s.env.MQTT_DEVICE_SECRET!, id), protocolVersion: 4, reconnectPeriod: 0 });
  t.after(() => client.endAsync(true));
  return { id, client };
}

export const header = (h: Record<string, unknown> | undefined, name: string): string | undefined => {
  const v = h?.[name];
  return v === undefined ? undefined : String(v);
};
