import type { TestContext } from 'node:test';
import { InfluxDB } from '@influxdata/influxdb-client';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { PatientBoundOptions } from '../../services/common/patient-bound.js';
import { createAlertWorker, type AlertWorker } from '../../services/alerts/app.js';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig } from '../../services/alerts/engine.js';
import { DEFAULT_RULES } from '../../services/alerts/limits.js';
import { buildApi, type ApiDeps, type ApiOptions } from '../../services/api/app.js';
import { createDeviceRegistry } from '../../services/api/device-registry.js';
import { createDynsec, type Dynsec } from '../../services/common/dynsec.js';
import { createLiveView, type LiveView } from '../../services/api/live-view.js';
import { createInfluxWriter } from '../../services/common/influx-writer.js';
import { alertsMqtt } from './alert-worker.js';
import { startPipeline, type Pipeline } from './pipeline.js';
import { uid } from './stack.js';

export interface FullStack {
  p: Pipeline;
  worker: AlertWorker;
  api: FastifyInstance;
  url: string;
  tokens: { clinician: string; operator: string };
  commandsTopic: string;
  /** The broker's dynamic-security control, when started with `registry: true`. */
  dynsec?: Dynsec;
  view: LiveView;
}

const quiet = () => pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** Ingest, writer, alert worker and API in-process on one unique topic set and bucket. */
export async function startFull(t: TestContext, opts: { inactivityMs?: number; engine?: Partial<EngineConfig>; api?: Partial<ApiOptions>; registry?: boolean; bound?: Partial<PatientBoundOptions>; apiDeps?: (p: Pipeline) => Promise<Partial<ApiDeps>> } = {}): Promise<FullStack> {
  const p = await startPipeline(t);
  // Groups named as the ACL rows granted for this pipeline expect (test/helpers/kafka-acl.ts).
  const id = p.id;
  const commandsTopic = `${p.topics.alerts}.commands`;
  const mqttClient = await alertsMqtt(p);
  const worker = createAlertWorker({
    kafka: p.kafkaAs('alerts'),
    log: quiet(),
    mqtt: mqttClient,
    influx: createInfluxWriter({ url: p.s.influx.url, token: p.s.influx.token, org: p.s.influx.org, bucket: p.bucket }),
    options: {
      groupId: `${id}-alerts`,
      topics: { vitals: p.topics.vitals, status: p.topics.status, commands: commandsTopic, state: `${p.topics.alerts}.state`, alerts: p.topics.alerts },
      partitions: 3,
      tickMs: 500,
      engine: { ...DEFAULT_ENGINE_CONFIG, rules: DEFAULT_RULES, inactivityMs: opts.inactivityMs ?? 45_000, ...opts.engine },
      ...(opts.bound ? { patientBound: opts.bound } : {}),
    },
  });
  p.cleanup(() => worker.stop());
  await worker.start();
  const apiKafka = p.kafkaAs('api');
  const apiRegistry = new Registry();
  const view = createLiveView({ registry: apiRegistry, ...(opts.bound ? { bound: opts.bound } : {}), kafka: apiKafka, log: quiet(), topics: { alerts: p.topics.alerts, status: p.topics.status, commands: commandsTopic, vitals: p.topics.vitals, state: `${p.topics.alerts}.state` }, instanceId: `${id}-api` });
  p.cleanup(() => view.stop());
  await view.start();
  const producer = apiKafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  p.cleanup(() => producer.disconnect());
  await producer.connect();
  const tokens = { clinician: `clin-${uid('tok')}-0123456789`, operator: `oper-${uid('tok')}-0123456789` };
  let dynsec: Dynsec | undefined;
  if (opts.registry) {
    dynsec = await createDynsec({ url: p.s.mqttUrl, username: p.s.env.MQTT_REGISTRY_USERNAME ?? 'registry', password: p.s.env.MQTT_REGISTRY_PASSWORD ?? '' });
    const d = dynsec;
    p.cleanup(() => d.close());
  }
  const api = buildApi({
    log: quiet(),
    registry: apiRegistry,
    ...(dynsec ? { devices: createDeviceRegistry(dynsec) } : {}),
    view,
    producer,
    patients: { registry: p.patients, store: p.store },
    query: new InfluxDB({ url: p.s.influx.url, token: p.s.influx.token }).getQueryApi(p.s.influx.org),
    options: { bucket: p.bucket, tokens: { clinician: [tokens.clinician], operator: [tokens.operator] }, commandsTopic, news2FreshMs: 300_000, ...opts.api },
    // Extra dependencies (audit trail, ward lookup, people's accounts, a capturing logger).
    ...(opts.apiDeps ? await opts.apiDeps(p) : {}),
  });
  p.cleanup(() => api.close());
  const url = await api.listen({ host: '127.0.0.1', port: 0 });
  return { p, worker, api, url, tokens, commandsTopic, view, ...(dynsec ? { dynsec } : {}) };
}
