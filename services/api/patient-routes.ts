// Admission and assignment routes (issue 15): admit, transfer, discharge, assign a device, end an
// assignment (operators), and read them (clinicians too). Every change calls the audit hook;
// a discharge also tells the alert worker, which closes the patient's alerts ("discharged").
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Producer } from 'kafkajs';
import { z } from 'zod';
import { encodeCommand } from '../common/alert-contract-commands.js';
import type { ErrorCode } from '../common/errors.js';
import type { PatientRegistry } from '../common/patient-registry.js';
import { DISPLAY_NAME_RE, WARD_RE } from '../common/patient-records.js';
import { DEVICE_ID_RE, PATIENT_ID_RE } from '../common/topics.js';
import { audited, type AuditFn } from './audit.js';
import type { Principal } from './auth.js';
import { PatientStoreError, type PatientStore } from './patient-store.js';

export type AuditHook = AuditFn;

interface RouteKit {
  auth: (action: 'read' | 'acknowledge' | 'manage') => (req: FastifyRequest) => Promise<void>;
  parse: <T extends z.ZodType>(schema: T, value: unknown) => z.infer<T>;
  fail: (code: ErrorCode, message: string) => never;
  /** Ward scoping (services/api/access.ts): whether the principal may see the patient; throws 403 if not. */
  sees: (p: Principal, patientId: string) => boolean;
  scope: (req: FastifyRequest, patientId: string) => void;
}

export interface PatientRouteDeps {
  store: PatientStore;
  registry: PatientRegistry;
  producer: Producer;
  commandsTopic: string;
  audit?: AuditHook | undefined;
  /** Devices as the live view knows them, for the "unassigned device" notices. */
  devices?: () => Iterable<{ deviceId: string; unassignedSince?: number; lastSeen: number }>;
}

const patientId = z.string().regex(PATIENT_ID_RE, 'patient id: 1-64 of A-Z a-z 0-9 . _ -');
const deviceId = z.string().regex(DEVICE_ID_RE, 'device id: 1-64 of A-Z a-z 0-9 . _ -');
const ward = z.string().regex(WARD_RE, '1-64 of A-Z a-z 0-9 . _ - and space');
const displayName = z.string().regex(DISPLAY_NAME_RE, '1-128 printable characters, no < >');
const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time');

