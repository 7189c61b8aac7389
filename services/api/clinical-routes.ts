// What clinicians set for a patient, sent to the alert worker through the commands topic
// (audit entry first): nurse-entered NEWS2 parameters (RCP 2017: ACVPU, air or oxygen), the
// SpO2 scale 2 decision (hypercapnic respiratory failure, with a reason), and limit overrides.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ACVPU } from '../common/alert-contract-commands.js';
import { PRIORITY } from '../common/alert-contract.js';
import type { Logger } from '../common/logger.js';
import { VITAL_KEYS } from '../common/vital-kinds.js';
import type { AlertCommand, CommandSender } from './commands.js';
import type { ObservationsView } from './live-view.js';
import { auditFirst, fail, parse, patientParams, who, type RouteKit } from './route-kit.js';

export interface ClinicalRouteDeps {
  kit: RouteKit;
  /** Nurse-entered observations by patient (the live view's; read only here). */
  observations: ReadonlyMap<string, ObservationsView>;
  /** Limit overrides by patient (the live view's): set here once the command is sent, so a read sees it at once. */
  limits: Map<string, unknown>;
  send: CommandSender;
  log: Logger;
}

const observationBody = z.object({ consciousness: z.enum(ACVPU.names).optional(), supplementalOxygen: z.boolean().optional() }).strict()
  .refine((b) => b.consciousness !== undefined || b.supplementalOxygen !== undefined, 'give consciousness (ACVPU) and/or supplementalOxygen');
const scaleBody = z.object({ scale: z.union([z.literal(1), z.literal(2)]), reason: z.string().min(5).max(500) }).strict();
const limitSchema = z.object({
  low: z.number().finite().optional(), high: z.number().finite().optional(), delayMs: z.number().int().min(0).max(600_000).optional(),
  delaySamples: z.number().int().min(1).max(100).optional(), hysteresis: z.number().min(0).max(50).optional(), priority: z.enum(PRIORITY.names).optional(),
}).strict();
const limitsBody = z.partialRecord(z.enum(VITAL_KEYS), limitSchema);

export const clinicalRoutes: FastifyPluginAsync<ClinicalRouteDeps> = async (app, { kit, observations, limits, send, log }) => {
  const { auth, scope, audit } = kit;

  app.post('/api/v1/patients/:patientId/observations', { preHandler: auth('acknowledge') }, async (req, reply) => {
    const { patientId: pid } = parse(patientParams, req.params);
    scope(req, pid);
    const body = parse(observationBody, req.body);
    const cmd = { type: 'observation', patientId: pid, consciousness: body.consciousness, supplementalOxygen: body.supplementalOxygen, by: req.principal.id, at: Date.now() } satisfies AlertCommand;
    await auditFirst(audit, { ...who(req), action: 'patient.observation', target: `patient:${pid}`, before: observations.get(pid) ?? null, after: body }, () => send(cmd));
    log.info({ patientId: pid, by: cmd.by }, 'observation recorded');
    return reply.code(202).send(cmd);
  });

  app.put('/api/v1/patients/:patientId/spo2-scale', { preHandler: auth('acknowledge') }, async (req, reply) => {
    const { patientId: pid } = parse(patientParams, req.params);
    scope(req, pid);
    const body = parse(scaleBody, req.body);
    const cmd = { type: 'spo2-scale', patientId: pid, scale: body.scale, reason: body.reason, by: req.principal.id, at: Date.now() } satisfies AlertCommand;
    await auditFirst(audit, { ...who(req), action: 'patient.spo2-scale', target: `patient:${pid}`, before: observations.get(pid)?.spo2Scale ?? null, after: body }, () => send(cmd));
    log.info({ patientId: pid, scale: body.scale, by: cmd.by }, 'spo2 scale set');
    return reply.code(202).send(cmd);
  });

  app.get('/api/v1/patients/:patientId/limits', { preHandler: auth('read') }, async (req) => {
    const { patientId: pid } = parse(patientParams, req.params);
    scope(req, pid);
    return { patientId: pid, overrides: limits.get(pid) ?? {} };
  });

  app.put('/api/v1/patients/:patientId/limits', { preHandler: auth('manage') }, async (req, reply) => {
    const { patientId: pid } = parse(patientParams, req.params);
    scope(req, pid);
    const overrides = parse(limitsBody, req.body);
    for (const [k, v] of Object.entries(overrides)) {
      if (v && v.low !== undefined && v.high !== undefined && v.low >= v.high) fail('API_ERR_BAD_REQUEST', `${k}: low must be below high`);
    }
    await auditFirst(audit, { ...who(req), action: 'patient.limits', target: `patient:${pid}`, before: limits.get(pid) ?? null, after: overrides },
      () => send({ type: 'limits', patientId: pid, overrides, by: req.principal.id, at: Date.now() }));
    limits.set(pid, overrides);
    return reply.code(202).send({ patientId: pid, overrides });
  });
};
