import { escapeTag } from './influx.js';
import type { Sample, VitalsBatch } from './proto.js';
import { vitalByKind } from './vital-kinds.js';

/** Measurement of vital samples: tags device_id, kind, patient_id, unit; fields value (float), seq (int). */
export const VITALS_MEASUREMENT = 'vitals';
/** Measurement of device telemetry per batch: battery (float), samples (int), seq (int). */
export const DEVICE_MEASUREMENT = 'device';

const num = (v: number) => (Number.isInteger(v) ? `${v}.0` : String(v));

/**
 * Line protocol for one batch, timestamps in ms. A redelivered batch yields the same
 * lines (same series and timestamp), so InfluxDB overwrites instead of adding points.
 * Tags are in key order, as InfluxDB stores them.
 */
export function batchToLines(batch: VitalsBatch): string[] {
  const device = escapeTag(batch.deviceId);
  // A reading of an unassigned device (issue 15) is stored under the device only: no patient tag.
  const patient = batch.patientId ? `,patient_id=${escapeTag(batch.patientId)}` : '';
  const lines: string[] = [];
  for (const s of batch.samples as Sample[]) {
    const info = vitalByKind(s.kind);
    if (!info) continue; // validated upstream; an unknown kind is never stored under a wrong name
    lines.push(
      `${VITALS_MEASUREMENT},device_id=${device},kind=${info.key}${patient},unit=${escapeTag(info.ucum)} value=${num(s.value)},seq=${batch.sequence}i ${s.measuredAtMs}`,
    );
  }
  lines.push(
    `${DEVICE_MEASUREMENT},device_id=${device}${patient} battery=${num(batch.batteryPercent)},samples=${batch.samples.length}i,seq=${batch.sequence}i ${batch.sentAtMs}`,
  );
  return lines;
}
