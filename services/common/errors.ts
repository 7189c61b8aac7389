/**
 * One error hierarchy for every service (after kafkajs `src/errors.js`):
 * a stable `code`, whether retrying can help, and the `cause`.
 * Codes are listed once in {@link ERROR_CODES} and documented in docs/errors.md; never reuse one.
 */
export const ERROR_CODES = {
  CONFIG_ERR_INVALID: 'configuration is invalid',
  STACK_ERR_UNREACHABLE: 'a backing service (MQTT, Kafka, InfluxDB) cannot be reached',
  INGEST_ERR_DECODE: 'payload is not a valid vitals.v1 protobuf message',
  INGEST_ERR_SCHEMA: 'payload is missing a required field or has a malformed one',
  INGEST_ERR_DEVICE_MISMATCH: 'device id in the payload differs from the topic',
  INGEST_ERR_RANGE: 'a value is outside the physiologically possible range',
  INGEST_ERR_FUTURE: 'a timestamp is too far in the future',
  INGEST_ERR_TOO_LARGE: 'payload exceeds the size limit',
  INGEST_ERR_TOPIC: 'the MQTT topic is not one the ingest accepts',
  INGEST_ERR_QOS: 'the message came with QoS 0; the contract requires QoS 1',
  INGEST_ERR_RATE: 'the device sends faster than its per-device rate limit',
  INGEST_ERR_PATIENT_LIMIT: 'the device named more distinct patient ids than its cap allows',
  INGEST_ERR_KAFKA: 'Kafka did not acknowledge the record',
  INGEST_ERR_KAFKA_REFUSED: 'Kafka refused the record itself (e.g. MESSAGE_TOO_LARGE); kept in the dead-letter topic',
  WRITER_ERR_INFLUX: 'InfluxDB rejected or did not accept a write',
  WRITER_ERR_INFLUX_ACCESS: 'InfluxDB refused the token or does not know the bucket (401/403/404); offsets are held until the operator fixes it',
  WRITER_ERR_RECORD: 'a Kafka record can never be written',
  ALERTS_ERR_STATE: 'alert state could not be loaded or saved',
  ALERTS_ERR_WEBHOOK: 'the webhook receiver refused an alert (4xx) or stayed unreachable past the retry budget; dead-lettered',
  API_ERR_BAD_REQUEST: 'request parameters are invalid',
  API_ERR_UNAUTHORIZED: 'missing or invalid bearer token',
  API_ERR_FORBIDDEN: 'the token role may not do this',
  API_ERR_NOT_FOUND: 'no such resource',
  API_ERR_CONFLICT: 'the resource is not in a state that allows this',
  API_ERR_RATE_LIMITED: 'too many failed authentications from this client; retry after Retry-After seconds',
  API_ERR_UNAVAILABLE: 'a limit is reached (live streams, stream tickets); retry later',
  API_ERR_FORBIDDEN_WARD: 'the patient is not on a ward of the signed-in account (also for patients on no known ward)',
  API_ERR_SIGN_IN_FAILED: 'wrong username or password, or the account is disabled (one answer for all three)',
  API_ERR_AUDIT_UNAVAILABLE: 'the audit trail could not be written, so the change was not made; retry later',
  API_ERR_INTERNAL: 'unexpected server error (details in the server log only)',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class VitalsError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;

  constructor(code: ErrorCode, message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VitalsError';
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/** Rejection of one inbound message; never retried, always dead-lettered with its reason. */
export class ValidationError extends VitalsError {
  constructor(code: ErrorCode, message: string) {
    super(code, message, { retriable: false });
    this.name = 'ValidationError';
  }
}

/** Network failures, HTTP 5xx and 429 are worth retrying; everything else is not. */
export function isRetriable(err: unknown): boolean {
  if (err instanceof VitalsError) return err.retriable;
  const e = err as { statusCode?: number; code?: string; retriable?: boolean; name?: string } | null;
  if (!e) return false;
  if (typeof e.retriable === 'boolean') return e.retriable;
  if (typeof e.statusCode === 'number') return e.statusCode >= 500 || e.statusCode === 429;
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND'].includes(e.code ?? '') ||
    e.name === 'RequestTimedOutError';
}
