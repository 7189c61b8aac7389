// The device registry (issue 15): a device's MQTT account, bound to its client id, with a role
// for its own topics only, kept by the broker's dynamic-security plugin. The broker's file is the
// registry's durable record; changes apply at once, with no restart.
// Sharded (issue 17, docs/scaling.md option (b)): with several brokers the registry chooses the
// shard (the one with the fewest accounts), creates the account there only, records the shard in
// the account, and returns that shard's endpoint; a device changes nothing but its endpoint.
import { randomBytes } from 'node:crypto';
import type { Dynsec, DynsecCommand } from '../common/dynsec.js';

export interface DeviceRecord { deviceId: string; model: string; firmware: string; registeredAt: string; revoked: boolean; shard: string }
/** `mqttUrl`: the endpoint of the device's shard (when the registry knows the device-facing one). */
export interface DeviceCredentials { deviceId: string; username: string; clientId: string; password: string; shard: string; mqttUrl?: string }

/** One broker of a sharded fleet: `endpoint` is what devices are told (it may differ from the API's own connection). */
export interface RegistryShard { id: string; endpoint?: string | undefined; dynsec: Dynsec }

export interface DeviceRegistry {
  /** Creates the account; the password is returned here only, never stored in clear. */
  register(input: { deviceId: string; model: string; firmware: string }): Promise<DeviceCredentials>;
  /** A new password; the old one stops working for the next connection. */
  rotate(deviceId: string): Promise<DeviceCredentials>;
  /** Disables the account: the broker disconnects the device now and refuses it from then on. */
  revoke(deviceId: string): Promise<void>;
  get(deviceId: string): Promise<DeviceRecord | null>;
}

export class RegistryError extends Error {
  constructor(readonly kind: 'exists' | 'not-found', message: string) { super(message); }
}

const topicsOf = (id: string) => ({
  telemetry: `vitals/v1/devices/${id}/telemetry`,
  bench: `bench/v1/devices/${id}/telemetry`,
  status: `vitals/v1/devices/${id}/status`,
});

/** Same role as infra/local/dynsec-config.mjs gives the simulated pool. */
const deviceRole = (id: string) => {
  const t = topicsOf(id);
  return {
    rolename: `device/${id}`,
    acls: [
      { acltype: 'publishClientSend', topic: t.telemetry, allow: true },
      { acltype: 'publishClientSend', topic: t.bench, allow: true },
      { acltype: 'publishClientSend', topic: t.status, allow: true },
      { acltype: 'subscribeLiteral', topic: t.status, allow: true },
    ],
  };
};

const newPassword = () => randomBytes(24).toString('base64url');
const notFound = (err: unknown, id: string): never => {
  if (/not found/i.test((err as Error).message)) throw new RegistryError('not-found', `no device ${id}`);
  throw err as Error;
};

/** The number of accounts on a shard (dynsec listClients with count 1 still reports totalCount). */
async function accountCount(dynsec: Dynsec): Promise<number> {
  const data = await dynsec.run({ command: 'listClients', verbose: false, count: 1, offset: 0 });
  return Number(data?.totalCount ?? 0);
}

/** A single broker (one Dynsec) or the shards of a sharded fleet, in a stable order. */
export function createDeviceRegistry(brokers: Dynsec | RegistryShard[]): DeviceRegistry {
  const shards: RegistryShard[] = Array.isArray(brokers) ? brokers : [{ id: 'shard-1', dynsec: brokers }];
  if (shards.length === 0) throw new Error('device registry: no broker');
  const credentials = (deviceId: string, password: string, shard: RegistryShard): DeviceCredentials => ({
    deviceId, username: deviceId, clientId: deviceId, password, shard: shard.id, ...(shard.endpoint ? { mqttUrl: shard.endpoint } : {}),
  });
  /**
   * The shards that hold the device's account: one for a registered device; every shard for the
   * stack's simulated pool (infra/local/dynsec-config.mjs makes it on each broker).
   */
  const holders = async (deviceId: string): Promise<{ shard: RegistryShard; client: Record<string, unknown> }[]> => {
    const found = await Promise.all(shards.map(async (shard) => {
      const data = await shard.dynsec.run({ command: 'getClient', username: deviceId }).catch((err: unknown) => {
        if (/not found/i.test((err as Error).message)) return undefined;
        throw err as Error;
      });
      const client = data?.client as Record<string, unknown> | undefined;
      return client ? { shard, client } : null;
    }));
    return found.filter((x) => x !== null);
  };
  /** Runs `command` on every shard that holds the device (a revoked device is refused everywhere); resolves with the first. */
  const onEvery = async (deviceId: string, command: DynsecCommand): Promise<RegistryShard> => {
    const found = await holders(deviceId);
    if (found.length === 0) notFound(new Error('not found'), deviceId);
    for (const { shard } of found) await shard.dynsec.run({ ...command, username: deviceId }).catch((err: unknown) => notFound(err, deviceId));
    return found[0]!.shard;
  };
  return {
    async register({ deviceId, model, firmware }) {
      const existing = await this.get(deviceId);
      if (existing) throw new RegistryError('exists', `device ${deviceId} is already registered`);
      // The least-loaded shard (ties: the first), so shards fill evenly.
      const counts = shards.length === 1 ? [0] : await Promise.all(shards.map((x) => accountCount(x.dynsec)));
      const shard = shards[counts.indexOf(Math.min(...counts))]!;
      const dynsec = shard.dynsec;
      const role = deviceRole(deviceId);
      await dynsec.run({ command: 'createRole', rolename: role.rolename }).catch((err: unknown) => {
        if (!/already exists/i.test((err as Error).message)) throw err as Error;
      });
      for (const acl of role.acls) await dynsec.run({ command: 'addRoleACL', rolename: role.rolename, ...acl }).catch(() => undefined);
      const password = newPassword();
      await dynsec.run({
        command: 'createClient', username: deviceId, clientid: deviceId, password,
        textname: model, textdescription: JSON.stringify({ model, firmware, registeredAt: new Date().toISOString(), shard: shard.id }),
        roles: [{ rolename: role.rolename }],
      });
      return credentials(deviceId, password, shard);
    },
    async rotate(deviceId) {
      const password = newPassword();
      return credentials(deviceId, password, await onEvery(deviceId, { command: 'setClientPassword', password }));
    },
    async revoke(deviceId) {
      await onEvery(deviceId, { command: 'disableClient' });
    },
    async get(deviceId) {
      const found = (await holders(deviceId))[0];
      if (!found) return null;
      const c = found.client as { username: string; textdescription?: string; disabled?: boolean };
      let meta: { model?: string; firmware?: string; registeredAt?: string } = {};
      try { meta = JSON.parse(c.textdescription ?? '{}') as typeof meta; } catch { /* a pool device: no metadata */ }
      // The shard that holds the account is the record (a pool device exists on every shard: the first).
      return { deviceId: c.username, model: meta.model ?? '', firmware: meta.firmware ?? '', registeredAt: meta.registeredAt ?? '', revoked: c.disabled === true, shard: found.shard.id };
    },
  };
}
