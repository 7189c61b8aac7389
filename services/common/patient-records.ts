// The records of the patients and assignments topics (issue 15): their shape, how they are read
// back (anything malformed is ignored, never trusted) and the pure changes the API makes to them.
// Written only by the API; read by ingest, alert worker and API through patient-registry.ts.
import { z } from 'zod';
import { DEVICE_ID_RE, PATIENT_ID_RE } from './topics.js';

/** Wards and beds: short, printable, no separators (they reach logs and the dashboard). */
export const WARD_RE = /^[A-Za-z0-9._ -]{1,64}$/;
/** Display names: printable text, no control characters or markup brackets. */
export const DISPLAY_NAME_RE = /^[^<>\p{Cc}]{1,128}$/u;
/** How many assignments a device's record keeps (oldest dropped first). */
export const MAX_HISTORY = 50;

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO time');

export const patientRecordSchema = z.object({
  patientId: z.string().regex(PATIENT_ID_RE),
  displayName: z.string().regex(DISPLAY_NAME_RE),
  ward: z.string().regex(WARD_RE),
  bed: z.string().regex(WARD_RE),
  admittedAt: iso,
  dischargedAt: iso.nullable(),
  updatedAt: iso,
});
export type PatientRecord = z.infer<typeof patientRecordSchema>;

export const assignmentSchema = z.object({ patientId: z.string().regex(PATIENT_ID_RE), from: iso, to: iso.nullable() });
export type Assignment = z.infer<typeof assignmentSchema>;
export const assignmentRecordSchema = z.object({ deviceId: z.string().regex(DEVICE_ID_RE), history: z.array(assignmentSchema).max(MAX_HISTORY) });
export type AssignmentRecord = z.infer<typeof assignmentRecordSchema>;

/** The patient assigned to a device at `atMs` (the last span that covers it), or null. */
export function assignedAt(record: AssignmentRecord | undefined, atMs: number): string | null {
  if (!record) return null;
  for (let i = record.history.length - 1; i >= 0; i--) {
    const a = record.history[i]!;
    const span = spanOf(a);
    if (span.from <= atMs && atMs < span.to) return a.patientId;
  }
  return null;
}

/**
 * Each span's times in ms, parsed once: the ingest asks for every sample (two ISO date
 * parses per sample and span were 3% of its busy time, issue 17). Spans are never edited in
 * place (withAssignment and withEnded copy), so an entry's times cannot go stale.
 */
const spans = new WeakMap<Assignment, { from: number; to: number }>();
function spanOf(a: Assignment): { from: number; to: number } {
  let s = spans.get(a);
  if (!s) {
    s = { from: Date.parse(a.from), to: a.to === null ? Infinity : Date.parse(a.to) };
    spans.set(a, s);
  }
  return s;
}

/** The open assignment of a device (no end), if any. */
export const openAssignment = (record: AssignmentRecord | undefined): Assignment | undefined =>
  record?.history.find((a) => a.to === null);

/**
 * The device's history with `patientId` assigned from `fromMs` on: a span still open (or
 * covering `fromMs`) ends there, so spans never overlap. Keeps the last {@link MAX_HISTORY}.
 */
export function withAssignment(deviceId: string, record: AssignmentRecord | undefined, patientId: string, fromMs: number): AssignmentRecord {
  const from = new Date(fromMs).toISOString();
  const history = (record?.history ?? [])
    // Spans that start at or after the new one are replaced by it.
    .filter((a) => Date.parse(a.from) < fromMs)
    .map((a) => (a.to === null || Date.parse(a.to) > fromMs ? { ...a, to: from } : a));
  history.push({ patientId, from, to: null });
  return { deviceId, history: history.slice(-MAX_HISTORY) };
}

/** The device's history with its open span (or, with `patientId`, that patient's) ended at `atMs`. */
export function withEnded(record: AssignmentRecord, atMs: number, patientId?: string): AssignmentRecord {
  const to = new Date(atMs).toISOString();
  return {
    deviceId: record.deviceId,
    history: record.history.map((a) => (a.to === null && (!patientId || a.patientId === patientId) ? { ...a, to: Date.parse(a.from) > atMs ? a.from : to } : a)),
  };
}

/** Parses a record value; null (ignored) when it is not valid JSON of the schema. */
export function parseRecord<T>(schema: z.ZodType<T>, value: Buffer | null): T | null {
  if (!value) return null;
  try {
    const r = schema.safeParse(JSON.parse(value.toString('utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
