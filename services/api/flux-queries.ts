import { flux, fluxDuration, fluxDateTime, type ParameterizedQuery } from '@influxdata/influxdb-client';

/*
 * Every user value reaches Flux through the client's `flux` tagged template, which turns
 * it into a typed Flux literal (string, duration, time) with escaping: it is never
 * spliced as text. InfluxDB OSS 2.7 has no server-side query parameters (`params` is a
 * Cloud feature), so this is the parameter mechanism available. Values are also checked
 * against strict patterns before they get here.
 */

export function latestVitals(bucket: string, patientId?: string): ParameterizedQuery {
  return patientId
    ? flux`from(bucket: ${bucket}) |> range(start: -24h) |> filter(fn: (r) => r._measurement == "vitals" and r._field == "value" and r.patient_id == ${patientId}) |> group(columns: ["patient_id", "kind"]) |> last()`
    : flux`from(bucket: ${bucket}) |> range(start: -24h) |> filter(fn: (r) => r._measurement == "vitals" and r._field == "value") |> group(columns: ["patient_id", "kind"]) |> last()`;
}

export function latestDevices(bucket: string): ParameterizedQuery {
  return flux`from(bucket: ${bucket}) |> range(start: -24h) |> filter(fn: (r) => r._measurement == "device" and r._field == "battery") |> group(columns: ["device_id", "patient_id"]) |> last()`;
}

export function series(bucket: string, patientId: string, kind: string, start: Date, stop: Date, every: string): ParameterizedQuery {
  return flux`from(bucket: ${bucket})
  |> range(start: ${fluxDateTime(start.toISOString())}, stop: ${fluxDateTime(stop.toISOString())})
  |> filter(fn: (r) => r._measurement == "vitals" and r._field == "value" and r.patient_id == ${patientId} and r.kind == ${kind})
  |> aggregateWindow(every: ${fluxDuration(every)}, fn: mean, createEmpty: false)
  |> keep(columns: ["_time", "_value"])`;
}

export function rawObservations(bucket: string, patientId: string, start: Date, stop: Date, limit: number): ParameterizedQuery {
  return flux`from(bucket: ${bucket})
  |> range(start: ${fluxDateTime(start.toISOString())}, stop: ${fluxDateTime(stop.toISOString())})
  |> filter(fn: (r) => r._measurement == "vitals" and r._field == "value" and r.patient_id == ${patientId})
  |> group()
  |> sort(columns: ["_time"], desc: true)
  |> limit(n: ${limit})`;
}
