import { clip, deadLetterCopy } from '../common/dead-letter.js';
import { ValidationError } from '../common/errors.js';
import { parseDeviceTopic } from '../common/topics.js';
import type { VitalsBatch } from '../common/proto.js';
import { validateBatch, validateStatus, type ValidationLimits } from '../common/validate.js';

export interface KafkaTopics {
  vitals: string;
  status: string;
  deadLetter: string;
}

export interface OutboundRecord {
  topic: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

export type Classified =
  | { kind: 'vitals'; deviceId: string; patientId: string; sequence: number; sentAtMs: number; samples: number; record: OutboundRecord; batch: VitalsBatch }
  | { kind: 'status'; deviceId: string; record: OutboundRecord }
  | { kind: 'dead-letter'; reason: string; detail: string; deviceId: string | null; record: OutboundRecord };

/** The dead letter of a message that passed validation but not a per-device limit. */
export function rejectAs(c: Classified, payload: Buffer, reason: string, detail: string, deadLetterTopic: string, copyBytes?: number): Classified {
  const copy = deadLetterCopy(payload, copyBytes);
  return {
    kind: 'dead-letter', reason, detail, deviceId: c.deviceId,
    record: { topic: deadLetterTopic, key: c.deviceId, value: copy.value, headers: { ...c.record.headers, reason, detail: clip(detail), ...copy.headers } },
  };
}

/**
 * Turns one MQTT message into the Kafka record it becomes: the validated payload
 * (original bytes, keyed by patient) or a dead-letter record carrying the original
 * bytes, the MQTT topic, the reason and the time. Pure: never throws on input.
 */
export function classify(topic: string, payload: Buffer, receivedAtMs: number, topics: KafkaTopics, limits: ValidationLimits, retained = false, qos = 1): Classified {
  const parsed = parseDeviceTopic(topic);
  // `retained`: the broker replayed a stored message because we (re)subscribed (MQTT
  // 3.1.1 3.3.1.3); it is old news, and consumers must not take it as a fresh event.
  const baseHeaders = { 'mqtt-topic': clip(topic), 'received-at-ms': String(receivedAtMs), ...(retained ? { retained: 'true' } : {}) };
  const deadLetter = (reason: string, detail: string, deviceId: string | null): Classified => {
    // An oversized payload is kept as a truncated copy plus its size and hash (issue 16).
    const copy = deadLetterCopy(payload, limits.deadLetterCopyBytes);
    return {
      kind: 'dead-letter',
      reason,
      detail,
      deviceId,
      record: {
        topic: topics.deadLetter,
        key: deviceId,
        value: copy.value,
        headers: { ...baseHeaders, reason, detail: clip(detail), ...copy.headers, ...(deviceId ? { 'device-id': deviceId } : {}) },
      },
    };
  };
  // A QoS 0 publish has no delivery guarantee: kept (bytes and all) in the dead-letter topic, not stored as a reading.
  if (qos === 0 && parsed) return deadLetter('INGEST_ERR_QOS', 'published with QoS 0; vitals must be published with QoS 1', parsed.deviceId);
  if (!parsed) return deadLetter('INGEST_ERR_TOPIC', `topic ${JSON.stringify(topic.slice(0, 200))} is not vitals/v1/devices/{id}/telemetry|status`, null);
  try {
    if (parsed.kind === 'telemetry') {
      const batch = validateBatch(payload, parsed.deviceId, receivedAtMs, limits);
      return {
        kind: 'vitals',
        deviceId: batch.deviceId,
        patientId: batch.patientId,
        sequence: batch.sequence,
        sentAtMs: batch.sentAtMs,
        samples: batch.samples.length,
        batch,
        record: {
          topic: topics.vitals,
          key: batch.patientId,
          value: payload,
          headers: { ...baseHeaders, 'device-id': batch.deviceId, sequence: String(batch.sequence) },
        },
      };
    }
    const status = validateStatus(payload, parsed.deviceId, receivedAtMs, limits);
    return {
      kind: 'status',
      deviceId: status.deviceId,
      record: {
        topic: topics.status,
        // Same key as the device's vitals, so one alert worker sees both in order.
        key: status.patientId || status.deviceId,
        value: payload,
        headers: { ...baseHeaders, 'device-id': status.deviceId },
      },
    };
  } catch (err) {
    if (err instanceof ValidationError) return deadLetter(err.code, err.message, parsed.deviceId);
    return deadLetter('INGEST_ERR_DECODE', `unexpected: ${(err as Error).message}`, parsed.deviceId);
  }
}
