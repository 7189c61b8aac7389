import type { MqttClient } from 'mqtt';
import type { Logger } from '../common/logger.js';
import { Counter, type Registry } from 'prom-client';
import { encodeAlert } from '../common/alert-contract.js';
import { isRetriable } from '../common/errors.js';
import { escapeTag } from '../common/influx.js';
import { retry } from '../common/retry.js';
import { alertTopic, PATIENT_ID_RE } from '../common/topics.js';
import type { InfluxWriter } from '../common/influx-writer.js';
import type { AlertRecord } from './engine.js';

/** The wire form (vitals.v1.Alert) of an alert record: the alert contract's codec (issue 13). */
export const toProto = encodeAlert;

/** Alert history line: one point per change, so the lifecycle is queryable in InfluxDB. */
export function toLine(a: AlertRecord): string {
  const str = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return `alerts,kind=${escapeTag(a.kind)},patient_id=${escapeTag(a.patientId)},priority=${a.priority},state=${a.state},category=${a.category} ` +
    `alert_id=${str(a.id)},device_id=${str(a.deviceId)},value=${Number.isFinite(a.value) ? a.value : 0},message=${str(a.message)},raised_at=${a.raisedAt}i,` +
    `change=${str(a.change ?? '')},escalation_level=${a.escalationLevel ?? 0}i,condition_active=${a.conditionActive ? 'true' : 'false'} ${a.updatedAt}`;
}

/**
 * One delivery attempt of an alert change to a channel (IHE PCD ACM keeps the dissemination
 * status of each alert, PCD-07): which channel, which attempt, delivered or why not.
 */
/** What a delivery record names of an alert (from an engine record or a decoded vitals.v1.Alert). */
export interface DeliveredAlert { id: string; patientId: string; priority: AlertRecord['priority']; state: AlertRecord['state']; change?: string | undefined; escalationLevel?: number | undefined }

export function deliveryLine(a: DeliveredAlert, channel: 'mqtt' | 'webhook', attempt: number, result: 'delivered' | 'failed' | 'gave-up', detail: string, at: number): string {
  const str = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return `alert_deliveries,channel=${channel},result=${result},patient_id=${escapeTag(a.patientId)},priority=${a.priority} ` +
    `alert_id=${str(a.id)},change=${str(a.change ?? '')},state=${str(a.state)},escalation_level=${a.escalationLevel ?? 0}i,attempt=${attempt}i,detail=${str(detail.slice(0, 200))} ${at}`;
}

/** Retries of one history write (backoff from 500 ms, doubling: at most about 8 s in all). */
export const HISTORY_RETRIES = 4;

/** Publishes to MQTT alerts/v1/... (retained, QoS 1) and InfluxDB history; the webhook is a durable outbox (webhook-outbox.ts). */
export function createSideOutputs(deps: { mqtt: MqttClient | null; influx: InfluxWriter | null; log: Logger; registry?: Registry }) {
  /**
   * History and delivery records: retried on a retriable failure (InfluxDB busy or restarting)
   * for up to about 8 s in the background, so a short hiccup loses no history line; then logged.
   * Never awaited by evaluation.
   */
  const history = (lines: string[], what: string) => {
    const influx = deps.influx;
    if (!influx) return;
    retry(() => influx.write(lines), { retries: HISTORY_RETRIES, initialMs: 500, maxMs: 5_000, isRetriable })
      .catch((err: unknown) => deps.log.warn({ err, lines: lines.length }, `${what} write failed`));
  };
  const deliveries = new Counter({ name: 'vitals_alerts_deliveries_total', help: 'Alert delivery attempts by channel and result', labelNames: ['channel', 'result'], registers: deps.registry ? [deps.registry] : [] });
  /** Recorded (metric, log on failure, InfluxDB history); never blocks or throws. */
  const record = (a: DeliveredAlert, channel: 'mqtt' | 'webhook', attempt: number, result: 'delivered' | 'failed' | 'gave-up', detail: string) => {
    deliveries.inc({ channel, result });
    if (result !== 'delivered') deps.log.warn({ alertId: a.id, channel, attempt, result, detail }, 'alert delivery not confirmed');
    history([deliveryLine(a, channel, attempt, result, detail, Date.now())], 'delivery record');
  };
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
          // QoS 1: resolved once the broker's PUBACK came back.
          deps.mqtt.publishAsync(alertTopic(a.patientId, a.kind), Buffer.from(toProto(a)), { qos: 1, retain: true })
            .then(() => record(a, 'mqtt', 1, 'delivered', 'puback'), (err: unknown) => record(a, 'mqtt', 1, 'failed', (err as Error).message));
        }
      }
      history(alerts.map(toLine), 'alert history');
    },
    /** Records a webhook attempt made by the outbox (IHE PCD ACM dissemination status). */
    recordWebhook: (a: DeliveredAlert, attempt: number, result: 'delivered' | 'failed' | 'gave-up', detail: string) => record(a, 'webhook', attempt, result, detail),
  };
}
