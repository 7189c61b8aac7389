/**
 * Per-device limits at the ingest (issue 16): a message rate (token bucket) and a cap on
 * the distinct patient ids one device may name within a window, until patient ids come
 * from the registry. Bounded: at most `maxDevices` devices tracked, least recently seen
 * forgotten first (a forgotten device starts afresh, which only ever loosens a limit).
 * Per ingest process: with N replicas sharing a subscription a device gets up to N times.
 *
 * Telemetry is metered on the device's own clock (sent_at), not on arrival: after an
 * outage the broker delivers a device's backlog at once, and those acknowledged readings
 * must not be refused for arriving together. A device cannot buy credit by lying: its
 * clock only counts forward, at most to the ingest's now + max future skew (validated),
 * and at first sight from no earlier than `backlogMs` ago. Status messages (rare; a Last
 * Will carries an old time) are metered on arrival, in their own bucket.
 *
 * A QoS 1 redelivery is not the device's doing and is never metered (issue 17): under broker
 * stress the ingest's connection dropped with messages in flight, the broker redelivered
 * them, and counting each copy again dead-lettered well-behaved devices as flooding. Two
 * kinds: the broker's own (DUP set on the delivery to the ingest; a broker does not pass a
 * publisher's DUP on, MQTT 3.1.1 3.3.1.1, so a device cannot set it), and a device's resend
 * of a batch this process already accepted (same sequence and sent-at; its PUBACK was lost),
 * free at most `freeRepeats` times per batch so replaying one batch is still a flood.
 */
export interface DeviceLimitOptions {
  /** Sustained messages per second per device. @defaultValue 20 */
  ratePerS: number;
  /** Messages a device may send at once above the rate. @defaultValue 200 */
  burst: number;
  /** Distinct patient ids per device within `patientWindowMs`. @defaultValue 4 */
  maxPatients: number;
  /** @defaultValue 86_400_000 (ms, 1 day) */
  patientWindowMs: number;
  /** @defaultValue 100_000 */
  maxDevices: number;
  /** How far back a device's clock may start when first seen (a backlog after an outage). @defaultValue 3_600_000 (ms) */
  backlogMs?: number;
}

/** Batches remembered per device as accepted (resends of them are not metered). */
const REMEMBERED_BATCHES = 64;
/** Resends of one accepted batch that are not metered. */
const FREE_REPEATS = 2;

/** How a telemetry message came: `brokerRedelivery` is the MQTT DUP flag of the delivery to the ingest. */
export interface Delivery { sequence: number; brokerRedelivery: boolean }

export const DEFAULT_DEVICE_LIMITS: DeviceLimitOptions = { ratePerS: 20, burst: 200, maxPatients: 4, patientWindowMs: 86_400_000, maxDevices: 100_000, backlogMs: 3_600_000 };

interface Bucket { tokens: number; clock: number }
interface Track { telemetry: Bucket | null; status: Bucket | null; patients: Map<string, number>; accepted: Map<string, number> }

export type LimitVerdict = { reason: 'INGEST_ERR_RATE' | 'INGEST_ERR_PATIENT_LIMIT'; detail: string } | null;

export class DeviceLimits {
  private readonly devices = new Map<string, Track>();

  constructor(private readonly o: DeviceLimitOptions) {}

  get size(): number {
    return this.devices.size;
  }

  private track(deviceId: string): Track {
    let t = this.devices.get(deviceId);
    if (t) this.devices.delete(deviceId); // re-inserted below: Map order is recency
    else {
      if (this.devices.size >= this.o.maxDevices) this.devices.delete(this.devices.keys().next().value!);
      t = { telemetry: null, status: null, patients: new Map(), accepted: new Map() };
    }
    this.devices.set(deviceId, t);
    return t;
  }

  private take(b: Bucket, clock: number): boolean {
    if (clock > b.clock) {
      b.tokens = Math.min(this.o.burst, b.tokens + ((clock - b.clock) / 1000) * this.o.ratePerS);
      b.clock = clock;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private refused(): LimitVerdict {
    return { reason: 'INGEST_ERR_RATE', detail: `device over ${this.o.ratePerS} messages/s (burst ${this.o.burst})` };
  }

  /** Whether this delivery is a redelivery (not metered); a device's resend uses up one free repeat. */
  private redelivery(t: Track, sentAtMs: number, delivery: Delivery | undefined): boolean {
    if (!delivery) return false;
    if (delivery.brokerRedelivery) return true;
    const key = `${delivery.sequence}@${sentAtMs}`;
    const left = t.accepted.get(key);
    if (left === undefined || left <= 0) return false;
    t.accepted.set(key, left - 1);
    return true;
  }

  private remember(t: Track, sentAtMs: number, delivery: Delivery | undefined): void {
    if (!delivery) return;
    const key = `${delivery.sequence}@${sentAtMs}`;
    if (t.accepted.has(key)) return;
    if (t.accepted.size >= REMEMBERED_BATCHES) t.accepted.delete(t.accepted.keys().next().value!);
    t.accepted.set(key, FREE_REPEATS);
  }

  /**
   * A telemetry batch: `sentAtMs` is the device's clock (validated), `now` the ingest's;
   * `delivery` says whether it is a redelivery (then it takes no token).
   */
  telemetry(deviceId: string, patientId: string, sentAtMs: number, now: number, delivery?: Delivery): LimitVerdict {
    const t = this.track(deviceId);
    t.telemetry ??= { tokens: this.o.burst, clock: Math.max(sentAtMs, now - (this.o.backlogMs ?? 3_600_000)) };
    if (!this.redelivery(t, sentAtMs, delivery) && !this.take(t.telemetry, sentAtMs)) return this.refused();
    for (const [p, seen] of t.patients) if (now - seen > this.o.patientWindowMs) t.patients.delete(p);
    if (!t.patients.has(patientId) && t.patients.size >= this.o.maxPatients) {
      return { reason: 'INGEST_ERR_PATIENT_LIMIT', detail: `device named more than ${this.o.maxPatients} patient ids within ${this.o.patientWindowMs} ms` };
    }
    t.patients.set(patientId, now);
    this.remember(t, sentAtMs, delivery);
    return null;
  }

  /** A status message, metered on arrival; the broker's redelivery (DUP) takes no token. */
  status(deviceId: string, now: number, brokerRedelivery = false): LimitVerdict {
    const t = this.track(deviceId);
    t.status ??= { tokens: this.o.burst, clock: now };
    return brokerRedelivery || this.take(t.status, now) ? null : this.refused();
  }
}
