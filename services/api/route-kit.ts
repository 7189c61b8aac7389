// What every route plugin shares: the error helper, request parsing with zod, the common
// schemas and durations, the audit-first wrapper, and the kit of auth and ward scoping that
// buildApi hands each plugin (services/api/app.ts).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { VitalsError, httpStatusOf, type ErrorCode } from '../common/errors.js';
import { DEVICE_ID_RE, PATIENT_ID_RE } from '../common/topics.js';
import { audited, type AuditFn, type AuditInput } from './audit.js';
import type { Principal, Role } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest { role: Role; principal: Principal }
}

export type Action = 'read' | 'acknowledge' | 'manage';

/** Auth and ward scoping, built once in buildApi and passed to every plugin that needs them. */
export interface RouteKit {
  /** A preHandler: 401 without a valid token or session, 403 when the role may not `action`. */
  auth: (action: Action) => (req: FastifyRequest) => Promise<void>;
  /** Whether the principal may see the patient (ward scoping, services/api/access.ts). */
  sees: (p: Principal, patientId: string) => boolean;
  /** 403 API_ERR_FORBIDDEN_WARD for a patient outside the request principal's wards. */
  scope: (req: FastifyRequest, patientId: string) => void;
  /** The audit trail, written before each change. */
  audit: AuditFn;
}

/** Throws the API error `code`; its HTTP status comes from the error registry. */
export function fail(code: ErrorCode, message: string): never {
  throw Object.assign(new VitalsError(code, message), { statusCode: httpStatusOf(code) });
}

/** The value as `schema` has it, or 400 API_ERR_BAD_REQUEST naming every problem. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) fail('API_ERR_BAD_REQUEST', r.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '));
  return r.data;
}

export const patientId = z.string().regex(PATIENT_ID_RE, 'patient id: 1-64 of A-Z a-z 0-9 . _ -');
export const deviceId = z.string().regex(DEVICE_ID_RE, 'device id: 1-64 of A-Z a-z 0-9 . _ -');
export const alertId = z.string().regex(/^[a-f0-9]{24}$/, 'an alert id');
export const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time');
export const duration = z.string().regex(/^[1-9][0-9]{0,5}(ms|s|m|h|d)$/, 'a duration like 10s, 5m, 1h');
export const patientParams = z.object({ patientId });

const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Milliseconds of a `duration` (already validated). */
export const durationMs = (d: string) => Number(/^\d+/.exec(d)![0]) * DURATION_MS[/[a-z]+$/.exec(d)![0]]!;

/** A time range from optional `start`/`stop` (default: the hour before now), at most `maxRangeMs` long. */
export function timeRange(p: { start?: string | undefined; stop?: string | undefined }, maxRangeMs: number): { start: Date; stop: Date } {
  const stop = p.stop ? new Date(p.stop) : new Date();
  const start = p.start ? new Date(p.start) : new Date(stop.getTime() - 3_600_000);
  if (!(start < stop)) fail('API_ERR_BAD_REQUEST', 'start must be before stop');
  if (stop.getTime() - start.getTime() > maxRangeMs) fail('API_ERR_BAD_REQUEST', `range longer than ${maxRangeMs / 86_400_000} days`);
  return { start, stop };
}

export const auditUnavailable = (): never => fail('API_ERR_AUDIT_UNAVAILABLE', 'the audit trail cannot be written; nothing was changed, retry later');

/** Who acts, for an audit entry: the signed-in principal (issue 15), never a name in the body. */
export const who = (req: FastifyRequest) => ({ actor: req.principal.id, role: req.principal.role });

/** Runs `work` only once its audit entry is written; 503 API_ERR_AUDIT_UNAVAILABLE (nothing done) if it cannot be. */
export const auditFirst = <T>(audit: AuditFn, entry: AuditInput, work: () => Promise<T>): Promise<T> => audited(audit, entry, work, auditUnavailable);
