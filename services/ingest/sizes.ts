// The message-size check at start (issue 16): MQTT's packet limit, the ingest's payload limit and
// Kafka's max.message.bytes must agree, or one message would hold every PUBACK behind it.
import { DEAD_LETTER_COPY_BYTES, RECORD_OVERHEAD_BYTES } from '../common/dead-letter.js';
import { VitalsError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { ValidationLimits } from '../common/validate.js';

/**
 * Every record the ingest produces must fit Kafka's limit, or one message would hold every
 * PUBACK behind it (issue 16): refuse to start instead, with what to change.
 */
export function checkSizes(options: { limits: ValidationLimits; mqttMaxPacketBytes?: number | undefined }, kafkaMax: number, log: Logger): void {
  const payload = options.limits.maxPayloadBytes;
  const copy = options.limits.deadLetterCopyBytes ?? DEAD_LETTER_COPY_BYTES;
  const largest = Math.max(payload, copy) + RECORD_OVERHEAD_BYTES;
  const problems: string[] = [];
  if (largest > kafkaMax) problems.push(`the largest record the ingest produces is ${largest} bytes (INGEST_MAX_PAYLOAD_BYTES ${payload}, dead-letter copy ${copy}, ${RECORD_OVERHEAD_BYTES} for headers) but Kafka's max.message.bytes is ${kafkaMax}: raise it or lower the limits`);
  if (options.mqttMaxPacketBytes !== undefined && options.mqttMaxPacketBytes < payload) problems.push(`MQTT max_packet_size ${options.mqttMaxPacketBytes} is below INGEST_MAX_PAYLOAD_BYTES ${payload}: valid batches could never arrive`);
  if (problems.length > 0) throw new VitalsError('CONFIG_ERR_INVALID', `message sizes disagree: ${problems.join('; ')}`);
  log.info({ kafkaMaxMessageBytes: kafkaMax, largestRecordBytes: largest, mqttMaxPacketBytes: options.mqttMaxPacketBytes, maxPayloadBytes: payload }, 'message sizes checked');
}
