import { Counter, type Registry } from 'prom-client';
import { clip } from '../common/dead-letter.js';
import type { KafkaClient, KafkaConsumer, KafkaProducer } from '../common/kafka.js';
import type { Logger } from '../common/logger.js';
import { alertViewFromWire } from '../common/alert-contract.js';
import { Alert } from '../common/proto.js';
import { backoffDelay, sleep } from '../common/retry.js';
import { vitalByKind } from '../common/vital-kinds.js';

export interface WebhookRetry {
  /** Attempts per alert before it is dead-lettered. @defaultValue 10 */
  attempts: number;
  /** Longest wait between attempts. @defaultValue 30_000 (ms) */
  maxDelayMs: number;
}

/**
 * The webhook body: the alert as the API serves it (the alert contract's view), plus its
 * vital's key. A pager or nurse-call integration acts on the alarm-model fields (issue 14).
 */
export function webhookBody(a: Alert): string {
  return JSON.stringify({ ...alertViewFromWire(a), vital: vitalByKind(a.vital)?.key ?? '' });
}

/**
 * At-least-once webhook delivery with the alerts topic as a durable outbox (issue 16): its
 * own consumer group reads the alert changes and commits an offset only once the receiver
 * answered 2xx, or once the alert went to the dead-letter topic (a 4xx other than 408/429,
 * or the retry budget spent). A restart resumes at the first undelivered alert; a receiver
 * sees an alert twice at worst (same id and state: idempotent on its side).
 */
export function createWebhookOutbox(deps: {
  kafka: KafkaClient; producer: () => KafkaProducer; log: Logger; registry: Registry;
  url: string; groupId: string; alertsTopic: string; deadLetterTopic?: string | undefined; retry?: Partial<WebhookRetry>;
  /** Each attempt's outcome, for the delivery record (IHE PCD ACM dissemination status). */
  onAttempt?: (a: { id: string; patientId: string; priority: 'low' | 'medium' | 'high'; state: 'open' | 'acknowledged' | 'resolved'; change: string; escalationLevel: number }, attempt: number, result: 'delivered' | 'failed' | 'gave-up', detail: string) => void;
}) {
  const retry: WebhookRetry = { attempts: 10, maxDelayMs: 30_000, ...deps.retry };
  const deliveries = new Counter({ name: 'vitals_alerts_webhook_deliveries_total', help: 'Webhook deliveries by result (delivered, retry, dead-letter)', labelNames: ['result'], registers: [deps.registry] });
  let consumer: KafkaConsumer | null = null;
  let running = false;

  async function post(body: string): Promise<{ ok: boolean; permanent: boolean; detail: string }> {
    try {
      const res = await fetch(deps.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, permanent: false, detail: '' };
      return { ok: false, permanent: res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429, detail: `HTTP ${res.status}` };
    } catch (err) {
      return { ok: false, permanent: false, detail: clip((err as Error).message) };
    }
  }

  async function deadLetter(value: Buffer, key: Buffer | null, detail: string, attempts: number): Promise<void> {
    deliveries.inc({ result: 'dead-letter' });
    deps.log.error({ detail, attempts }, 'webhook delivery dead-lettered');
    if (!deps.deadLetterTopic) return;
    await deps.producer().send({
      topic: deps.deadLetterTopic, acks: -1,
      messages: [{ key, value, headers: { reason: 'ALERTS_ERR_WEBHOOK', detail: clip(`webhook ${detail} after ${attempts} attempt(s)`), 'source-topic': deps.alertsTopic, 'failed-at-ms': String(Date.now()) } }],
    });
  }

  /** True once the alert is delivered or dead-lettered; false when stopping first. */
  async function deliver(value: Buffer, key: Buffer | null, heartbeat: () => Promise<void>): Promise<boolean> {
    const alert = Alert.decode(value);
    const body = webhookBody(alert);
    const who = alertViewFromWire(alert);
    for (let attempt = 1; ; attempt++) {
      const r = await post(body);
      if (r.ok) { deliveries.inc({ result: 'delivered' }); deps.onAttempt?.(who, attempt, 'delivered', 'HTTP 2xx'); return true; }
      if (r.permanent || attempt >= retry.attempts) { deps.onAttempt?.(who, attempt, 'gave-up', r.detail); await deadLetter(value, key, r.detail, attempt); return true; }
      deps.onAttempt?.(who, attempt, 'failed', r.detail);
      deliveries.inc({ result: 'retry' });
      // Interruptible, so a stop does not wait out a long backoff.
      const until = Date.now() + backoffDelay(attempt - 1, 250, retry.maxDelayMs);
      while (running && Date.now() < until) await sleep(Math.min(100, until - Date.now()));
      if (!running) return false;
      await heartbeat().catch(() => undefined);
    }
  }

  return {
    async start(): Promise<void> {
      running = true;
      // A new group starts at the end of the topic, pinned before it joins, so no alert
      // written meanwhile is skipped (fromBeginning: false resolves 'latest' later, at its first fetch).
      const admin = deps.kafka.admin();
      await admin.connect();
      try {
        const [committed] = await admin.fetchOffsets({ groupId: deps.groupId, topics: [deps.alertsTopic] });
        if ((committed?.partitions ?? []).every((p) => Number(p.offset) < 0)) {
          const ends = await admin.fetchTopicOffsets(deps.alertsTopic);
          await admin.setOffsets({ groupId: deps.groupId, topic: deps.alertsTopic, partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })) });
        }
      } finally {
        await admin.disconnect();
      }
      const c = deps.kafka.consumer({ groupId: deps.groupId, maxWaitTimeInMs: 200, sessionTimeout: 30_000, heartbeatInterval: 2_000 });
      consumer = c;
      await c.connect();
      await c.subscribe({ topic: deps.alertsTopic, fromBeginning: false });
      // Offsets are resolved one alert at a time, only once it is delivered or dead-lettered;
      // a stop leaves the rest unresolved (uncommitted) for the next run.
      await c.run({
        autoCommit: true,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          for (const message of batch.messages) {
            if (!running || !isRunning() || isStale()) return;
            if (message.value && !(await deliver(message.value, message.key, heartbeat))) return;
            resolveOffset(message.offset);
            await heartbeat().catch(() => undefined);
          }
        },
      });
    },
    async stop(): Promise<void> {
      running = false;
      await consumer?.disconnect();
    },
  };
}