export function registerPatientRoutes(app: FastifyInstance, deps: PatientRouteDeps, { auth, parse, fail, sees, scope }: RouteKit): void {
  const { store, registry } = deps;
  const audit: AuditHook = deps.audit ?? (async () => undefined);
  const actor = (req: FastifyRequest) => ({ actor: req.principal.id, role: req.principal.role });
  // The audit entry is written before the change; if it cannot be, nothing changes (README "People").
  const unavailable = (): never => fail('API_ERR_AUDIT_UNAVAILABLE', 'the audit trail cannot be written; nothing was changed, retry later');
  const mapped = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof PatientStoreError) {
        if (err.kind === 'not-found') fail('API_ERR_NOT_FOUND', err.message);
        fail('API_ERR_CONFLICT', err.message);
      }
      throw err;
    }
  };
  const pid = (req: FastifyRequest) => parse(z.object({ patientId }), req.params).patientId;
  const did = (req: FastifyRequest) => parse(z.object({ deviceId }), req.params).deviceId;
  const timeOf = (s: string | undefined) => (s === undefined ? undefined : Date.parse(s));
  const withDevices = (id: string) => ({
    ...registry.patient(id)!,
    devices: registry.devicesOf(id).filter((r) => r.history.some((a) => a.patientId === id && a.to === null)).map((r) => r.deviceId).sort(),
  });

  app.get('/api/v1/admissions', { preHandler: auth('read') }, async (req) => {
    const q = parse(z.object({ ward: ward.optional(), discharged: z.enum(['true', 'false']).optional() }).strict(), req.query);
    const list = registry.patients()
      .filter((p) => (!q.ward || p.ward === q.ward) && (q.discharged === 'true' ? true : !p.dischargedAt) && sees(req.principal, p.patientId))
      .sort((a, b) => a.patientId.localeCompare(b.patientId));
    return { patients: list.map((p) => withDevices(p.patientId)) };
  });
  app.get('/api/v1/admissions/:patientId', { preHandler: auth('read') }, async (req) => {
    const id = pid(req);
    if (!registry.patient(id)) fail('API_ERR_NOT_FOUND', `no patient ${id}`);
    scope(req, id);
    return withDevices(id);
  });
  app.post('/api/v1/admissions', { preHandler: auth('manage') }, async (req, reply) => {
    const body = parse(z.object({ patientId, displayName, ward, bed: ward }).strict(), req.body);
    const before = registry.patient(body.patientId) ?? null;
    const rec = await audited(audit, { ...actor(req), action: 'patient.admit', target: `patient:${body.patientId}`, before, after: body },
      () => mapped(() => store.admit(body)), unavailable);
    return reply.code(201).send(rec);
  });
  app.post('/api/v1/admissions/:patientId/transfer', { preHandler: auth('manage') }, async (req) => {
    const id = pid(req);
    const body = parse(z.object({ ward, bed: ward }).strict(), req.body);
    const before = registry.patient(id) ?? null;
    const r = await audited(audit, { ...actor(req), action: 'patient.transfer', target: `patient:${id}`, before, after: before ? { ...before, ...body } : body },
      () => mapped(() => store.transfer(id, body)), unavailable);
    return r.after;
  });
  app.post('/api/v1/admissions/:patientId/discharge', { preHandler: auth('manage') }, async (req) => {
    const id = pid(req);
    const known = registry.patient(id);
    if (!known) return fail('API_ERR_NOT_FOUND', `no patient ${id}`);
    if (known.dischargedAt) fail('API_ERR_CONFLICT', `patient ${id} was discharged`);
    // The alert worker closes the patient's alerts (reason "discharged"), in order with the
    // patient's readings (the command topic is keyed by patient like the vitals). Sent before
    // the registry changes: if the registry write fails the request can be repeated, whereas
    // a discharged patient whose command was lost would keep open alerts nobody watches.
    const at = Date.now();
    const r = await audited(audit, { ...actor(req), action: 'patient.discharge', target: `patient:${id}`, before: known, after: { ...known, dischargedAt: new Date(at).toISOString() } }, async () => {
      await deps.producer.send({ topic: deps.commandsTopic, acks: -1, messages: [{ key: id, value: encodeCommand({ type: 'discharge', patientId: id, by: req.principal.id, at }) }] });
      return mapped(() => store.discharge(id, at));
    }, unavailable);
    return { ...r.after, endedAssignments: r.ended };
  });

  // Technical notices, low priority (README "Alarm behaviour"): a device sends readings that no
  // assignment covers. Nothing clinical is raised for them; an operator should assign or remove it.
  app.get('/api/v1/notices', { preHandler: auth('read') }, async () => ({
    notices: [...(deps.devices?.() ?? [])].filter((d) => (d.unassignedSince ?? 0) > 0).map((d) => ({
      kind: 'unassigned-device', category: 'technical', priority: 'low', deviceId: d.deviceId, since: d.unassignedSince, lastSeen: d.lastSeen,
      message: `device ${d.deviceId} sends readings but is assigned to no patient`,
    })),
  }));

  app.get('/api/v1/assignments/:deviceId', { preHandler: auth('read') }, async (req) => {
    const id = did(req);
    return registry.assignments(id) ?? fail('API_ERR_NOT_FOUND', `device ${id} was never assigned`);
  });
  app.post('/api/v1/assignments', { preHandler: auth('manage') }, async (req, reply) => {
    const body = parse(z.object({ deviceId, patientId, from: isoTime.optional() }).strict(), req.body);
    const r = await audited(audit, { ...actor(req), action: 'device.assign', target: `device:${body.deviceId}`, before: registry.assignments(body.deviceId) ?? null, after: body },
      () => mapped(() => store.assign(body.deviceId, body.patientId, timeOf(body.from))), unavailable);
    return reply.code(201).send(r.after);
  });
  app.post('/api/v1/assignments/:deviceId/end', { preHandler: auth('manage') }, async (req) => {
    const id = did(req);
    const body = parse(z.object({ at: isoTime.optional() }).strict().optional(), req.body ?? undefined);
    const r = await audited(audit, { ...actor(req), action: 'device.unassign', target: `device:${id}`, before: registry.assignments(id) ?? null, after: { deviceId: id, end: body?.at ?? 'now' } },
      () => mapped(() => store.end(id, timeOf(body?.at))), unavailable);
    return r.after;
  });
}
