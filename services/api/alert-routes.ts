// Alert routes: list and read alerts, acknowledge and resolve them (to the alert worker
// through the commands topic, audit entry first). Ward-scoped like every patient's data.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PRIORITY } from '../common/alert-contract.js';
import type { Logger } from '../common/logger.js';
import type { CommandSender } from './commands.js';
import type { AlertView } from './live-view.js';
import { alertId, auditFirst, fail, parse, patientId, who, type RouteKit } from './route-kit.js';

export interface AlertRouteDeps {
  kit: RouteKit;
  /** Current alerts by id (the live view's). */
  alerts: ReadonlyMap<string, AlertView>;
  /** The ward the patient is admitted to now, or null (a transfer moves the patient's alerts). */
  wardNow: (patientId: string) => string | null;
  send: CommandSender;
  log: Logger;
}

const listQuery = z.object({
  state: z.enum(['open', 'acknowledged', 'resolved', 'active']).optional(), patient: patientId.optional(), priority: z.enum(PRIORITY.names).optional(),
  category: z.enum(['physiological', 'technical']).optional(), limit: z.coerce.number().int().min(1).max(5000).default(500),
}).strict();

export const alertRoutes: FastifyPluginAsync<AlertRouteDeps> = async (app, { kit, alerts, wardNow, send, log }) => {
  const { auth, sees, scope, audit } = kit;

  app.get('/api/v1/alerts', { preHandler: auth('read') }, async (req) => {
    const p = parse(listQuery, req.query);
    const list = [...alerts.values()].filter((a) => sees(req.principal, a.patientId) &&
      (!p.state || (p.state === 'active' ? a.state !== 'resolved' : a.state === p.state)) && (!p.patient || a.patientId === p.patient) && (!p.priority || a.priority === p.priority) && (!p.category || a.category === p.category));
    return { alerts: list.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, p.limit).map((a) => ({ ...a, ward: wardNow(a.patientId) })) };
  });

  app.get('/api/v1/alerts/:alertId', { preHandler: auth('read') }, async (req) => {
    const { alertId: id } = parse(z.object({ alertId }), req.params);
    const a = alerts.get(id) ?? fail('API_ERR_NOT_FOUND', `no alert ${id}`);
    scope(req, a.patientId);
    return { ...a, ward: wardNow(a.patientId) };
  });

  async function command(req: FastifyRequest, reply: FastifyReply, type: 'acknowledge' | 'resolve') {
    const { alertId: id } = parse(z.object({ alertId }), req.params);
    // The author is the signed-in principal (issue 15), never a name in the body.
    parse(z.object({}).strict().optional(), req.body ?? undefined);
    const a = alerts.get(id) ?? fail('API_ERR_NOT_FOUND', `no alert ${id}`);
    scope(req, a.patientId);
    if (a.state === 'resolved') fail('API_ERR_CONFLICT', `alert ${id} is already resolved`);
    // Nobody resolves an alarm condition by hand (IEC 60601-1-8: the condition is the data's);
    // the worker refuses it too, should this view be behind.
    if (type === 'resolve' && a.conditionActive) {
      fail('API_ERR_CONFLICT', `alert ${id}: the alarm condition is still present (${a.message}); it clears when the data does. Acknowledge it to silence it for a while.`);
    }
    await auditFirst(audit, { ...who(req), action: `alert.${type}`, target: `alert:${id}`, before: { state: a.state, patientId: a.patientId, acknowledgedBy: a.acknowledgedBy }, after: { requested: type } },
      () => send({ type, patientId: a.patientId, alertId: id, by: req.principal.id, at: Date.now() }));
    log.info({ alertId: id, patientId: a.patientId, type }, 'alert command sent');
    return reply.code(202).send({ accepted: true, alertId: id, requested: type });
  }
  app.post('/api/v1/alerts/:alertId/acknowledge', { preHandler: auth('acknowledge') }, (req, reply) => command(req, reply, 'acknowledge'));
  app.post('/api/v1/alerts/:alertId/resolve', { preHandler: auth('acknowledge') }, (req, reply) => command(req, reply, 'resolve'));
};
