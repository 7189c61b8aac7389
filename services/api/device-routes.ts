// Operator routes of the device registry (issue 15).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ErrorCode } from '../common/errors.js';
import { DEVICE_ID_RE } from '../common/topics.js';
import { audited, noAudit, type AuditFn } from './audit.js';
import { RegistryError, type DeviceRegistry } from './device-registry.js';

interface RouteKit {
  auth: (action: 'read' | 'acknowledge' | 'manage') => (req: FastifyRequest) => Promise<void>;
  parse: <T extends z.ZodType>(schema: T, value: unknown) => z.infer<T>;
  /** Throws the API error `code` with the registry's HTTP status. */
  fail: (code: ErrorCode, message: string) => never;
  /** The audit trail: written before each change (services/api/audit.ts). @defaultValue a no-op */
  audit?: AuditFn;
}

const deviceId = z.string().regex(DEVICE_ID_RE, 'device id: 1-64 of A-Z a-z 0-9 . _ -');
const text = z.string().min(1).max(64).regex(/^[\x20-\x7e]+$/, 'printable ASCII');

export function registerDeviceRoutes(app: FastifyInstance, registry: DeviceRegistry, { auth, parse, fail, audit = noAudit }: RouteKit): void {
  const unavailable = (): never => fail('API_ERR_AUDIT_UNAVAILABLE', 'the audit trail cannot be written; nothing was changed, retry later');
  /** Audit entry first, then the change; never the credentials themselves. */
  const change = <T>(req: FastifyRequest, action: string, id: string, before: unknown, after: unknown, work: () => Promise<T>) =>
    audited(audit, { actor: req.principal.id, role: req.principal.role, action, target: `device:${id}`, before, after }, work, unavailable);
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
}
