// Stored readings of one patient: a vital's series at a resolution (for the charts), and the
// raw readings as FHIR R4 vital-signs Observations (services/api/fhir.ts). Ranges are bounded.
import type { QueryApi } from '@influxdata/influxdb-client';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { VITAL_KEYS, vitalByKey } from '../common/vital-kinds.js';
import { toFhirBundle } from './fhir.js';
import * as q from './flux-queries.js';
import { duration, durationMs, fail, isoTime, parse, patientParams, timeRange, type RouteKit } from './route-kit.js';

export interface SeriesRouteDeps {
  kit: RouteKit;
  query: Pick<QueryApi, 'collectRows'>;
  bucket: string;
  /** Longest range of a series or an export (ms). */
  maxRangeMs: number;
}

const seriesQuery = z.object({ kind: z.enum(VITAL_KEYS), start: isoTime.optional(), stop: isoTime.optional(), every: duration.optional() }).strict();
const fhirQuery = z.object({ start: isoTime.optional(), stop: isoTime.optional(), limit: z.coerce.number().int().min(1).max(10_000).default(1000) }).strict();

export const seriesRoutes: FastifyPluginAsync<SeriesRouteDeps> = async (app, { kit, query, bucket, maxRangeMs }) => {
  const { auth, scope } = kit;

  app.get('/api/v1/patients/:patientId/vitals', { preHandler: auth('read') }, async (req) => {
    const { patientId: pid } = parse(patientParams, req.params);
    scope(req, pid);
    const p = parse(seriesQuery, req.query);
    const { start, stop } = timeRange(p, maxRangeMs);
    // Default resolution: about 500 points over the range, never finer than 1 s.
    const every = p.every ?? `${Math.max(1, Math.ceil((stop.getTime() - start.getTime()) / 500 / 1000))}s`;
    if ((stop.getTime() - start.getTime()) / durationMs(every) > 20_000) fail('API_ERR_BAD_REQUEST', 'resolution too fine for the range (more than 20000 points)');
    const rows = await query.collectRows<{ _time: string; _value: number }>(q.series(bucket, pid, p.kind, start, stop, every));
    const info = vitalByKey(p.kind)!;
    return { patientId: pid, kind: p.kind, unit: info.ucum, start: start.toISOString(), stop: stop.toISOString(), every, points: rows.map((r) => [Date.parse(r._time), r._value]) };
  });

  app.get('/api/v1/patients/:patientId/fhir', { preHandler: auth('read') }, async (req, reply) => {
    const { patientId: pid } = parse(patientParams, req.params);
    scope(req, pid);
    const p = parse(fhirQuery, req.query);
    const { start, stop } = timeRange(p, maxRangeMs);
    const rows = await query.collectRows<{ _time: string; _value: number; kind: string; device_id: string }>(q.rawObservations(bucket, pid, start, stop, p.limit));
    const base = `${req.protocol}://${req.host}`;
    return reply.type('application/fhir+json').send(toFhirBundle(pid, rows.map((r) => ({ kind: r.kind, value: r._value, time: r._time, deviceId: r.device_id })), base));
  });
};
