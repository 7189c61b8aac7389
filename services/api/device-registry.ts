// The device registry (issue 15): a device's MQTT account, bound to its client id, with a role
// for its own topics only, kept by the broker's dynamic-security plugin. The broker's file is the
// registry's durable record; changes apply at once, with no restart.
import { randomBytes } from 'node:crypto';
import type { Dynsec } from '../common/dynsec.js';

export interface DeviceRecord { deviceId: string; model: string; firmware: string; registeredAt: string; revoked: boolean }
export interface DeviceCredentials { deviceId: string; username: string; clientId: string; password: string }

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

export function createDeviceRegistry(dynsec: Dynsec): DeviceRegistry {
  const credentials = (deviceId: string, password: string): DeviceCredentials => ({ deviceId, username: deviceId, clientId: deviceId, password });
  return {
    async register({ deviceId, model, firmware }) {
      const existing = await this.get(deviceId);
      if (existing) throw new RegistryError('exists', `device ${deviceId} is already registered`);
      const role = deviceRole(deviceId);
      await dynsec.run({ command: 'createRole', rolename: role.rolename }).catch((err: unknown) => {
        if (!/already exists/i.test((err as Error).message)) throw err as Error;
      });
      for (const acl of role.acls) await dynsec.run({ command: 'addRoleACL', rolename: role.rolename, ...acl }).catch(() => undefined);
      const password = newPassword();
      await dynsec.run({
        command: 'createClient', username: deviceId, clientid: deviceId, password,
        textname: model, textdescription: JSON.stringify({ model, firmware, registeredAt: new Date().toISOString() }),
        roles: [{ rolename: role.rolename }],
      });
      return credentials(deviceId, password);
    },
    async rotate(deviceId) {
      const password = newPassword();
      await dynsec.run({ command: 'setClientPassword', username: deviceId, password }).catch((err: unknown) => notFound(err, deviceId));
      return credentials(deviceId, password);
    },
    async revoke(deviceId) {
      await dynsec.run({ command: 'disableClient', username: deviceId }).catch((err: unknown) => notFound(err, deviceId));
    },
    async get(deviceId) {
      const data = await dynsec.run({ command: 'getClient', username: deviceId }).catch((err: unknown) => {
        if (/not found/i.test((err as Error).message)) return undefined;
        throw err as Error;
      });
      const c = data?.client as { username: string; textdescription?: string; disabled?: boolean } | undefined;
      if (!c) return null;
      let meta: { model?: string; firmware?: string; registeredAt?: string } = {};
      try { meta = JSON.parse(c.textdescription ?? '{}') as typeof meta; } catch { /* a pool device: no metadata */ }
      return { deviceId: c.username, model: meta.model ?? '', firmware: meta.firmware ?? '', registeredAt: meta.registeredAt ?? '', revoked: c.disabled === true };
    },
  };
}
