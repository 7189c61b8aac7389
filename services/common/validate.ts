import { DEAD_LETTER_COPY_BYTES } from './dead-letter.js';
import { ValidationError } from './errors.js';
import { DeviceState, DeviceStatus, VitalKind, VitalsBatch, type Sample } from './proto.js';
import { DEVICE_ID_RE, FIRMWARE_RE, PATIENT_ID_RE, STATUS_REASON_RE } from './topics.js';
import { vitalByKind } from './vital-kinds.js';

/** Limits on inbound messages. */
export interface ValidationLimits {
  /** @defaultValue 65_536 (bytes) */
  maxPayloadBytes: number;
  /** @defaultValue 1_000 */
  maxSamples: number;
  /** How far ahead of the ingest's clock a timestamp may be. @defaultValue 300_000 (ms) */
  maxFutureMs: number;
  /** How old a (replayed) reading may be. @defaultValue 604_800_000 (ms, 7 days) */
  maxAgeMs: number;
  /** Largest copy of a rejected payload kept in its dead-letter record. @defaultValue 65_536 (bytes) */
  deadLetterCopyBytes?: number;
}

export const DEFAULT_LIMITS: ValidationLimits = {
  maxPayloadBytes: 65_536,
  maxSamples: 1_000,
  maxFutureMs: 300_000,
  maxAgeMs: 7 * 24 * 3600_000,
  deadLetterCopyBytes: DEAD_LETTER_COPY_BYTES,
};

function decode<T>(bytes: Uint8Array, decoder: (b: Uint8Array) => T, what: string): T {
  try {
    return decoder(bytes);
  } catch (err) {
    throw new ValidationError('INGEST_ERR_DECODE', `not a ${what}: ${(err as Error).message}`);
  }
}

function checkSize(bytes: Uint8Array, limits: ValidationLimits): void {
  if (bytes.length > limits.maxPayloadBytes) {
    throw new ValidationError('INGEST_ERR_TOO_LARGE', `payload is ${bytes.length} bytes; limit ${limits.maxPayloadBytes}`);
  }
  if (bytes.length === 0) throw new ValidationError('INGEST_ERR_DECODE', 'payload is empty');
}

function checkTime(name: string, ms: number, now: number, limits: ValidationLimits): void {
  if (!Number.isSafeInteger(ms) || ms <= 0) throw new ValidationError('INGEST_ERR_SCHEMA', `${name} is missing or not a positive integer`);
  if (ms > now + limits.maxFutureMs) throw new ValidationError('INGEST_ERR_FUTURE', `${name} is ${ms - now} ms in the future; limit ${limits.maxFutureMs}`);
  if (ms < now - limits.maxAgeMs) throw new ValidationError('INGEST_ERR_RANGE', `${name} is older than ${limits.maxAgeMs} ms`);
}

/**
 * Decodes and validates one telemetry payload from `vitals/v1/devices/{topicDeviceId}/telemetry`.
 * Throws a {@link ValidationError} whose code is the dead-letter reason.
 */
