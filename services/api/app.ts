import type { ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { QueryApi } from '@influxdata/influxdb-client';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Producer } from 'kafkajs';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { z } from 'zod';
import { encodeCommand } from '../common/alert-contract-commands.js';
import { VitalsError, httpStatusOf, type ErrorCode } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { PARAMETER_NAMES, news2FromSources } from '../common/news2.js';
import { PATIENT_ID_RE } from '../common/topics.js';
import { VITAL_KEYS, vitalByKey } from '../common/vital-kinds.js';
import type { AccountStore } from './accounts.js';
import { audited, noAudit, type AuditFn, type AuditTrail } from './audit.js';
import { createAccess } from './access.js';
import { can, createAuthenticator, type Principal, type Role } from './auth.js';
import type { DeviceRegistry } from './device-registry.js';
import { registerCatalogueRoutes } from './catalogue-routes.js';
import { registerDeviceRoutes } from './device-routes.js';
import { registerPeopleRoutes } from './people-routes.js';
import type { Sessions } from './sessions.js';
import { NO_WARDS, type WardLookup } from './ward-lookup.js';
import type { PatientRegistry } from '../common/patient-registry.js';
import { registerPatientRoutes } from './patient-routes.js';
import type { PatientStore } from './patient-store.js';
import { createAuthFailureLimiter, createTicketStore } from './limits.js';
import { toFhirBundle } from './fhir.js';
import * as q from './flux-queries.js';
import type { AlertView, LiveView } from './live-view.js';
import { createMonitoringWatch } from './monitoring.js';
import { openApiDocument } from './openapi.js';

export interface ApiOptions {
  bucket: string;
  tokens: { clinician: string[]; operator: string[] };
  commandsTopic: string;
  /** Freshness window for the NEWS2 shown on the ward view. @defaultValue 300_000 (ms) */
  news2FreshMs: number;
  /** Nurse-entered observations count for NEWS2 this long. @defaultValue 21_600_000 (6 h) */
  news2ObservationFreshMs?: number;
  /** When the live feed counts as stale ("monitoring interrupted"). @defaultValue 10_000 (ms) */
  monitoringStaleMs?: number;
  /** Concurrent live streams; more are refused with 503. @defaultValue 200 */
  maxStreams?: number;
  /** Bytes a stream may have unsent before its (slow) reader is dropped. @defaultValue 1 MiB */
  streamBufferBytes?: number;
  /** Authentication failures per client address per minute before it is refused (429). @defaultValue 20 */
  maxAuthFailures?: number;
  /** Longest range of the series and FHIR endpoints. @defaultValue 31 days (ms) */
  maxRangeMs?: number;
}

export interface ApiDeps {
  options: ApiOptions;
  query: QueryApi;
  producer: Producer;
  view: LiveView;
  log: Logger;
  registry?: Registry;
  /** The alert worker group's lag on the vitals topic, for "monitoring interrupted". */
  workerLag?: () => Promise<number | null>;
  /** The device registry (broker accounts); without it the registry routes are absent. */
  devices?: DeviceRegistry;
  /** Every state-changing route writes here before it acts (services/api/audit.ts). @defaultValue a no-op */
  audit?: AuditFn;
  /** The ward of each patient, for ward-restricted accounts. @defaultValue nobody's ward is known */
  wards?: WardLookup;
  /** Named accounts and their sessions; without them only the static tokens sign in. */
  people?: { accounts: AccountStore; sessions: Sessions; trail?: AuditTrail };
  /** Patients and assignments (issue 15); without them the admission routes are absent. */
  patients?: { registry: PatientRegistry; store: PatientStore };
}

