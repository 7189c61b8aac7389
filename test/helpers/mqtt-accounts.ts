import mqtt from 'mqtt';
import { createDynsec } from '../../services/common/dynsec.js';
import type { StackEndpoints } from './stack.js';

/**
 * Creates the broker accounts of an ingest whose connections are `${clientIdPrefix}-0..n-1`
 * (one account per connection, bound to its client id, role 'ingest', the stack's ingest
 * password), as the stack does for the default `vitals-ingest-1-*`. The returned cleanup
 * removes their persistent sessions, then the accounts.
 */
export async function ingestAccounts(s: Pick<StackEndpoints, 'mqttUrl' | 'env'>, clientIdPrefix: string, n: number): Promise<() => Promise<void>> {
  return replicaAccounts(s, 'ingest', Array.from({ length: n }, (_, i) => `${clientIdPrefix}-${i}`), s.env.MQTT_PASSWORD!);
}

/**
 * One broker account per replica of a service that publishes (e.g. role 'alerts'): each
 * bound to its own client id, so two replicas do not take over each other's connection
 * (two alert workers on the one `alerts` account lost MQTT deliveries with "Connection
 * closed", issue 17). The returned cleanup removes their sessions, then the accounts.
 */
export async function replicaAccounts(s: Pick<StackEndpoints, 'mqttUrl' | 'env'>, role: string, usernames: string[], password: string): Promise<() => Promise<void>> {
  const registry = () => createDynsec({ url: s.mqttUrl, username: s.env.MQTT_REGISTRY_USERNAME ?? 'registry', password: s.env.MQTT_REGISTRY_PASSWORD ?? '' });
  const dynsec = await registry();
  try {
    for (const id of usernames) await dynsec.run({ command: 'createClient', username: id, clientid: id, password, roles: [{ rolename: role }] });
  } finally {
    await dynsec.close();
  }
  return async () => {
    for (const id of usernames) {
      const c = await mqtt.connectAsync(s.mqttUrl, { username: id, password, clientId: id, clean: true, protocolVersion: 4, reconnectPeriod: 0 }).catch(() => undefined);
      await c?.endAsync();
    }
    const d = await registry();
    try {
      for (const id of usernames) await d.run({ command: 'deleteClient', username: id }).catch(() => undefined);
    } finally {
      await d.close();
    }
  };
}
