// A patient as the ward view shows them: admission, devices, latest values, NEWS2 from device
// and nurse-entered values, open alerts (physiological apart from technical), limit overrides.
// Reads the live view only; the Influx fallback for a view that has not seen a reading yet is here too.
import type { QueryApi } from '@influxdata/influxdb-client';
import { PARAMETER_NAMES, news2FromSources } from '../common/news2.js';
import type { PatientRegistry } from '../common/patient-registry.js';
import * as q from './flux-queries.js';
import type { AlertView, DeviceView, ObservationsView } from './live-view.js';
import type { WardLookup } from './ward-lookup.js';

/** The parts of the live view the ward routes read (and the Influx fallback fills). */
export interface WardView {
  latest: Map<string, Record<string, { value: number; at: number }>>;
  devices: Map<string, DeviceView>;
  alerts: ReadonlyMap<string, AlertView>;
  observations: ReadonlyMap<string, ObservationsView>;
  limits: ReadonlyMap<string, unknown>;
}

export type Admissions = Pick<PatientRegistry, 'patient' | 'patients'>;

export interface SummaryOptions {
  /** Device values count for NEWS2 this long (ms). */
  news2FreshMs: number;
  /** Nurse-entered observations count for NEWS2 this long (ms). */
  news2ObservationFreshMs: number;
}

/** Where the patient is now, from the registry (a transfer moves the patient and their alerts). */
export function admissionOf(registry: Admissions | undefined, pid: string) {
  const r = registry?.patient(pid);
  const here = r && !r.dischargedAt;
  return { ward: here ? r.ward : null, bed: here ? r.bed : null, displayName: r?.displayName ?? null, discharged: Boolean(r?.dischargedAt) };
}

/** Every patient the live view knows of: by a reading, a device or an alert. */
export const knownPatients = (view: WardView) =>
  new Set([...view.latest.keys(), ...[...view.devices.values()].map((d) => d.patientId).filter(Boolean), ...[...view.alerts.values()].map((a) => a.patientId)]);

/** Fills the view's latest values from InfluxDB (one patient, or all) when it has none yet. */
export async function latestFromInflux(query: Pick<QueryApi, 'collectRows'>, bucket: string, view: WardView, pid?: string): Promise<void> {
  const rows = await query.collectRows<{ patient_id: string; kind: string; _value: number; _time: string }>(q.latestVitals(bucket, pid));
  for (const r of rows) {
    const cur = view.latest.get(r.patient_id) ?? {};
    const at = Date.parse(r._time);
    if (!cur[r.kind] || cur[r.kind]!.at < at) cur[r.kind] = { value: r._value, at };
    view.latest.set(r.patient_id, cur);
  }
}

export function patientSummary(view: WardView, registry: Admissions | undefined, wards: WardLookup, o: SummaryOptions, pid: string) {
  const latest = view.latest.get(pid) ?? {};
  // Device values and nurse-entered ones, the more recent of each; unknown stays unknown.
  const obs = view.observations.get(pid) ?? {};
  const score = news2FromSources({
    latest, spo2Scale: obs.spo2Scale?.scale ?? 1,
    observed: { supplementalOxygen: obs.supplementalOxygen, cvpu: obs.consciousness && { value: obs.consciousness.value !== 'A', at: obs.consciousness.at } },
  }, { deviceMs: o.news2FreshMs, observationMs: o.news2ObservationFreshMs });
  const devices = [...view.devices.values()].filter((d) => d.patientId === pid);
  const open = [...view.alerts.values()].filter((a) => a.patientId === pid && a.state !== 'resolved');
  const online = devices.length === 0 ? null : devices.some((d) => d.online);
  const newest = (a: AlertView, b: AlertView) => b.updatedAt - a.updatedAt;
  return {
    patientId: pid,
    ...admissionOf(registry, pid),
    online,
    devices,
    latest,
    news2: score
      ? { score: score.score, band: score.band, complete: score.complete, partial: !score.complete, missing: score.missing.map((m) => PARAMETER_NAMES[m]), response: score.response, spo2Scale: score.spo2Scale }
      : null,
    observations: obs,
    openAlerts: { high: open.filter((a) => a.priority === 'high').length, medium: open.filter((a) => a.priority === 'medium').length, low: open.filter((a) => a.priority === 'low').length },
    alerts: open.filter((a) => a.category !== 'technical').sort(newest),
    // IEC 60601-1-8: technical alarm conditions are shown apart from physiological ones.
    technicalAlerts: open.filter((a) => a.category === 'technical').sort(newest),
    limits: view.limits.get(pid) ?? null,
    ward: wards.wardOf(pid) ?? null,
  };
}
