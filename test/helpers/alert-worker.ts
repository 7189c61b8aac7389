// An in-process alert worker on a pipeline's topics (test/helpers/pipeline.ts), as the
// integration tests of alerts and alarms run it, and the clinicians' command as the API sends it.
import mqtt from 'mqtt';
import { pino } from 'pino';
import { createAlertWorker, type AlertWorker } from '../../services/alerts/app.js';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig } from '../../services/alerts/engine.js';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import { encodeCommand, type AlertCommand } from '../../services/common/alert-contract-commands.js';
import { createInfluxWriter } from '../../services/common/influx-writer.js';
import { replicaAccounts } from './mqtt-accounts.js';
import type { Pipeline } from './pipeline.js';

/**
 * Connects an in-process alert worker to the broker on an account of its own (role `alerts`,
 * bound to a client id under the pipeline's id), removed with the pipeline. On the stack's one
 * `alerts` account, two workers of tests running side by side would take over each other's
 * connection (one client id), and MQTT deliveries would fail.
 */
export async function alertsMqtt(p: Pipeline): Promise<mqtt.MqttClient> {
  const id = `${p.id}-alerts-${Math.random().toString(36).slice(2, 8)}`;
  const password = p.s.env.MQTT_ALERTS_PASSWORD!;
  const removeAccount = await replicaAccounts(p.s, 'alerts', [id], password);
  p.cleanup(removeAccount);
  const client = await mqtt.connectAsync(p.s.mqttUrl, { username: id, password, clientId: id, protocolVersion: 4 });
  p.cleanup(() => client.endAsync());
  return client;
}

/** A command with the author and time optional (the helper fills them in). */
export type TestCommand = AlertCommand extends infer C ? (C extends AlertCommand ? Omit<C, 'at' | 'by'> & { at?: number; by?: string } : never) : never;

export interface TestAlertWorker {
  worker: AlertWorker;
  /** A clinician's command (acknowledge, resolve, ...) on the commands topic, acks = all; `at` and `by` default to now and 'nurse-test'. */
  command(cmd: TestCommand): Promise<unknown>;
}

/** Starts the worker (stopped with the pipeline) on `${alerts}.commands` and `${alerts}.state`. */
export async function startAlertWorker(p: Pipeline, opts: {
  groupId: string;
  /** ms. */
  tickMs: number;
  engine?: Partial<EngineConfig>;
  webhookUrl?: string | undefined;
}): Promise<TestAlertWorker> {
  const commands = `${p.topics.alerts}.commands`;
  const mqttClient = await alertsMqtt(p);
  const worker = createAlertWorker({
    kafka: p.kafka,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    mqtt: mqttClient,
    influx: createInfluxWriter({ url: p.s.influx.url, token: p.s.influx.token, org: p.s.influx.org, bucket: p.bucket }),
    options: {
      groupId: opts.groupId,
      topics: { vitals: p.topics.vitals, status: p.topics.status, commands, state: `${p.topics.alerts}.state`, alerts: p.topics.alerts },
      partitions: 3,
      tickMs: opts.tickMs,
      webhookUrl: opts.webhookUrl,
      engine: { ...DEFAULT_ENGINE_CONFIG, rules: DEFAULT_RULES, ...opts.engine },
    },
  });
  p.cleanup(() => worker.stop());
  await worker.start();
  const producer = p.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  p.cleanup(() => producer.disconnect());
  await producer.connect();
  /** A clinician's command, as the API sends it (vitals.v1.AlertCommand, acks = all on the commands topic). */
  const command = (cmd: TestCommand) =>
    producer.send({ topic: commands, acks: -1, messages: [{ key: cmd.patientId, value: encodeCommand({ at: Date.now(), by: 'nurse-test', ...cmd } as AlertCommand) }] });
  return { worker, command };
}