export function validateBatch(bytes: Uint8Array, topicDeviceId: string, now: number, limits: ValidationLimits = DEFAULT_LIMITS): VitalsBatch {
  checkSize(bytes, limits);
  const batch = decode(bytes, (b) => VitalsBatch.decode(b), 'vitals.v1.VitalsBatch');
  if (!DEVICE_ID_RE.test(batch.deviceId)) throw new ValidationError('INGEST_ERR_SCHEMA', 'device_id is missing or malformed');
  if (batch.deviceId !== topicDeviceId) {
    throw new ValidationError('INGEST_ERR_DEVICE_MISMATCH', `device_id ${JSON.stringify(batch.deviceId)} differs from topic device ${JSON.stringify(topicDeviceId)}`);
  }
  // The ingest attributes readings from the registry (issue 15): a device need not know its
  // patient; a patient id it sends is a cross-check, so it may be empty but never malformed.
  if (batch.patientId !== '' && !PATIENT_ID_RE.test(batch.patientId)) throw new ValidationError('INGEST_ERR_SCHEMA', 'patient_id is malformed');
  if (!FIRMWARE_RE.test(batch.firmware)) throw new ValidationError('INGEST_ERR_SCHEMA', 'firmware is malformed');
  if (!Number.isSafeInteger(batch.sequence) || batch.sequence < 1) throw new ValidationError('INGEST_ERR_SCHEMA', 'sequence must be an integer >= 1');
  checkTime('sent_at_ms', batch.sentAtMs, now, limits);
  if (batch.samples.length === 0) throw new ValidationError('INGEST_ERR_SCHEMA', 'samples is empty');
  if (batch.samples.length > limits.maxSamples) throw new ValidationError('INGEST_ERR_TOO_LARGE', `${batch.samples.length} samples; limit ${limits.maxSamples}`);
  if (!Number.isFinite(batch.batteryPercent) || batch.batteryPercent < 0 || batch.batteryPercent > 100) {
    throw new ValidationError('INGEST_ERR_RANGE', 'battery_percent outside 0..100');
  }
  // Decoded messages hold Sample instances with defaults filled in (the generated type says ISample).
  (batch.samples as Sample[]).forEach((s, i) => {
    const info = vitalByKind(s.kind);
    if (!info || s.kind === VitalKind.VITAL_KIND_UNSPECIFIED) throw new ValidationError('INGEST_ERR_SCHEMA', `samples[${i}].kind ${s.kind} is unknown`);
    if (!Number.isFinite(s.value)) throw new ValidationError('INGEST_ERR_RANGE', `samples[${i}] ${info.key} is not a finite number`);
    if (s.value < info.min || s.value > info.max) {
      throw new ValidationError('INGEST_ERR_RANGE', `samples[${i}] ${info.key}=${s.value} outside possible range ${info.min}..${info.max} ${info.ucum}`);
    }
    if (s.unit !== '' && s.unit !== info.ucum) throw new ValidationError('INGEST_ERR_SCHEMA', `samples[${i}] ${info.key} unit ${JSON.stringify(s.unit)} is not ${info.ucum}`);
    checkTime(`samples[${i}].measured_at_ms`, s.measuredAtMs, now, limits);
  });
  return batch;
}

/** Decodes and validates a retained status / Last Will from `vitals/v1/devices/{id}/status`. */
export function validateStatus(bytes: Uint8Array, topicDeviceId: string, now: number, limits: ValidationLimits = DEFAULT_LIMITS): DeviceStatus {
  checkSize(bytes, limits);
  const status = decode(bytes, (b) => DeviceStatus.decode(b), 'vitals.v1.DeviceStatus');
  if (status.deviceId !== topicDeviceId) {
    throw new ValidationError('INGEST_ERR_DEVICE_MISMATCH', `device_id ${JSON.stringify(status.deviceId)} differs from topic device ${JSON.stringify(topicDeviceId)}`);
  }
  // Status fields reach topic names (alerts/v1/patients/{id}/...), tags and logs: the same
  // alphabet as telemetry (issue 16: "x/#" made the alert worker publish to a wildcard).
  if (status.patientId !== '' && !PATIENT_ID_RE.test(status.patientId)) throw new ValidationError('INGEST_ERR_SCHEMA', 'patient_id is malformed');
  if (!STATUS_REASON_RE.test(status.reason)) throw new ValidationError('INGEST_ERR_SCHEMA', 'reason is malformed (letters, digits, . _ -; at most 64)');
  if (!FIRMWARE_RE.test(status.firmware)) throw new ValidationError('INGEST_ERR_SCHEMA', 'firmware is malformed');
  if (status.state !== DeviceState.DEVICE_STATE_ONLINE && status.state !== DeviceState.DEVICE_STATE_OFFLINE) {
    throw new ValidationError('INGEST_ERR_SCHEMA', 'state must be ONLINE or OFFLINE');
  }
  // A Last Will carries the time the device built it (at connect), possibly long ago: only the future is checked.
  if (!Number.isSafeInteger(status.atMs) || status.atMs <= 0) throw new ValidationError('INGEST_ERR_SCHEMA', 'at_ms is missing');
  if (status.atMs > now + limits.maxFutureMs) throw new ValidationError('INGEST_ERR_FUTURE', `at_ms is ${status.atMs - now} ms in the future`);
  return status;
}
