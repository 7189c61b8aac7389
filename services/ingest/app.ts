// The ingest: MQTT (QoS 1, persistent session) -> validation, per-device limits and patient
// attribution -> Kafka, with the PUBACK held until Kafka has the record; bad input goes to the
// dead-letter topic with its reason. Connection behaviour: mqtt-link.ts; size check: sizes.ts.
import type { Kafka, Producer } from 'kafkajs';
import type { MqttClient } from 'mqtt';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { collectProcessMetrics } from '../common/process-metrics.js';
import { deadLetterCopy, RECORD_OVERHEAD_BYTES } from '../common/dead-letter.js';
import { DEFAULT_RETENTION, ensureTopics, maxMessageBytes, retentionConfig } from '../common/kafka.js';
import type { Logger } from '../common/logger.js';
import { connectMqtt } from '../common/mqtt.js';
import { MQTT_STATUS_FILTER, MQTT_TELEMETRY_FILTER, sharedFilter } from '../common/topics.js';
import type { ValidationLimits } from '../common/validate.js';
import type { PatientRegistry } from '../common/patient-registry.js';
import { attribute } from './attribute.js';
import { classify, rejectAs, type KafkaTopics } from './classify.js';
import { DEFAULT_DEVICE_LIMITS, DeviceLimits, type DeviceLimitOptions } from './device-limits.js';
import { KafkaForwarder } from './kafka-forwarder.js';
import { closeMqtt, keepAliveWhileReceiving } from './mqtt-link.js';
import { OrderedAcks } from './ordered-acks.js';
import { checkSizes } from './sizes.js';

export interface IngestOptions {
  mqtt: { url: string; username?: string | undefined; password?: string | undefined; caFile?: string | undefined };
  /** Fixed client id prefix: the broker keeps one persistent session per connection. */
  clientId: string;
  /** Parallel MQTT connections (only with 'shared'); each pipelines up to the broker's max_inflight_messages. */
  connections: number;
  /**
   * 'shared': `$share/{shareGroup}/...` so several connections and replicas split the load.
   * 'exclusive': one connection with a plain persistent subscription. Mosquitto (2.0.11 and
   * 2.0.21) does not restore shared subscriptions from persistence after a broker restart
   * (checked in test/faults), so until the ingest resubscribes, readings the broker acknowledged are
   * dropped; a plain subscription is restored. Exclusive is the safe default on Mosquitto.
   */
  subscription: 'shared' | 'exclusive';
  shareGroup: string;
  keepaliveS: number;
  topics: KafkaTopics;
  partitions: number;
  limits: ValidationLimits;
  /** Longest wait of a record for company in a produce request (ms); see ForwarderOptions. */
  lingerMs: number;
  /** A batch of this many records goes without waiting out the linger. @defaultValue 8 */
  lingerRecords?: number | undefined;
  maxBatch: number;
  /**
   * The broker's max_packet_size (bytes), when known: checked at start against the payload
   * limit, as Kafka's max.message.bytes is against the largest record the ingest produces.
   */
  mqttMaxPacketBytes?: number | undefined;
  /** Retention of the topics the ingest creates. @defaultValue 7 days, 8 GiB per partition */
  retention?: { ms: number; bytes: number };
  /** Per-device message rate and distinct-patient cap. @defaultValue DEFAULT_DEVICE_LIMITS */
  deviceLimits?: DeviceLimitOptions;
}

export interface IngestDeps {
  options: IngestOptions;
  kafka: Kafka;
  log: Logger;
  /** Patients and assignments: loaded before the ingest subscribes; attributes every reading. */
  patients: PatientRegistry;
  registry?: Registry;
  now?: () => number;
}

export interface Ingest {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Reasons the ingest is not ready; empty when ready. */
  readiness(): string[];
  registry: Registry;
}

