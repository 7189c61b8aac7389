// The API as a fastify app: auth, ward scoping and the HTTP policy on the root instance, then
// one plugin per concern, each given only the dependencies it uses. The caller listens.
import type { QueryApi } from '@influxdata/influxdb-client';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Producer } from 'kafkajs';
import { Counter, Registry } from 'prom-client';
import { collectProcessMetrics } from '../common/process-metrics.js';
import type { Logger } from '../common/logger.js';
import { createAccess } from './access.js';
import { alertRoutes } from './alert-routes.js';
import { noAudit, type AuditFn, type AuditTrail } from './audit.js';
import { can, createAuthenticator } from './auth.js';
import { catalogueRoutes } from './catalogue-routes.js';
import { clinicalRoutes } from './clinical-routes.js';
import { commandSender } from './commands.js';
import type { DeviceRegistry } from './device-registry.js';
import { deviceRoutes } from './device-routes.js';
import { applyHttpPolicy } from './http-policy.js';
import { createAuthFailureLimiter, createTicketStore } from './limits.js';
import type { AlertView, LiveView } from './live-view.js';
import { createMonitoringWatch } from './monitoring.js';
import { opsRoutes } from './ops-routes.js';
import { admissionOf } from './patient-summary.js';
import { patientRoutes, type PatientReads } from './patient-routes.js';
import type { PatientStore } from './patient-store.js';
import { peopleRoutes, type PeopleAccounts } from './people-routes.js';
import { fail, type Action, type RouteKit } from './route-kit.js';
import { seriesRoutes } from './series-routes.js';
import type { Sessions } from './sessions.js';
import { staticRoutes } from './static-routes.js';
import { streamRoutes } from './stream-routes.js';
import { wardRoutes } from './ward-routes.js';
import { NO_WARDS, type WardLookup } from './ward-lookup.js';

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
  query: Pick<QueryApi, 'collectRows'>;
  producer: Pick<Producer, 'send'>;
  view: Pick<LiveView, 'alerts' | 'devices' | 'latest' | 'observations' | 'limits' | 'events' | 'feedAt'>;
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
  people?: { accounts: PeopleAccounts; sessions: Pick<Sessions, 'issue' | 'refresh' | 'verify'>; trail?: Pick<AuditTrail, 'query'> };
  /** Patients and assignments (issue 15); without them the admission routes are absent. */
  patients?: { registry: PatientReads; store: PatientStore };
}

const TICKET_TTL_MS = 30_000;

/** Builds the fastify app (routes, auth, errors); the caller listens. */
export function buildApi({ options, query, producer, view, log, registry = new Registry(), workerLag, devices, patients, audit = noAudit, wards = patients?.registry ?? NO_WARDS, people }: ApiDeps): FastifyInstance {
  collectProcessMetrics(registry, 'vitals_api_');
  const requests = new Counter({ name: 'vitals_api_requests_total', help: 'API requests by route and status', labelNames: ['route', 'status'], registers: [registry] });
  const authFailures = new Counter({ name: 'vitals_api_auth_failures_total', help: 'Requests refused for a missing or wrong token, or rate limited', labelNames: ['result'], registers: [registry] });
  const limiter = createAuthFailureLimiter({ maxFailures: options.maxAuthFailures ?? 20, windowMs: 60_000, maxClients: 10_000 });
  const { guard, authenticate, sees, scope } = createAccess({ authenticateToken: createAuthenticator(options.tokens, people?.sessions), limiter, authFailures, wards, fail });
  const auth = (action: Action) => async (req: FastifyRequest) => {
    const principal = authenticate(req, req.headers.authorization);
    if (!can(principal.role, action)) fail('API_ERR_FORBIDDEN', `role ${principal.role} may not ${action}`);
    req.principal = principal;
    req.role = principal.role;
  };
  const kit: RouteKit = { auth, sees, scope, audit };
  const send = commandSender(producer, options.commandsTopic);
  const monitoring = createMonitoringWatch({ feedAt: view.feedAt, workerLag, events: view.events, options: { staleMs: options.monitoringStaleMs ?? 10_000, maxWorkerLag: 5000 } });

  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, routerOptions: { maxParamLength: 200 }, forceCloseConnections: true });
  monitoring.start();
  app.addHook('onClose', async () => { monitoring.stop(); });
  app.addHook('onResponse', async (req, reply) => { requests.inc({ route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }); });
  applyHttpPolicy(app, log);

  void app.register(staticRoutes);
  void app.register(opsRoutes, { kit, registry });
  void app.register(catalogueRoutes, { kit });
  void app.register(wardRoutes, {
    kit, view, query, bucket: options.bucket, registry: patients?.registry, wards, monitoring: monitoring.status,
    summary: { news2FreshMs: options.news2FreshMs, news2ObservationFreshMs: options.news2ObservationFreshMs ?? 6 * 3_600_000 },
  });
  void app.register(seriesRoutes, { kit, query, bucket: options.bucket, maxRangeMs: options.maxRangeMs ?? 31 * 86_400_000 });
  void app.register(alertRoutes, { kit, alerts: view.alerts, wardNow: (pid) => admissionOf(patients?.registry, pid).ward, send, log });
  void app.register(clinicalRoutes, { kit, observations: view.observations, limits: view.limits, send, log });
  void app.register(streamRoutes, {
    kit, authenticate, tickets: createTicketStore({ ttlMs: TICKET_TTL_MS, max: 10_000 }), ticketTtlMs: TICKET_TTL_MS, events: view.events, monitoring: monitoring.status,
    registry, log, maxStreams: options.maxStreams ?? 200, bufferBytes: options.streamBufferBytes ?? 1024 * 1024,
  });
  if (devices) void app.register(deviceRoutes, { kit, devices });
  if (people) void app.register(peopleRoutes, { kit, ...people, guard });
  if (patients) void app.register(patientRoutes, { kit, ...patients, send, devices: () => view.devices.values() });
  return app;
}

export type { AlertView };
