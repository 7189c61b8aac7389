import type { MqttClient } from 'mqtt';
import type { Logger } from '../common/logger.js';
import { Counter, type Registry } from 'prom-client';
import { Alert, AlertCategory, AlertPriority, AlertState, VitalKind } from '../common/proto.js';
import { escapeTag } from '../common/influx.js';
import { alertTopic } from '../common/topics.js';
import { vitalByKey } from '../common/vital-kinds.js';
import type { InfluxWriter } from '../writer/influx-writer.js';
import type { AlertRecord } from './engine.js';

const PRIORITY = { low: AlertPriority.ALERT_PRIORITY_LOW, medium: AlertPriority.ALERT_PRIORITY_MEDIUM, high: AlertPriority.ALERT_PRIORITY_HIGH } as const;
const CATEGORY = { physiological: AlertCategory.ALERT_CATEGORY_PHYSIOLOGICAL, technical: AlertCategory.ALERT_CATEGORY_TECHNICAL } as const;
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
    category: CATEGORY[a.category] ?? AlertCategory.ALERT_CATEGORY_UNSPECIFIED,
    conditionActive: a.conditionActive,
    latched: a.latched,
    escalationLevel: a.escalationLevel,
    escalatedAtMs: a.escalatedAt,
    acknowledgedUntilMs: a.acknowledgedUntil,
    news2Missing: a.news2Missing,
    news2Response: a.news2Response,
    change: a.change,
  }).finish();
}

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
export function deliveryLine(a: AlertRecord, channel: 'mqtt' | 'webhook', attempt: number, result: 'delivered' | 'failed' | 'gave-up', detail: string, at: number): string {
  const str = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return `alert_deliveries,channel=${channel},result=${result},patient_id=${escapeTag(a.patientId)},priority=${a.priority} ` +
    `alert_id=${str(a.id)},change=${str(a.change ?? '')},state=${str(a.state)},escalation_level=${a.escalationLevel ?? 0}i,attempt=${attempt}i,detail=${str(detail.slice(0, 200))} ${at}`;
}

/** Publishes to MQTT alerts/v1/... (retained, QoS 1), InfluxDB history and an optional webhook. */
export function createSideOutputs(deps: { mqtt: MqttClient | null; influx: InfluxWriter | null; webhookUrl?: string | undefined; log: Logger; registry?: Registry }) {
  const webhookQueue: AlertRecord[] = [];
  let webhookBusy = false;
  const deliveries = new Counter({ name: 'vitals_alerts_deliveries_total', help: 'Alert delivery attempts by channel and result', labelNames: ['channel', 'result'], registers: deps.registry ? [deps.registry] : [] });
  /** Recorded (metric, log on failure, InfluxDB history); never blocks or throws. */
  const record = (a: AlertRecord, channel: 'mqtt' | 'webhook', attempt: number, result: 'delivered' | 'failed' | 'gave-up', detail: string) => {
    deliveries.inc({ channel, result });
    if (result !== 'delivered') deps.log.warn({ alertId: a.id, channel, attempt, result, detail }, 'alert delivery not confirmed');
    deps.influx?.write([deliveryLine(a, channel, attempt, result, detail, Date.now())]).catch((err: unknown) => deps.log.warn({ err }, 'delivery record write failed'));
  };

  async function drainWebhook(): Promise<void> {
    if (webhookBusy || !deps.webhookUrl) return;
    webhookBusy = true;
    while (webhookQueue.length > 0) {
      const a = webhookQueue[0]!;
      for (let attempt = 0; attempt < 6; attempt++) {
        try {
          const res = await fetch(deps.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(a), signal: AbortSignal.timeout(5000) });
          if (res.ok) { record(a, 'webhook', attempt + 1, 'delivered', `HTTP ${res.status}`); break; }
          if (res.status >= 400 && res.status < 500 && res.status !== 429) { record(a, 'webhook', attempt + 1, 'gave-up', `HTTP ${res.status} (not retried)`); break; }
          record(a, 'webhook', attempt + 1, attempt === 5 ? 'gave-up' : 'failed', `HTTP ${res.status}`);
        } catch (err) {
          record(a, 'webhook', attempt + 1, attempt === 5 ? 'gave-up' : 'failed', (err as Error).message);
        }
        if (attempt < 5) await new Promise((r) => setTimeout(r, Math.min(8000, 250 * 2 ** attempt)));
      }
      webhookQueue.shift();
    }
    webhookBusy = false;
  }

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
          // QoS 1: resolved once the broker's PUBACK came back.
          deps.mqtt.publishAsync(alertTopic(a.patientId, a.kind), Buffer.from(toProto(a)), { qos: 1, retain: true })
            .then(() => record(a, 'mqtt', 1, 'delivered', 'puback'), (err: unknown) => record(a, 'mqtt', 1, 'failed', (err as Error).message));
        }
      }
      if (deps.influx) deps.influx.write(alerts.map(toLine)).catch((err: unknown) => deps.log.warn({ err }, 'alert history write failed'));
      if (deps.webhookUrl) {
        if (webhookQueue.length < 10_000) webhookQueue.push(...alerts.map((a) => ({ ...a })));
        void drainWebhook();
      }
    },
  };
}