export function createIngest({ options, kafka, log, patients, registry = new Registry(), now = Date.now }: IngestDeps): Ingest {
  collectProcessMetrics(registry, 'vitals_ingest_');
  const messages = new Counter({ name: 'vitals_ingest_messages_total', help: 'MQTT messages handled, by result', labelNames: ['result'], registers: [registry] });
  // One child per result, resolved once: a labelled inc() hashes its labels on every message.
  const messagesBy = { vitals: messages.labels('vitals'), status: messages.labels('status'), 'dead-letter': messages.labels('dead-letter') };
  const rejected = new Counter({ name: 'vitals_ingest_rejected_total', help: 'Messages dead-lettered, by reason', labelNames: ['reason'], registers: [registry] });
  const samples = new Counter({ name: 'vitals_ingest_samples_total', help: 'Samples forwarded to Kafka', registers: [registry] });
  const inflight = new Gauge({ name: 'vitals_ingest_inflight_messages', help: 'Messages received and not yet acknowledged to the broker', registers: [registry] });
  const backpressure = new Gauge({ name: 'vitals_ingest_backpressure', help: '1 while Kafka is not acknowledging and acks are held', registers: [registry] });
  const retries = new Counter({ name: 'vitals_ingest_kafka_retries_total', help: 'Kafka batch send retries', registers: [registry] });
  const sendSeconds = new Histogram({ name: 'vitals_ingest_kafka_send_seconds', help: 'Kafka batch send time (acks=all)', buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers: [registry] });
  const unassigned = new Counter({ name: 'vitals_ingest_unassigned_samples_total', help: 'Samples of devices with no assignment at their measured time (stored under the device only)', registers: [registry] });
  const redelivered = new Counter({ name: 'vitals_ingest_redeliveries_total', help: 'QoS 1 messages the broker redelivered (DUP set); not metered by the per-device limits', registers: [registry] });
  const ackSeconds = new Histogram({ name: 'vitals_ingest_ack_seconds', help: 'MQTT receive to PUBACK', buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers: [registry] });

  const deviceLimits = new DeviceLimits(options.deviceLimits ?? DEFAULT_DEVICE_LIMITS);
  new Gauge({ name: 'vitals_ingest_tracked_devices', help: 'Devices tracked for the per-device limits (bounded)', registers: [registry], collect() { this.set(deviceLimits.size); } });
  let producer: Producer | null = null;
  let forwarder: KafkaForwarder | null = null;
  const clients: MqttClient[] = [];
  const acks: OrderedAcks[] = [];
  let stopping = false;

  /** `dup`: the broker's DUP flag, i.e. it redelivers a message this session was sent before (issue 17: not metered). */
  async function handle(topic: string, payload: Buffer, retained: boolean, qos: number, dup: boolean): Promise<void> {
    let c = classify(topic, payload, now(), options.topics, options.limits, retained, qos);
    if (dup) redelivered.inc();
    if (c.kind !== 'dead-letter') {
      const over = c.kind === 'vitals'
        ? deviceLimits.telemetry(c.deviceId, c.patientId, c.sentAtMs, now(), { sequence: c.sequence, brokerRedelivery: dup })
        : deviceLimits.status(c.deviceId, now(), dup);
      if (over) c = rejectAs(c, payload, over.reason, over.detail, options.topics.deadLetter, options.limits.deadLetterCopyBytes);
    }
    // Decided here, before the PUBACK: the registry says whose readings these are.
    const d = attribute(c, payload, patients.assignmentAt, now(), options.topics.deadLetter, options.limits.deadLetterCopyBytes);
    c = d.classified;
    if (d.unassignedSamples > 0) unassigned.inc(d.unassignedSamples);
    if (c.kind === 'dead-letter') {
      rejected.inc({ reason: c.reason });
      // No detail here: it can hold a reading's value (patient data); it is in the dead-letter record.
      log.warn({ deviceId: c.deviceId, reason: c.reason, bytes: payload.length }, 'message dead-lettered');
    }
    await Promise.all(d.records.map((r) => forwarder!.send(r)));
    messagesBy[c.kind].inc();
    if (c.kind === 'vitals') samples.inc(c.samples);
  }

  async function connectOne(index: number): Promise<MqttClient> {
    const client = await connectMqtt({
      url: options.mqtt.url,
      caFile: options.mqtt.caFile,
      // Without a username, each connection's account is its own client id (issue 15: the
      // broker binds an account to one client id, so nobody else can take over this session).
      username: options.mqtt.username ?? `${options.clientId}-${index}`,
      ...(options.mqtt.password ? { password: options.mqtt.password } : {}),
      clientId: `${options.clientId}-${index}`,
      clean: false,
      keepalive: options.keepaliveS,
      setup: (c) => {
        const ordered = new OrderedAcks(c, {
          onWithheld: (err) => {
            if (stopping) return;
            // Cannot happen while the forwarder retries forever; if it does, reconnect so
            // the broker redelivers everything not yet acknowledged.
            log.error({ err, connection: index }, 'message failed; reconnecting for redelivery');
            c.stream.destroy();
          },
          onSettled: (receivedAt, acked) => {
            inflight.dec();
            if (acked) ackSeconds.observe(Number(process.hrtime.bigint() - receivedAt) / 1e9);
          },
        });
        acks.push(ordered);
        keepAliveWhileReceiving(c, options.keepaliveS);
        c.handleMessage = (packet, callback) => {
          if (packet.cmd !== 'publish') return callback();
          if (stopping) return; // never acknowledged: the broker redelivers it to the session later
          const work = handle(packet.topic, packet.payload as Buffer, packet.retain, packet.qos, packet.dup);
          if (packet.qos !== 1) {
            // QoS 0 (dead-lettered as INGEST_ERR_QOS) has no PUBACK; QoS 2's PUBCOMP is not
            // ordered here: both finish before the next packet is read, as MQTT.js does by default.
            work.then(() => callback(), (err: unknown) => log.warn({ err }, 'message left unacknowledged for redelivery'));
            return;
          }
          inflight.inc();
          ordered.accept(packet.messageId!, work, callback);
        };
      },
    });
    client.on('error', (err) => log.warn({ err, connection: index }, 'mqtt error'));
    client.on('offline', () => { if (!stopping) log.warn({ connection: index }, 'mqtt offline; reconnecting'); });
    const filters = options.subscription === 'shared'
      ? { [sharedFilter(options.shareGroup, MQTT_TELEMETRY_FILTER)]: { qos: 1 as const }, [sharedFilter(options.shareGroup, MQTT_STATUS_FILTER)]: { qos: 1 as const } }
      : { [MQTT_TELEMETRY_FILTER]: { qos: 1 as const }, [MQTT_STATUS_FILTER]: { qos: 1 as const } };
    // Subscribe again on every reconnect: MQTT.js skips it when the broker reports a session,
    // but a broker may restore the session without its shared subscriptions.
    client.on('connect', () => {
      log.info({ connection: index }, 'mqtt connected');
      client.subscribeAsync(filters).catch((err: unknown) => log.error({ err, connection: index }, 'mqtt resubscribe failed'));
    });
    await client.subscribeAsync(filters);
    return client;
  }

  // MQTT 3.1.1 4.3.2: the receiver owns a QoS 1 message once it sends PUBACK, so the
  // PUBACK waits until Kafka has the record; OrderedAcks lets the connection read on meanwhile.

  return {
    registry,
    async start() {
      // The registry first: no message is taken (or acknowledged) before it is complete.
      await patients.start();
      const admin = kafka.admin();
      await admin.connect();
      let kafkaMax: number;
      const all = [options.topics.vitals, options.topics.status, options.topics.deadLetter];
      try {
        await ensureTopics(admin, all, options.partitions, retentionConfig(options.retention ?? DEFAULT_RETENTION));
        kafkaMax = await maxMessageBytes(admin, all);
      } finally {
        await admin.disconnect();
      }
      checkSizes(options, kafkaMax, log);
      producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      forwarder = new KafkaForwarder(producer, log, {
        lingerMs: options.lingerMs,
        ...(options.lingerRecords !== undefined ? { lingerRecords: options.lingerRecords } : {}),
        maxBatch: options.maxBatch,
        maxBatchBytes: kafkaMax - RECORD_OVERHEAD_BYTES,
        toDeadLetter: (record, errorType) => {
          rejected.inc({ reason: 'INGEST_ERR_KAFKA_REFUSED' });
          const copy = deadLetterCopy(record.value, options.limits.deadLetterCopyBytes);
          return {
            topic: options.topics.deadLetter,
            key: record.headers['device-id'] ?? null,
            value: copy.value,
            headers: { ...record.headers, reason: 'INGEST_ERR_KAFKA_REFUSED', detail: `kafka refused the record (${errorType}) for ${record.topic}`, ...copy.headers },
          };
        },
        onSent: (_n, ms) => { sendSeconds.observe(ms / 1000); backpressure.set(0); },
        onRetry: () => { retries.inc(); backpressure.set(1); },
      });
      // In parallel: a resumed session delivers its backlog right after CONNACK, before our
      // SUBACK, so connecting one by one would drain each backlog serially first.
      const n = options.subscription === 'shared' ? options.connections : 1;
      clients.push(...await Promise.all(Array.from({ length: n }, (_, i) => connectOne(i))));
      log.info({ connections: clients.length, subscription: options.subscription, group: options.shareGroup }, 'ingest started');
    },
    readiness() {
      const problems: string[] = [];
      if (!forwarder) problems.push('not started');
      if (!patients.loaded()) problems.push('patient registry loading');
      if (forwarder?.degraded) problems.push('kafka not acknowledging (back-pressure)');
      const down = clients.filter((c) => !c.connected).length;
      if (down > 0) problems.push(`${down} of ${clients.length} mqtt connections down`);
      if (stopping) problems.push('stopping');
      return problems;
    },
    async stop() {
      stopping = true;
      // Drain: let messages already taken reach Kafka and be acknowledged (bounded wait).
      await Promise.race([Promise.all(acks.map((a) => a.settled())), new Promise((r) => setTimeout(r, 10_000))]);
      await Promise.all(clients.map(closeMqtt));
      forwarder?.close();
      await producer?.disconnect();
      await patients.stop();
      log.info({}, 'ingest stopped');
    },
  };
}
