// The ward: every patient the account's wards hold (admitted ones before their first reading
// too), one patient's summary, the devices, and whether monitoring is live ("monitoring
// interrupted", issue 14). From the live view, with InfluxDB as the fallback of a fresh view.
import type { QueryApi } from '@influxdata/influxdb-client';
import type { FastifyPluginAsync } from 'fastify';
import * as q from './flux-queries.js';
import type { MonitoringStatus } from './monitoring.js';
import { knownPatients, latestFromInflux, patientSummary, type Admissions, type SummaryOptions, type WardView } from './patient-summary.js';
import { fail, parse, patientParams, type RouteKit } from './route-kit.js';
import type { WardLookup } from './ward-lookup.js';

export interface WardRouteDeps {
  kit: RouteKit;
  view: WardView;
  query: Pick<QueryApi, 'collectRows'>;
  bucket: string;
  /** Admissions (issue 15); without them the ward is who the live view knows. */
  registry?: Admissions | undefined;
  wards: WardLookup;
  monitoring: () => MonitoringStatus;
  summary: SummaryOptions;
}

export const wardRoutes: FastifyPluginAsync<WardRouteDeps> = async (app, { kit, view, query, bucket, registry, wards, monitoring, summary }) => {
  const { auth, sees, scope } = kit;
  const summaryOf = (pid: string) => patientSummary(view, registry, wards, summary, pid);

  app.get('/api/v1/patients', { preHandler: auth('read') }, async (req) => {
    if (view.latest.size === 0) await latestFromInflux(query, bucket, view);
    // The ward: admitted patients (even before their first reading), not the discharged ones; only the account's wards.
    const ids = new Set([...knownPatients(view), ...(registry?.patients().filter((r) => !r.dischargedAt).map((r) => r.patientId) ?? [])]);
    const shown = [...ids].filter((id) => !registry?.patient(id)?.dischargedAt && sees(req.principal, id));
    return { monitoring: monitoring(), patients: shown.sort().map(summaryOf) };
  });

  app.get('/api/v1/monitoring', { preHandler: auth('read') }, async () => monitoring());

  app.get('/api/v1/patients/:patientId', { preHandler: auth('read') }, async (req) => {
    const { patientId: pid } = parse(patientParams, req.params);
    scope(req, pid);
    if (!view.latest.has(pid)) await latestFromInflux(query, bucket, view, pid);
    if (!knownPatients(view).has(pid)) fail('API_ERR_NOT_FOUND', `no data for patient ${pid}`);
    return summaryOf(pid);
  });

  app.get('/api/v1/devices', { preHandler: auth('read') }, async (req) => {
    if (view.devices.size === 0) {
      const rows = await query.collectRows<{ device_id: string; patient_id: string; _value: number; _time: string }>(q.latestDevices(bucket));
      for (const r of rows) {
        if (!view.devices.has(r.device_id)) view.devices.set(r.device_id, { deviceId: r.device_id, patientId: r.patient_id, online: true, reason: '', statusAt: 0, lastSeen: Date.parse(r._time), battery: r._value });
      }
    }
    return { devices: [...view.devices.values()].filter((d) => req.principal.wards === 'all' || (d.patientId !== '' && sees(req.principal, d.patientId))).sort((a, b) => a.deviceId.localeCompare(b.deviceId)) };
  });
};
