import type { Producer, TopicMessages } from 'kafkajs';
import { VitalsError } from '../common/errors.js';
import { kafkaErrorType, PERMANENT_RECORD_ERRORS } from '../common/kafka.js';
import { backoffDelay, sleep } from '../common/retry.js';
import type { Logger } from '../common/logger.js';
import type { OutboundRecord } from './classify.js';

export interface ForwarderOptions {
  /**
   * The longest a record waits for company (ms), counted from its arrival, also when it
   * queued behind a send in flight. @defaultValue 20
   */
  lingerMs: number;
  /**
   * A batch of this many records goes at once, without waiting out the linger: at a high
   * arrival rate the linger ends early, so the wait adapts to the rate (issue 17: at 100
   * messages/s a 5 ms linger left most messages alone in their produce request).
   * @defaultValue 8
   */
  lingerRecords?: number;
  /** @defaultValue 500 */
  maxBatch: number;
  /**
   * Bytes (values, keys, headers) per produce request: below Kafka's message.max.bytes, so
   * records that each fit never make a batch Kafka refuses. @defaultValue 900_000
   */
  maxBatchBytes?: number;
  /**
   * A record Kafka refuses for itself (e.g. MESSAGE_TOO_LARGE) becomes the record returned
   * here (its dead letter), sent in its place; its caller's promise resolves once that is
   * stored. Without it, such a record is retried like any failure.
   */
  toDeadLetter?: (record: OutboundRecord, errorType: string) => OutboundRecord;
  onSent?: (records: number, ms: number) => void;
  onRetry?: (err: unknown, attempt: number) => void;
}

const recordBytes = (r: OutboundRecord) =>
  r.value.length + (r.key?.length ?? 0) + Object.entries(r.headers).reduce((n, [k, v]) => n + k.length + v.length + 8, 64);

interface Pending {
  record: OutboundRecord;
  /** When it was queued (ms): its linger counts from here. */
  at: number;
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
      this.queue.push({ record, at: Date.now(), resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.sending) return;
    if (this.queue.length >= Math.min(this.options.maxBatch, this.options.lingerRecords ?? 8)) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush();
    } else if (!this.timer) {
      // Issue 17: a produce request costs more than the records in it (a socket write, kafkajs's
      // encoding, Kafka's acks=all round and its response, and the PUBACK write it releases),
      // so the oldest record waits up to lingerMs from its arrival for company, or until
      // lingerRecords have come: the alarm path's cost is at most lingerMs.
      const wait = Math.max(0, this.options.lingerMs - (Date.now() - this.queue[0]!.at));
      this.timer = setTimeout(() => { this.timer = null; void this.flush(); }, wait);
    }
  }

  private async flush(): Promise<void> {
    if (this.sending || this.queue.length === 0) return;
    this.sending = true;
    const maxBytes = this.options.maxBatchBytes ?? 900_000;
    let bytes = 0, n = 0;
    while (n < this.queue.length && n < this.options.maxBatch) {
      const b = recordBytes(this.queue[n]!.record);
      if (n > 0 && bytes + b > maxBytes) break;
      bytes += b;
      n++;
    }
    const batch = this.queue.splice(0, n);
    const started = Date.now();
    const outcome = await this.sendWithRetry(batch.map((p) => p.record), true);
    if (outcome === 'sent') {
      this.options.onSent?.(batch.length, Date.now() - started);
      for (const p of batch) p.resolve();
    } else if (outcome === 'closed') {
      for (const p of batch) p.reject(new VitalsError('INGEST_ERR_KAFKA', 'closed before kafka acknowledged', { retriable: true }));
    } else {
      // One record (or more) is refused for itself: send them one by one, so only those go
      // to the dead-letter topic and nothing else waits behind them.
      for (const p of batch) {
        const one = await this.sendWithRetry([p.record], true);
        if (one === 'sent') { p.resolve(); continue; }
        if (one === 'closed') { p.reject(new VitalsError('INGEST_ERR_KAFKA', 'closed before kafka acknowledged', { retriable: true })); continue; }
        const dead = this.options.toDeadLetter!(p.record, one.permanent);
        this.log.warn({ topic: p.record.topic, bytes: p.record.value.length, error: one.permanent }, 'kafka refused a record; dead-lettered');
        const stored = await this.sendWithRetry([dead], false);
        if (stored === 'sent') p.resolve();
        else p.reject(new VitalsError('INGEST_ERR_KAFKA', 'closed before kafka acknowledged', { retriable: true }));
      }
      this.options.onSent?.(batch.length, Date.now() - started);
    }
    this.sending = false;
    if (this.queue.length > 0) this.schedule();
  }

  /**
   * Sends until Kafka acknowledges, the forwarder closes, or (when `mayRefuse` and a dead
   * letter can be made) Kafka refuses a record for itself. Every other error is back-pressure:
   * retried with capped backoff while the caller holds its PUBACKs.
   */
  private async sendWithRetry(records: OutboundRecord[], mayRefuse: boolean): Promise<'sent' | 'closed' | { permanent: string }> {
    const byTopic = new Map<string, TopicMessages>();
    for (const record of records) {
      let tm = byTopic.get(record.topic);
      if (!tm) { tm = { topic: record.topic, messages: [] }; byTopic.set(record.topic, tm); }
      tm.messages.push({ key: record.key, value: record.value, headers: record.headers });
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await this.producer.sendBatch({ topicMessages: [...byTopic.values()], acks: -1 });
        if (this.failing) this.log.info({ attempt }, 'kafka accepting again');
        this.failing = false;
        return 'sent';
      } catch (err) {
        if (this.closed) return 'closed';
        const type = kafkaErrorType(err);
        if (mayRefuse && this.options.toDeadLetter && type && PERMANENT_RECORD_ERRORS.has(type)) return { permanent: type };
        if (!this.failing) this.log.warn({ err, records: records.length }, 'kafka send failed; holding acks and retrying');
        this.failing = true;
        this.options.onRetry?.(err, attempt + 1);
        await sleep(backoffDelay(attempt, 200, 5_000));
      }
    }
  }

  /** Rejects what is still queued (those messages stay un-acknowledged and the broker redelivers them). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const p of this.queue.splice(0)) p.reject(new VitalsError('INGEST_ERR_KAFKA', 'forwarder closed', { retriable: true }));
  }
}
