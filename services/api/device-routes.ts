// Operator routes of the device registry (issue 15).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { RegistryError, type DeviceRegistry } from './device-registry.js';
import { auditFirst, deviceId, fail, parse, type RouteKit } from './route-kit.js';

export interface DeviceRouteDeps { kit: RouteKit; devices: DeviceRegistry }

const text = z.string().min(1).max(64).regex(/^[\x20-\x7e]+$/, 'printable ASCII');

export const deviceRoutes: FastifyPluginAsync<DeviceRouteDeps> = async (app, { kit, devices: registry }) => {
  const { auth, audit } = kit;
  /** Audit entry first, then the change; never the credentials themselves. */
  const change = <T>(req: FastifyRequest, action: string, id: string, before: unknown, after: unknown, work: () => Promise<T>) =>
    auditFirst(audit, { actor: req.principal.id, role: req.principal.role, action, target: `device:${id}`, before, after }, work);
  const mapped = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof RegistryError) fail(err.kind === 'exists' ? 'API_ERR_CONFLICT' : 'API_ERR_NOT_FOUND', err.message);
      throw err;
    }
  };
  const idOf = (req: FastifyRequest) => parse(deviceId, (req.params as { deviceId: string }).deviceId);

  // Credentials are in this response only (the broker keeps a PBKDF2 hash): no-store.
  app.post('/api/v1/devices', { preHandler: auth('manage') }, async (req, reply) => {
    const body = parse(z.object({ deviceId, model: text, firmware: text }).strict(), req.body);
    const creds = await change(req, 'device.register', body.deviceId, null, body, () => mapped(() => registry.register(body)));
    return reply.code(201).header('cache-control', 'no-store').send(creds);
  });
  app.get('/api/v1/devices/:deviceId/registration', { preHandler: auth('manage') }, async (req) => {
    const id = idOf(req);
    return (await registry.get(id)) ?? fail('API_ERR_NOT_FOUND', `no device ${id}`);
  });
  app.post('/api/v1/devices/:deviceId/credentials', { preHandler: auth('manage') }, async (req, reply) => {
    const id = idOf(req);
    const before = await registry.get(id);
    if (!before) fail('API_ERR_NOT_FOUND', `no device ${id}`);
    return reply.header('cache-control', 'no-store').send(await change(req, 'device.rotate', id, before, { credentials: 'rotated' }, () => mapped(() => registry.rotate(id))));
  });
  app.post('/api/v1/devices/:deviceId/revoke', { preHandler: auth('manage') }, async (req, reply) => {
    const id = idOf(req);
    const before = await registry.get(id);
    if (!before) fail('API_ERR_NOT_FOUND', `no device ${id}`);
    await change(req, 'device.revoke', id, before, { revoked: true }, () => mapped(() => registry.revoke(id)));
    return reply.code(204).send();
  });
};
