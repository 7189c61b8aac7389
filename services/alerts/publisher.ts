import type { MqttClient } from 'mqtt';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { HostedPart } from '../common/consumer-host.js';
import type { InfluxWriter } from '../common/influx-writer.js';
import type { KafkaClient, KafkaProducer } from '../common/kafka.js';
import type { Logger } from '../common/logger.js';
import type { AlertRecord } from './engine.js';
import { createSideOutputs, toProto } from './outputs.js';
import { createWebhookOutbox, type WebhookRetry } from './webhook-outbox.js';

export interface PublisherDeps {
  kafka: KafkaClient;
  producer: () => KafkaProducer;
  topics: { alerts: string; deadLetter?: string | undefined };
  mqtt: MqttClient | null;
  influx: InfluxWriter | null;
  /** The webhook outbox's own consumer group. */
  webhookGroupId: string;
  webhookUrl?: string | undefined;
  webhookRetry?: Partial<WebhookRetry> | undefined;
  log: Logger;
  registry: Registry;
  now: () => number;
}

const kindClass = (kind: string) => kind.split(':').slice(0, 2).join(':');

/**
 * Alert changes out: the alerts topic (the record, acks=all), then once the caller has
 * persisted the state, the metrics, the log line and the side outputs (MQTT alerts/v1/#,
 * InfluxDB history). The webhook is not a side output but a durable outbox on the alerts
 * topic (issue 16), whose attempts are recorded like the MQTT deliveries (issue 14).
 */
export function createAlertPublisher(deps: PublisherDeps) {
  const { registry, log } = deps;
  const raised = new Counter({ name: 'vitals_alerts_raised_total', help: 'Alerts raised (or re-opened), by kind and priority', labelNames: ['kind', 'priority'], registers: [registry] });
  const resolved = new Counter({ name: 'vitals_alerts_resolved_total', help: 'Alerts resolved, by kind and priority', labelNames: ['kind', 'priority'], registers: [registry] });
  const evalSeconds = new Histogram({ name: 'vitals_alerts_evaluation_seconds', help: 'Ingest receive to alert published', buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  const escalations = new Counter({ name: 'vitals_alerts_escalations_total', help: 'Alerts escalated for want of an acknowledgement, by kind, priority and level', labelNames: ['kind', 'priority', 'level'], registers: [registry] });
  const outputs = createSideOutputs({ mqtt: deps.mqtt, influx: deps.influx, log, registry });
  const webhook: HostedPart | null = deps.webhookUrl
    ? createWebhookOutbox({
      kafka: deps.kafka, producer: deps.producer, log, registry, url: deps.webhookUrl, groupId: deps.webhookGroupId,
      alertsTopic: deps.topics.alerts, deadLetterTopic: deps.topics.deadLetter, retry: deps.webhookRetry,
      onAttempt: (a, attempt, result, detail) => outputs.recordWebhook(a, attempt, result, detail),
    })
    : null;

  return {
    /** Parts with a lifetime of their own (the webhook outbox), for the consumer host. */
    parts: webhook ? [webhook] : [],

    /** Writes the changes to the alerts topic (acks=all); resolves once durable. */
    async send(alerts: AlertRecord[]): Promise<void> {
      if (alerts.length === 0) return;
      await deps.producer().send({ topic: deps.topics.alerts, acks: -1, messages: alerts.map((a) => ({ key: a.patientId, value: Buffer.from(toProto(a)), headers: { 'alert-id': a.id, state: a.state } })) });
    },

    /** Counts, logs and fans out changes already sent and persisted; best effort, never blocking. */
    async announce(alerts: AlertRecord[], receivedAt?: number): Promise<void> {
      for (const a of alerts) {
        if (a.change === 'resolved') resolved.inc({ kind: kindClass(a.kind), priority: a.priority });
        else if (a.change === 'raised' || a.change === 'reopened') raised.inc({ kind: kindClass(a.kind), priority: a.priority });
        else if (a.change === 'escalated') escalations.inc({ kind: kindClass(a.kind), priority: a.priority, level: String(a.escalationLevel) });
        log.info({ alertId: a.id, patientId: a.patientId, deviceId: a.deviceId, kind: a.kind, state: a.state, priority: a.priority, change: a.change, escalationLevel: a.escalationLevel }, 'alert changed');
      }
      if (receivedAt && alerts.length > 0) evalSeconds.observe(Math.max(0, deps.now() - receivedAt) / 1000);
      await outputs.publish(alerts);
    },
  };
}