declare module 'fastify' {
  interface FastifyRequest { role: Role; principal: Principal }
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const require = createRequire(import.meta.url);

const patientId = z.string().regex(PATIENT_ID_RE, 'patient id: 1-64 of A-Z a-z 0-9 . _ -');
const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time');
const duration = z.string().regex(/^[1-9][0-9]{0,5}(ms|s|m|h|d)$/, 'a duration like 10s, 5m, 1h');
const KINDS = VITAL_KEYS;

/** Throws the API error `code`; its HTTP status comes from the error registry. */
function fail(code: ErrorCode, message: string): never {
  throw Object.assign(new VitalsError(code, message), { statusCode: httpStatusOf(code) });
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) fail('API_ERR_BAD_REQUEST', r.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '));
  return r.data;
}

const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const durationMs = (d: string) => Number(/^\d+/.exec(d)![0]) * DURATION_MS[/[a-z]+$/.exec(d)![0]]!;

/** Builds the fastify app (routes, auth, errors); the caller listens. */
export function buildApi({ options, query, producer, view, log, registry = new Registry(), workerLag, devices, patients, audit = noAudit, wards = patients?.registry ?? NO_WARDS, people }: ApiDeps): FastifyInstance {
  collectDefaultMetrics({ register: registry, prefix: 'vitals_api_' });
  const requests = new Counter({ name: 'vitals_api_requests_total', help: 'API requests by route and status', labelNames: ['route', 'status'], registers: [registry] });
  const authenticateToken = createAuthenticator(options.tokens, people?.sessions);
  const maxRangeMs = options.maxRangeMs ?? 31 * 86_400_000;
  const limiter = createAuthFailureLimiter({ maxFailures: options.maxAuthFailures ?? 20, windowMs: 60_000, maxClients: 10_000 });
  const tickets = createTicketStore({ ttlMs: 30_000, max: 10_000 });
  const streamGauge = new Gauge({ name: 'vitals_api_streams', help: 'Open live streams', registers: [registry] });
  const authFailures = new Counter({ name: 'vitals_api_auth_failures_total', help: 'Requests refused for a missing or wrong token, or rate limited', labelNames: ['result'], registers: [registry] });
  const slowDropped = new Counter({ name: 'vitals_api_streams_dropped_total', help: 'Live streams closed because the reader fell behind', registers: [registry] });
  const { guard, authenticate, sees, scope } = createAccess({ authenticateToken, limiter, authFailures, wards, fail });
  const unavailable = (): never => fail('API_ERR_AUDIT_UNAVAILABLE', 'the audit trail cannot be written; nothing was changed, retry later');
  const who = (req: FastifyRequest) => ({ actor: req.principal.id, role: req.principal.role });
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, maxParamLength: 200, forceCloseConnections: true });
  const streams = new Set<ServerResponse>();
  const monitoring = createMonitoringWatch({ feedAt: view.feedAt, workerLag, events: view.events, options: { staleMs: options.monitoringStaleMs ?? 10_000, maxWorkerLag: 5000 } });
  monitoring.start();
  app.addHook('onClose', async () => { monitoring.stop(); for (const res of streams) res.end(); });

  app.addHook('onResponse', async (req, reply) => { requests.inc({ route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }); });
  // Security headers on every response (issue 16). The dashboard loads only its own
  // scripts and styles; uPlot sets element styles, hence style-src 'unsafe-inline'.
  app.addHook('onSend', async (req, reply) => {
    void reply.header('X-Content-Type-Options', 'nosniff');
    void reply.header('X-Frame-Options', 'DENY');
    void reply.header('Referrer-Policy', 'no-referrer');
    void reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    void reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    void reply.header('Strict-Transport-Security', 'max-age=31536000');
    void reply.header('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    if (req.url.startsWith('/api/') || req.url.startsWith('/metrics')) void reply.header('Cache-Control', 'no-store');
  });
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; validation?: unknown; retryAfter?: number }, _req, reply) => {
    // Our own errors answer with the registry's status; fastify's (body too large, bad JSON) keep theirs.
    const status = err instanceof VitalsError ? httpStatusOf(err.code) : err.statusCode ?? 500;
    if (err.retryAfter) void reply.header('Retry-After', String(err.retryAfter));
    if (status >= 500) log.error({ err }, 'request failed');
    const code = err instanceof VitalsError ? err.code : status === 413 ? 'API_ERR_BAD_REQUEST' : status === 400 ? 'API_ERR_BAD_REQUEST' : status === 404 ? 'API_ERR_NOT_FOUND' : 'API_ERR_INTERNAL';
    void reply.code(status).send({ error: code, message: status >= 500 ? 'internal error' : err.message });
  });
  app.setNotFoundHandler((_req, reply) => { void reply.code(httpStatusOf('API_ERR_NOT_FOUND')).send({ error: 'API_ERR_NOT_FOUND', message: 'no such route' }); });

  const auth = (action: 'read' | 'acknowledge' | 'manage') => async (req: FastifyRequest) => {
    const principal = authenticate(req, req.headers.authorization);
    if (!can(principal.role, action)) fail('API_ERR_FORBIDDEN', `role ${principal.role} may not ${action}`);
    req.principal = principal;
    req.role = principal.role;
  };

  // ---- static dashboard and docs (no token needed to load the page; data needs one)
  if (devices) registerDeviceRoutes(app, devices, { auth, parse, fail, audit });
  if (people) registerPeopleRoutes(app, people, { auth, parse, fail, audit, guard });
  registerCatalogueRoutes(app, auth);
  if (patients) registerPatientRoutes(app, { ...patients, producer, commandsTopic: options.commandsTopic, audit, devices: () => view.devices.values() }, { auth, parse, fail, sees, scope });
  app.get('/', async (_req, reply) => reply.type('text/html').send(await readFile(`${PUBLIC_DIR}index.html`)));
  app.get('/admissions.js', async (_req, reply) => reply.type('text/javascript').send(await readFile(`${PUBLIC_DIR}admissions.js`)));
  app.get('/app.js', async (_req, reply) => reply.type('text/javascript').send(await readFile(`${PUBLIC_DIR}app.js`)));
  app.get('/signin.js', async (_req, reply) => reply.type('text/javascript').send(await readFile(`${PUBLIC_DIR}signin.js`)));
  app.get('/style.css', async (_req, reply) => reply.type('text/css').send(await readFile(`${PUBLIC_DIR}style.css`)));
  app.get('/vendor/uplot.js', async (_req, reply) => reply.type('text/javascript').send(await readFile(require.resolve('uplot/dist/uPlot.iife.min.js'))));
  app.get('/vendor/uplot.css', async (_req, reply) => reply.type('text/css').send(await readFile(require.resolve('uplot/dist/uPlot.min.css'))));
  app.get('/openapi.json', async () => openApiDocument);
  // Operators only: the metrics name patients' device counts, routes and timings (issue 16).
  app.get('/metrics', { preHandler: auth('manage') }, async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  app.get('/healthz', async () => ({ status: 'ok' }));

  async function latestFromInflux(pid?: string) {
    const rows = await query.collectRows<{ patient_id: string; kind: string; _value: number; _time: string }>(q.latestVitals(options.bucket, pid));
    for (const r of rows) {
      const cur = view.latest.get(r.patient_id) ?? {};
      const at = Date.parse(r._time);
      if (!cur[r.kind] || cur[r.kind]!.at < at) cur[r.kind] = { value: r._value, at };
      view.latest.set(r.patient_id, cur);
    }
  }

  /** Where the patient is now, from the registry (a transfer moves the patient and their alerts). */
  const admission = (pid: string) => {
    const r = patients?.registry.patient(pid);
    return { ward: r && !r.dischargedAt ? r.ward : null, bed: r && !r.dischargedAt ? r.bed : null, displayName: r?.displayName ?? null, discharged: Boolean(r?.dischargedAt) };
  };

  function patientSummary(pid: string) {
    const latest = view.latest.get(pid) ?? {};
    // Device values and nurse-entered ones, the more recent of each; unknown stays unknown.
    const obs = view.observations.get(pid) ?? {};
    const score = news2FromSources({
      latest, spo2Scale: obs.spo2Scale?.scale ?? 1,
      observed: { supplementalOxygen: obs.supplementalOxygen, cvpu: obs.consciousness && { value: obs.consciousness.value !== 'A', at: obs.consciousness.at } },
    }, { deviceMs: options.news2FreshMs, observationMs: options.news2ObservationFreshMs ?? 6 * 3_600_000 });
    const devices = [...view.devices.values()].filter((d) => d.patientId === pid);
    const open = [...view.alerts.values()].filter((a) => a.patientId === pid && a.state !== 'resolved');
    const online = devices.length === 0 ? null : devices.some((d) => d.online);
    return {
      patientId: pid,
      ...admission(pid),
      online,
      devices,
      latest,
      news2: score
        ? { score: score.score, band: score.band, complete: score.complete, partial: !score.complete, missing: score.missing.map((m) => PARAMETER_NAMES[m]), response: score.response, spo2Scale: score.spo2Scale }
        : null,
      observations: obs,
      openAlerts: { high: open.filter((a) => a.priority === 'high').length, medium: open.filter((a) => a.priority === 'medium').length, low: open.filter((a) => a.priority === 'low').length },
      alerts: open.filter((a) => a.category !== 'technical').sort((a, b) => b.updatedAt - a.updatedAt),
      // IEC 60601-1-8: technical alarm conditions are shown apart from physiological ones.
      technicalAlerts: open.filter((a) => a.category === 'technical').sort((a, b) => b.updatedAt - a.updatedAt),
      limits: view.limits.get(pid) ?? null,
      ward: wards.wardOf(pid) ?? null,
    };
  }

  const allPatients = () => new Set([...view.latest.keys(), ...[...view.devices.values()].map((d) => d.patientId).filter(Boolean), ...[...view.alerts.values()].map((a) => a.patientId)]);

  app.get('/api/v1/patients', { preHandler: auth('read') }, async (req) => {
    if (view.latest.size === 0) await latestFromInflux();
    // The ward: admitted patients (even before their first reading), not the discharged ones; only the account's wards.
    const ids = new Set([...allPatients(), ...(patients?.registry.patients().filter((r) => !r.dischargedAt).map((r) => r.patientId) ?? [])]);
    const shown = [...ids].filter((id) => !patients?.registry.patient(id)?.dischargedAt && sees(req.principal, id));
    return { monitoring: monitoring.status(), patients: shown.sort().map(patientSummary) };
  });

  app.get('/api/v1/monitoring', { preHandler: auth('read') }, async () => monitoring.status());

  app.get('/api/v1/patients/:patientId', { preHandler: auth('read') }, async (req) => {
    const { patientId: pid } = parse(z.object({ patientId }), req.params);
    scope(req, pid);
    if (!view.latest.has(pid)) await latestFromInflux(pid);
    if (!allPatients().has(pid)) fail('API_ERR_NOT_FOUND', `no data for patient ${pid}`);
    return patientSummary(pid);
  });

  app.get('/api/v1/patients/:patientId/vitals', { preHandler: auth('read') }, async (req) => {
    const { patientId: pid } = parse(z.object({ patientId }), req.params);
    scope(req, pid);
    const p = parse(z.object({ kind: z.enum(KINDS), start: isoTime.optional(), stop: isoTime.optional(), every: duration.optional() }).strict(), req.query);
    const stop = p.stop ? new Date(p.stop) : new Date();
    const start = p.start ? new Date(p.start) : new Date(stop.getTime() - 3_600_000);
    if (!(start < stop)) fail('API_ERR_BAD_REQUEST', 'start must be before stop');
    if (stop.getTime() - start.getTime() > maxRangeMs) fail('API_ERR_BAD_REQUEST', `range longer than ${maxRangeMs / 86_400_000} days`);
    // Default resolution: about 500 points over the range, never finer than 1 s.
    const every = p.every ?? `${Math.max(1, Math.ceil((stop.getTime() - start.getTime()) / 500 / 1000))}s`;
    if ((stop.getTime() - start.getTime()) / durationMs(every) > 20_000) fail('API_ERR_BAD_REQUEST', 'resolution too fine for the range (more than 20000 points)');
    const rows = await query.collectRows<{ _time: string; _value: number }>(q.series(options.bucket, pid, p.kind, start, stop, every));
    const info = vitalByKey(p.kind)!;
    return { patientId: pid, kind: p.kind, unit: info.ucum, start: start.toISOString(), stop: stop.toISOString(), every, points: rows.map((r) => [Date.parse(r._time), r._value]) };
  });

  app.get('/api/v1/patients/:patientId/fhir', { preHandler: auth('read') }, async (req, reply) => {
    const { patientId: pid } = parse(z.object({ patientId }), req.params);
    scope(req, pid);
    const p = parse(z.object({ start: isoTime.optional(), stop: isoTime.optional(), limit: z.coerce.number().int().min(1).max(10_000).default(1000) }).strict(), req.query);
    const stop = p.stop ? new Date(p.stop) : new Date();
    const start = p.start ? new Date(p.start) : new Date(stop.getTime() - 3_600_000);
    if (!(start < stop)) fail('API_ERR_BAD_REQUEST', 'start must be before stop');
    if (stop.getTime() - start.getTime() > maxRangeMs) fail('API_ERR_BAD_REQUEST', `range longer than ${maxRangeMs / 86_400_000} days`);
    const rows = await query.collectRows<{ _time: string; _value: number; kind: string; device_id: string }>(q.rawObservations(options.bucket, pid, start, stop, p.limit));
    const base = `${req.protocol}://${req.host}`;
    return reply.type('application/fhir+json').send(toFhirBundle(pid, rows.map((r) => ({ kind: r.kind, value: r._value, time: r._time, deviceId: r.device_id })), base));
  });

  app.get('/api/v1/devices', { preHandler: auth('read') }, async (req) => {
    if (view.devices.size === 0) {
      const rows = await query.collectRows<{ device_id: string; patient_id: string; _value: number; _time: string }>(q.latestDevices(options.bucket));
      for (const r of rows) {
        if (!view.devices.has(r.device_id)) view.devices.set(r.device_id, { deviceId: r.device_id, patientId: r.patient_id, online: true, reason: '', statusAt: 0, lastSeen: Date.parse(r._time), battery: r._value });
      }
    }
    return { devices: [...view.devices.values()].filter((d) => req.principal.wards === 'all' || (d.patientId !== '' && sees(req.principal, d.patientId))).sort((a, b) => a.deviceId.localeCompare(b.deviceId)) };
  });

  app.get('/api/v1/alerts', { preHandler: auth('read') }, async (req) => {
    const p = parse(z.object({ state: z.enum(['open', 'acknowledged', 'resolved', 'active']).optional(), patient: patientId.optional(), priority: z.enum(['high', 'medium', 'low']).optional(), category: z.enum(['physiological', 'technical']).optional(), limit: z.coerce.number().int().min(1).max(5000).default(500) }).strict(), req.query);
    const list = [...view.alerts.values()].filter((a) => sees(req.principal, a.patientId) &&
      (!p.state || (p.state === 'active' ? a.state !== 'resolved' : a.state === p.state)) && (!p.patient || a.patientId === p.patient) && (!p.priority || a.priority === p.priority) && (!p.category || a.category === p.category));
    return { alerts: list.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, p.limit).map((a) => ({ ...a, ward: admission(a.patientId).ward })) };
  });

  app.get('/api/v1/alerts/:alertId', { preHandler: auth('read') }, async (req) => {
    const { alertId } = parse(z.object({ alertId: z.string().regex(/^[a-f0-9]{24}$/, 'an alert id') }), req.params);
    const a = view.alerts.get(alertId);
    if (!a) fail('API_ERR_NOT_FOUND', `no alert ${alertId}`);
    scope(req, a.patientId);
    return { ...a, ward: admission(a.patientId).ward };
  });

  async function command(req: FastifyRequest, reply: FastifyReply, type: 'acknowledge' | 'resolve') {
    const { alertId } = parse(z.object({ alertId: z.string().regex(/^[a-f0-9]{24}$/, 'an alert id') }), req.params);
    // The author is the signed-in principal (issue 15), never a name in the body.
    parse(z.object({}).strict().optional(), req.body ?? undefined);
    const a = view.alerts.get(alertId);
    if (!a) fail('API_ERR_NOT_FOUND', `no alert ${alertId}`);
    scope(req, a.patientId);
    if (a.state === 'resolved') fail('API_ERR_CONFLICT', `alert ${alertId} is already resolved`);
    // Nobody resolves an alarm condition by hand (IEC 60601-1-8: the condition is the data's);
    // the worker refuses it too, should this view be behind.
    if (type === 'resolve' && a.conditionActive) {
      fail('API_ERR_CONFLICT', `alert ${alertId}: the alarm condition is still present (${a.message}); it clears when the data does. Acknowledge it to silence it for a while.`);
    }
    const by = req.principal.id;
    await audited(audit, { ...who(req), action: `alert.${type}`, target: `alert:${alertId}`, before: { state: a.state, patientId: a.patientId, acknowledgedBy: a.acknowledgedBy }, after: { requested: type } },
      () => producer.send({ topic: options.commandsTopic, acks: -1, messages: [{ key: a.patientId, value: encodeCommand({ type, patientId: a.patientId, alertId, by, at: Date.now() }) }] }), unavailable);
    log.info({ alertId, patientId: a.patientId, type }, 'alert command sent');
    return reply.code(202).send({ accepted: true, alertId, requested: type });
  }
  app.post('/api/v1/alerts/:alertId/acknowledge', { preHandler: auth('acknowledge') }, (req, reply) => command(req, reply, 'acknowledge'));
  app.post('/api/v1/alerts/:alertId/resolve', { preHandler: auth('acknowledge') }, (req, reply) => command(req, reply, 'resolve'));

  // Nurse-entered NEWS2 parameters (RCP 2017: ACVPU, air or oxygen) and the SpO2 scale 2
  // decision (hypercapnic respiratory failure, with a reason): to the worker through Kafka.
  app.post('/api/v1/patients/:patientId/observations', { preHandler: auth('acknowledge') }, async (req, reply) => {
    const { patientId: pid } = parse(z.object({ patientId }), req.params);
    scope(req, pid);
    const body = parse(z.object({ consciousness: z.enum(['A', 'C', 'V', 'P', 'U']).optional(), supplementalOxygen: z.boolean().optional() }).strict()
      .refine((b) => b.consciousness !== undefined || b.supplementalOxygen !== undefined, 'give consciousness (ACVPU) and/or supplementalOxygen'), req.body);
    const cmd = { type: 'observation' as const, patientId: pid, consciousness: body.consciousness, supplementalOxygen: body.supplementalOxygen, by: req.principal.id, at: Date.now() };
    await audited(audit, { ...who(req), action: 'patient.observation', target: `patient:${pid}`, before: view.observations.get(pid) ?? null, after: body },
      () => producer.send({ topic: options.commandsTopic, acks: -1, messages: [{ key: pid, value: encodeCommand(cmd) }] }), unavailable);
    log.info({ patientId: pid, by: cmd.by }, 'observation recorded');
    return reply.code(202).send(cmd);
  });
  app.put('/api/v1/patients/:patientId/spo2-scale', { preHandler: auth('acknowledge') }, async (req, reply) => {
    const { patientId: pid } = parse(z.object({ patientId }), req.params);
    scope(req, pid);
    const body = parse(z.object({ scale: z.union([z.literal(1), z.literal(2)]), reason: z.string().min(5).max(500) }).strict(), req.body);
    const cmd = { type: 'spo2-scale' as const, patientId: pid, scale: body.scale, reason: body.reason, by: req.principal.id, at: Date.now() };
    await audited(audit, { ...who(req), action: 'patient.spo2-scale', target: `patient:${pid}`, before: view.observations.get(pid)?.spo2Scale ?? null, after: body },
      () => producer.send({ topic: options.commandsTopic, acks: -1, messages: [{ key: pid, value: encodeCommand(cmd) }] }), unavailable);
    log.info({ patientId: pid, scale: body.scale, by: cmd.by }, 'spo2 scale set');
    return reply.code(202).send(cmd);
  });

  const limitSchema = z.object({
    low: z.number().finite().optional(), high: z.number().finite().optional(), delayMs: z.number().int().min(0).max(600_000).optional(),
    delaySamples: z.number().int().min(1).max(100).optional(), hysteresis: z.number().min(0).max(50).optional(), priority: z.enum(['high', 'medium', 'low']).optional(),
  }).strict();
  app.get('/api/v1/patients/:patientId/limits', { preHandler: auth('read') }, async (req) => {
    const { patientId: pid } = parse(z.object({ patientId }), req.params);
    scope(req, pid);
    return { patientId: pid, overrides: view.limits.get(pid) ?? {} };
  });
  app.put('/api/v1/patients/:patientId/limits', { preHandler: auth('manage') }, async (req, reply) => {
    const { patientId: pid } = parse(z.object({ patientId }), req.params);
    scope(req, pid);
    const overrides = parse(z.partialRecord(z.enum(KINDS), limitSchema), req.body);
    for (const [k, v] of Object.entries(overrides)) {
      if (v && v.low !== undefined && v.high !== undefined && v.low >= v.high) fail('API_ERR_BAD_REQUEST', `${k}: low must be below high`);
    }
    await audited(audit, { ...who(req), action: 'patient.limits', target: `patient:${pid}`, before: view.limits.get(pid) ?? null, after: overrides },
      () => producer.send({ topic: options.commandsTopic, acks: -1, messages: [{ key: pid, value: encodeCommand({ type: 'limits', patientId: pid, overrides, by: req.principal.id, at: Date.now() }) }] }), unavailable);
    view.limits.set(pid, overrides);
    return reply.code(202).send({ patientId: pid, overrides });
  });

  // EventSource cannot set headers, and a token in a URL leaks into logs and history: the
  // page trades its token (header) for a one-time ticket valid 30 s.
  app.post('/api/v1/stream/ticket', { preHandler: auth('read') }, async (req, reply) => {
    const ticket = tickets.issue(req.principal);
    if (!ticket) fail('API_ERR_UNAVAILABLE', 'too many outstanding stream tickets');
    return reply.code(201).send({ ticket, expiresInMs: 30_000 });
  });

  // Live stream: server-sent events of vitals, alert changes and device status.
  const maxStreams = options.maxStreams ?? 200;
  const bufferBytes = options.streamBufferBytes ?? 1024 * 1024;
  app.get('/api/v1/stream', async (req, reply) => {
    const ticket = (req.query as { ticket?: string }).ticket;
    const principal = req.headers.authorization ? authenticate(req, req.headers.authorization)
      : (typeof ticket === 'string' && tickets.redeem(ticket)) || authenticate(req, undefined);
    if (streams.size >= maxStreams) fail('API_ERR_UNAVAILABLE', `too many live streams (${maxStreams})`);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no', 'X-Content-Type-Options': 'nosniff' });
    res.write('retry: 2000\n\n');
    // A reader that does not keep up is dropped (it reconnects and reloads) instead of
    // buffering without bound in this process.
    // A ward-restricted reader gets its wards' patients only; device status by the device's patient.
    const visible = (data: unknown) => {
      const d = data as { patientId?: string; deviceId?: string } | null;
      if (principal.wards === 'all' || !d || typeof d !== 'object' || (d.patientId === undefined && d.deviceId === undefined)) return true;
      return typeof d.patientId === 'string' && d.patientId !== '' && sees(principal, d.patientId);
    };
    const send = (event: string) => (data: unknown) => {
      if (res.destroyed || !visible(data)) return;
      if (res.writableLength > bufferBytes) { slowDropped.inc(); log.warn({ buffered: res.writableLength }, 'slow stream reader dropped'); res.destroy(); return; }
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const handlers = { alert: send('alert'), vitals: send('vitals'), status: send('status'), monitoring: send('monitoring'), observation: send('observation') };
    send('monitoring')(monitoring.status());
    for (const [e, h] of Object.entries(handlers)) view.events.on(e, h);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    streams.add(res);
    streamGauge.set(streams.size);
    res.on('close', () => {
      streams.delete(res);
      streamGauge.set(streams.size);
      clearInterval(ping);
      for (const [e, h] of Object.entries(handlers)) view.events.off(e, h);
    });
  });

  return app;
}

export type { AlertView };
