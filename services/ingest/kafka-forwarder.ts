import type { Producer, TopicMessages } from 'kafkajs';
import { VitalsError } from '../common/errors.js';
import { backoffDelay, sleep } from '../common/retry.js';
import type { Logger } from '../common/logger.js';
import type { OutboundRecord } from './classify.js';

export interface ForwarderOptions {
  /** How long the first record of a batch waits for company. @defaultValue 2 (ms) */
  lingerMs: number;
  /** @defaultValue 500 */
  maxBatch: number;
  onSent?: (records: number, ms: number) => void;
  onRetry?: (err: unknown, attempt: number) => void;
}

interface Pending {
  record: OutboundRecord;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Sends records to Kafka in batches (one produce request for everything that arrived
 * within `lingerMs`) and resolves each record's promise only after Kafka acknowledged it
 * with acks=all. A failed batch is retried with capped backoff until it succeeds or the
 * forwarder is closed: the caller holds its MQTT PUBACK meanwhile, which is the
 * back-pressure.
 */
export class KafkaForwarder {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sending = false;
  private closed = false;
  private failing = false;

  constructor(private readonly producer: Producer, private readonly log: Logger, private readonly options: ForwarderOptions) {}

  /** True while Kafka is refusing or timing out (exported as a readiness problem). */
  get degraded(): boolean {
    return this.failing;
  }

  get queued(): number {
    return this.queue.length;
  }

  send(record: OutboundRecord): Promise<void> {
    if (this.closed) return Promise.reject(new VitalsError('INGEST_ERR_KAFKA', 'forwarder is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.sending) return;
    if (this.queue.length >= this.options.maxBatch) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => { this.timer = null; void this.flush(); }, this.options.lingerMs);
    }
  }

  private async flush(): Promise<void> {
    if (this.sending || this.queue.length === 0) return;
    this.sending = true;
    const batch = this.queue.splice(0, this.options.maxBatch);
    const byTopic = new Map<string, TopicMessages>();
    for (const { record } of batch) {
      let tm = byTopic.get(record.topic);
      if (!tm) { tm = { topic: record.topic, messages: [] }; byTopic.set(record.topic, tm); }
      tm.messages.push({ key: record.key, value: record.value, headers: record.headers });
    }
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.producer.sendBatch({ topicMessages: [...byTopic.values()], acks: -1 });
        if (this.failing) this.log.info({ attempt }, 'kafka accepting again');
        this.failing = false;
        this.options.onSent?.(batch.length, Date.now() - started);
        for (const p of batch) p.resolve();
        break;
      } catch (err) {
        if (this.closed) {
          for (const p of batch) p.reject(new VitalsError('INGEST_ERR_KAFKA', 'closed before kafka acknowledged', { cause: err, retriable: true }));
          break;
        }
        if (!this.failing) this.log.warn({ err, records: batch.length }, 'kafka send failed; holding acks and retrying');
        this.failing = true;
        this.options.onRetry?.(err, attempt + 1);
        await sleep(backoffDelay(attempt, 200, 5_000));
      }
    }
    this.sending = false;
    if (this.queue.length > 0) this.schedule();
  }

  /** Rejects what is still queued (those messages stay un-acknowledged and the broker redelivers them). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const p of this.queue.splice(0)) p.reject(new VitalsError('INGEST_ERR_KAFKA', 'forwarder closed', { retriable: true }));
  }
}
