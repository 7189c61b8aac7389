/**
 * One error hierarchy for every service (after kafkajs `src/errors.js` and fastify `lib/errors.js`):
 * a stable `code`, whether retrying can help, the `cause`, and for API codes the HTTP status.
 * Codes are listed once in {@link ERROR_CODES} and documented in docs/errors.md (a unit test
 * checks that both list exactly the codes services/ throws); never reuse one.
 */
export interface ErrorEntry {
  description: string;
  /** The HTTP status the API answers with (API codes only). */
  httpStatus?: number;
}

export const ERROR_CODES = {
  CONFIG_ERR_INVALID: { description: 'configuration is invalid' },
  INGEST_ERR_DECODE: { description: 'payload is not a valid vitals.v1 protobuf message' },
  INGEST_ERR_SCHEMA: { description: 'payload is missing a required field or has a malformed one' },
  INGEST_ERR_DEVICE_MISMATCH: { description: 'device id in the payload differs from the topic' },
  INGEST_ERR_RANGE: { description: 'a value is outside the physiologically possible range' },
  INGEST_ERR_FUTURE: { description: 'a timestamp is too far in the future' },
  INGEST_ERR_TOO_LARGE: { description: 'payload exceeds the size limit' },
  INGEST_ERR_TOPIC: { description: 'the MQTT topic is not one the ingest accepts' },
  INGEST_ERR_QOS: { description: 'the message came with QoS 0; the contract requires QoS 1' },
  INGEST_ERR_RATE: { description: 'the device sends faster than its per-device rate limit' },
  INGEST_ERR_PATIENT_LIMIT: { description: 'the device named more distinct patient ids than its cap allows' },
  INGEST_ERR_KAFKA: { description: 'Kafka did not acknowledge the record' },
  INGEST_ERR_KAFKA_REFUSED: { description: 'Kafka refused the record itself (e.g. MESSAGE_TOO_LARGE); kept in the dead-letter topic' },
  WRITER_ERR_INFLUX: { description: 'InfluxDB rejected or did not accept a write' },
  WRITER_ERR_INFLUX_ACCESS: { description: 'InfluxDB refused the token or does not know the bucket (401/403/404); offsets are held until the operator fixes it' },
  WRITER_ERR_RECORD: { description: 'a Kafka record can never be written' },
  ALERTS_ERR_WEBHOOK: { description: 'the webhook receiver refused an alert (4xx) or stayed unreachable past the retry budget; dead-lettered' },
  ALERTS_ERR_COMMAND: { description: 'a record on the alert-commands topic is not a command the worker can apply (vitals.v1.AlertCommand or the legacy JSON form); dead-lettered with the reason' },
  API_ERR_BAD_REQUEST: { description: 'request parameters are invalid', httpStatus: 400 },
  API_ERR_UNAUTHORIZED: { description: 'missing or invalid bearer token', httpStatus: 401 },
  API_ERR_FORBIDDEN: { description: 'the token role may not do this', httpStatus: 403 },
  API_ERR_NOT_FOUND: { description: 'no such resource', httpStatus: 404 },
  API_ERR_CONFLICT: { description: 'the resource is not in a state that allows this', httpStatus: 409 },
  API_ERR_RATE_LIMITED: { description: 'too many failed authentications from this client; retry after Retry-After seconds', httpStatus: 429 },
  API_ERR_UNAVAILABLE: { description: 'a limit is reached (live streams, stream tickets); retry later', httpStatus: 503 },
  API_ERR_FORBIDDEN_WARD: { description: 'the patient is not on a ward of the signed-in account (also for patients on no known ward)', httpStatus: 403 },
  API_ERR_SIGN_IN_FAILED: { description: 'wrong username or password, or the account is disabled (one answer for all three)', httpStatus: 401 },
  API_ERR_AUDIT_UNAVAILABLE: { description: 'the audit trail could not be written, so the change was not made; retry later', httpStatus: 503 },
  API_ERR_INTERNAL: { description: 'unexpected server error (details in the server log only)', httpStatus: 500 },
} as const satisfies Record<string, ErrorEntry>;

/** Codes that were never thrown and are withdrawn (issue 13); kept so they are not reused. */
export const RETIRED_ERROR_CODES = ['STACK_ERR_UNREACHABLE', 'ALERTS_ERR_STATE'] as const;

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

/** The HTTP status of a code (500 for a code that has none: it is not meant for a response). */
export const httpStatusOf = (code: ErrorCode): number => (ERROR_CODES[code] as ErrorEntry).httpStatus ?? 500;

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
