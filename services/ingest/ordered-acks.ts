import type { MqttClient, Packet } from 'mqtt';

export interface OrderedAcksHooks {
  /** A message's work failed while the connection lived: its PUBACK and every later one are withheld. */
  onWithheld(err: unknown): void;
  /** A PUBACK went out (or was dropped because its connection is gone): the message is no longer ours to track. */
  onSettled(receivedAt: bigint, acked: boolean): void;
}

type SendPacket = (packet: Packet, cb?: (err?: Error) => void) => void;

/**
 * Pipelined, in-order QoS 1 acknowledgement for one MQTT.js client.
 *
 * MQTT.js sends a PUBACK when `handleMessage` calls back, and reads the next packet only
 * after that PUBACK is written: one message at a time per connection, each waiting for a
 * Kafka round trip. Here `handleMessage` calls back at once, and the PUBACK that MQTT.js
 * then sends is held back until that message's work (the Kafka acknowledgement) has
 * settled, while the connection goes on reading. PUBACKs still leave in the order the
 * PUBLISHes arrived (MQTT 3.1.1 4.6.0-2), and never before the work resolved.
 *
 * In flight per connection is bounded by the broker (Mosquitto `max_inflight_messages`).
 * A PUBACK whose connection has since dropped is not sent on the new one: the broker
 * redelivers that message to the persistent session, and downstream is idempotent.
 */
export class OrderedAcks {
  /** Accepted messages whose PUBACK MQTT.js has not sent yet, by message id. */
  private readonly handoffs = new Map<number, { work: Promise<void>; receivedAt: bigint }>();
  private tail: Promise<void> = Promise.resolve();
  private withheldStream: unknown = null;
  private outstanding = 0;
  private idle: (() => void) | null = null;

  constructor(private readonly client: MqttClient, private readonly hooks: OrderedAcksHooks) {
    const c = client as unknown as { _sendPacket: SendPacket };
    const send = c._sendPacket.bind(client);
    c._sendPacket = (packet, cb) => {
      const h = packet.cmd === 'puback' && packet.messageId !== undefined ? this.handoffs.get(packet.messageId) : undefined;
      if (!h) { send(packet, cb); return; }
      this.handoffs.delete((packet as { messageId: number }).messageId);
      this.enqueue(h, () => send(packet));
      cb?.(); // lets MQTT.js read the next packet now
    };
  }

  /** Messages received and not yet acknowledged (or given up). */
  get inFlight(): number {
    return this.outstanding;
  }

  /**
   * Call from `handleMessage` for a QoS 1 PUBLISH instead of awaiting the work:
   * the PUBACK MQTT.js sends from `callback` waits for `work`.
   */
  accept(messageId: number, work: Promise<void>, callback: () => void): void {
    // Keyed by message id, so the hold also works if MQTT.js sends the PUBACK later than
    // synchronously from the callback. A stale entry (MQTT.js dropped the packet) is
    // replaced when the broker reuses the id.
    this.handoffs.set(messageId, { work, receivedAt: process.hrtime.bigint() });
    callback();
  }

  /** Resolves once every accepted message has been acknowledged or given up. */
  settled(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((r) => { this.idle = r; });
  }

  private enqueue(h: { work: Promise<void>; receivedAt: bigint }, sendAck: () => void): void {
    const stream = this.client.stream;
    this.outstanding++;
    // Settle the work eagerly so a rejection is never unhandled while it waits its turn.
    const outcome = h.work.then(() => null, (err: unknown) => ({ err }));
    this.tail = this.tail.then(async () => {
      const failed = await outcome;
      let acked = false;
      if (this.client.stream !== stream || !this.client.connected || this.withheldStream === stream) {
        // Connection gone or replaced (MQTT.js would queue the PUBACK for the next one), or an
        // earlier message on it failed: the broker redelivers it to the session.
      } else if (failed) {
        this.withheldStream = stream;
        this.hooks.onWithheld(failed.err);
      } else {
        sendAck();
        acked = true;
      }
      this.outstanding--;
      this.hooks.onSettled(h.receivedAt, acked);
      if (this.outstanding === 0 && this.idle) { const r = this.idle; this.idle = null; r(); }
    });
  }
}
