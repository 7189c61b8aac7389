// Attribution (issue 15): the patient of a reading is the one assigned to its device at the
// reading's measured time (registry), never what the device says. The payload's patient id is
// only a cross-check: a non-empty one that disagrees dead-letters the batch (patient-mismatch).
import { clip, deadLetterCopy } from '../common/dead-letter.js';
import { DeviceStatus, VitalsBatch, type Sample } from '../common/proto.js';
import type { Classified, OutboundRecord } from './classify.js';

/** Dead-letter reason of a batch whose payload patient id disagrees with the assignment. */
export const PATIENT_MISMATCH = 'patient-mismatch';

export type AssignmentLookup = (deviceId: string, measuredAtMs: number) => string | null;

export type Attributed =
  | { kind: 'vitals'; records: OutboundRecord[]; unassignedSamples: number; patients: string[] }
  | { kind: 'dead-letter'; reason: string; detail: string; record: OutboundRecord };

/**
 * The records a validated batch becomes: one per patient its samples are attributed to (a batch
 * that straddles a re-assignment is split; each part keeps the sequence and says which part it
 * is), re-encoded with the attributed patient id; samples of no assignment go out with an empty
 * patient id, keyed by the device ("stored under the device only").
 */
export function attributeBatch(
  c: Extract<Classified, { kind: 'vitals' }>, batch: VitalsBatch, payload: Buffer, lookup: AssignmentLookup,
  deadLetterTopic: string, copyBytes?: number,
): Attributed {
  const groups = new Map<string, Sample[]>();
  for (const s of batch.samples as Sample[]) {
    const patient = lookup(batch.deviceId, s.measuredAtMs) ?? '';
    if (batch.patientId !== '' && patient !== '' && patient !== batch.patientId) {
      const detail = `payload patient_id differs from the patient assigned to device ${batch.deviceId} at the reading's measured time`;
      const copy = deadLetterCopy(payload, copyBytes);
      return {
        kind: 'dead-letter', reason: PATIENT_MISMATCH, detail,
        record: { topic: deadLetterTopic, key: batch.deviceId, value: copy.value, headers: { ...c.record.headers, reason: PATIENT_MISMATCH, detail: clip(detail), ...copy.headers } },
      };
    }
    let g = groups.get(patient);
    if (!g) { g = []; groups.set(patient, g); }
    g.push(s);
  }
  const parts = [...groups.entries()];
  const records = parts.map(([patient, samples], i): OutboundRecord => {
    // The common case, one patient who is the one the payload names: its own bytes are that
    // record already (a decode and re-encode per message saved, issue 17).
    const value = parts.length === 1 && patient === batch.patientId
      ? payload
      : Buffer.from(VitalsBatch.encode(VitalsBatch.create({ ...batch, patientId: patient, samples })).finish());
    return {
      topic: c.record.topic,
      key: patient || batch.deviceId,
      value,
      headers: {
        ...c.record.headers,
        attribution: patient ? 'assigned' : 'unassigned',
        ...(parts.length > 1 ? { part: `${i + 1}/${parts.length}` } : {}),
      },
    };
  });
  return { kind: 'vitals', records, unassignedSamples: groups.get('')?.length ?? 0, patients: parts.map(([p]) => p).filter(Boolean) };
}

/**
 * A status (or Last Will) goes to the patient assigned now: the Will was built at connect and
 * may name an earlier patient. Re-attributed, never dead-lettered (a lost offline would hide a
 * disconnected monitor).
 */
export function attributeStatus(record: OutboundRecord, payload: Buffer, deviceId: string, lookup: AssignmentLookup, nowMs: number): OutboundRecord {
  const status = DeviceStatus.decode(payload);
  const patient = lookup(deviceId, nowMs) ?? '';
  if (status.patientId === patient) return { ...record, key: patient || deviceId, headers: { ...record.headers, attribution: patient ? 'assigned' : 'unassigned' } };
  const value = Buffer.from(DeviceStatus.encode(DeviceStatus.create({ ...status, patientId: patient })).finish());
  return { ...record, key: patient || deviceId, value, headers: { ...record.headers, attribution: patient ? 'assigned' : 'unassigned' } };
}

/**
 * The ingest's decision for one classified message: the records it becomes (attributed
 * vitals, a re-attributed status, or the dead letter) and how many samples no assignment covers.
 */
export function attribute(c: Classified, payload: Buffer, lookup: AssignmentLookup, nowMs: number, deadLetterTopic: string, copyBytes?: number):
  { classified: Classified; records: OutboundRecord[]; unassignedSamples: number } {
  if (c.kind === 'vitals') {
    const a = attributeBatch(c, c.batch, payload, lookup, deadLetterTopic, copyBytes);
    if (a.kind === 'dead-letter') return { classified: { kind: 'dead-letter', reason: a.reason, detail: a.detail, deviceId: c.deviceId, record: a.record }, records: [a.record], unassignedSamples: 0 };
    return { classified: c, records: a.records, unassignedSamples: a.unassignedSamples };
  }
  if (c.kind === 'status') return { classified: c, records: [attributeStatus(c.record, payload, c.deviceId, lookup, nowMs)], unassignedSamples: 0 };
  return { classified: c, records: [c.record], unassignedSamples: 0 };
}
