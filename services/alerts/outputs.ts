import type { MqttClient } from 'mqtt';
import type { Logger } from '../common/logger.js';
import { Alert, AlertPriority, AlertState, VitalKind } from '../common/proto.js';
import { escapeTag } from '../common/influx.js';
import { alertTopic, PATIENT_ID_RE } from '../common/topics.js';
import { vitalByKey } from '../common/vital-kinds.js';
import type { InfluxWriter } from '../writer/influx-writer.js';
import type { AlertRecord } from './engine.js';

const PRIORITY = { low: AlertPriority.ALERT_PRIORITY_LOW, medium: AlertPriority.ALERT_PRIORITY_MEDIUM, high: AlertPriority.ALERT_PRIORITY_HIGH } as const;
const STATE = { open: AlertState.ALERT_STATE_OPEN, acknowledged: AlertState.ALERT_STATE_ACKNOWLEDGED, resolved: AlertState.ALERT_STATE_RESOLVED } as const;

/** The wire form (vitals.v1.Alert) of an alert record. */
export function toProto(a: AlertRecord): Uint8Array {
  return Alert.encode({
    alertId: a.id,
    patientId: a.patientId,
    deviceId: a.deviceId,
    kind: a.kind,
    priority: PRIORITY[a.priority],
    state: STATE[a.state],
    vital: vitalByKey(a.vital)?.kind ?? VitalKind.VITAL_KIND_UNSPECIFIED,
    value: a.value,
    threshold: a.threshold,
    message: a.message,
    raisedAtMs: a.raisedAt,
    updatedAtMs: a.updatedAt,
    news2Score: a.news2Score,
    news2Band: a.news2Band,
    acknowledgedBy: a.acknowledgedBy,
  }).finish();
}

/** Alert history line: one point per change, so the lifecycle is queryable in InfluxDB. */
export function toLine(a: AlertRecord): string {
  const str = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return `alerts,kind=${escapeTag(a.kind)},patient_id=${escapeTag(a.patientId)},priority=${a.priority},state=${a.state} ` +
    `alert_id=${str(a.id)},device_id=${str(a.deviceId)},value=${Number.isFinite(a.value) ? a.value : 0},message=${str(a.message)},raised_at=${a.raisedAt}i ${a.updatedAt}`;
}

/** Publishes to MQTT and InfluxDB history (the webhook is a durable outbox: webhook-outbox.ts). */
export function createSideOutputs(deps: { mqtt: MqttClient | null; influx: InfluxWriter | null; log: Logger }) {
  return {
    /**
     * Best effort and never blocking: the Kafka alerts topic (written before this) is the
     * record. A broker or InfluxDB outage must not stall evaluation (and the consumer's
     * heartbeats); MQTT.js queues QoS 1 publishes while offline.
     */
    async publish(alerts: AlertRecord[]): Promise<void> {
      if (alerts.length === 0) return;
      if (deps.mqtt) {
        for (const a of alerts) {
          // Never a wildcard or a separator in a topic name: the broker would disconnect us
          // and MQTT.js would resend that packet first on every reconnect (issue 16).
          if (!PATIENT_ID_RE.test(a.patientId)) { deps.log.error({ alertId: a.id }, 'alert not published: patient id outside the id alphabet'); continue; }
          deps.mqtt.publishAsync(alertTopic(a.patientId, a.kind), Buffer.from(toProto(a)), { qos: 1, retain: true })
            .catch((err: unknown) => deps.log.warn({ err, alertId: a.id }, 'mqtt alert publish failed'));
        }
      }
      if (deps.influx) deps.influx.write(alerts.map(toLine)).catch((err: unknown) => deps.log.warn({ err }, 'alert history write failed'));
    },
  };
}
