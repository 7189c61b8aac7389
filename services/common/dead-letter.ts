import { createHash } from 'node:crypto';

/**
 * Largest copy of a rejected payload kept in a dead-letter record. A payload above it is
 * kept as its first bytes plus its size and SHA-256, so a dead letter always fits Kafka's
 * message.max.bytes (checked at startup) and can never stall the stream.
 * @defaultValue 65_536 (bytes)
 */
export const DEAD_LETTER_COPY_BYTES = 65_536;

/**
 * Room for a record's key, headers and Kafka's record and batch framing (bytes). Headers
 * are bounded: topic and detail are cut to 500 characters each.
 */
export const RECORD_OVERHEAD_BYTES = 4_096;

/** The value and headers that describe `payload` in a dead-letter record (copy, size, hash). */
export function deadLetterCopy(payload: Buffer, maxCopyBytes = DEAD_LETTER_COPY_BYTES): { value: Buffer; headers: Record<string, string> } {
  const truncated = payload.length > maxCopyBytes;
  return {
    value: truncated ? payload.subarray(0, maxCopyBytes) : payload,
    headers: {
      'payload-bytes': String(payload.length),
      'payload-sha256': createHash('sha256').update(payload).digest('hex'),
      ...(truncated ? { truncated: 'true' } : {}),
    },
  };
}

/** A header value cut to `max` characters, so a hostile topic or message cannot bloat a record. */
export const clip = (s: string, max = 500) => (s.length > max ? `${s.slice(0, max)}...` : s);
