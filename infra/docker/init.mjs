/* global fetch, AbortSignal */
// The compose `init` job (and testcontainers' equivalent): provisions what infra/local/stack.sh
// provisions for the local stack, for containers, then exits.
//  1. InfluxDB: setup (org, bucket, admin token) through POST /api/v2/setup when not done yet;
//     least-privilege tokens by description, made once and reused: vitals-writer and
//     vitals-alerts (write the bucket), vitals-api (read it).
//  2. Each service's env file, in its own volume, holding only its own InfluxDB token:
//     $INIT_OUT/{writer,alerts,api}/env (the service reads it through VITALS_STACK_ENV).
//  3. Mosquitto's accounts as a dynamic-security file, $INIT_OUT/mosquitto/dynamic-security.json
//     (hashed passwords only), from infra/local/dynsec-config.mjs as the local stack makes it:
//     one ingest account per connection (vitals-ingest-1-0..7), alerts (and alerts-2 .. alerts-N
//     with MQTT_ALERTS_REPLICAS=N, each with MQTT_ALERTS_<i>_PASSWORD), clinician, telegraf,
//     the API's registry account, admin (held by no long-running service), the device pool.
//  4. With KAFKA_ADMIN_PASSWORD (compose; testcontainers' Kafka is PLAINTEXT): the Kafka ACL
//     table infra/kafka/acls.json (infra/docker/kafka-acls.mjs; SCRAM users: the kafka-init job).
// No secret is logged. Exit 0 = provisioned.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Compose gives the secrets as files (`<NAME>_FILE` under /run/secrets; none in the container's
// environment), read with the services' own module (services/common/env-file, built into dist/).
const here = dirname(fileURLToPath(import.meta.url));
const { secretsFromFiles } = await import(pathToFileURL(join(here, '../../dist/services/common/env-file.js')).href);
Object.assign(process.env, secretsFromFiles(process.env));
const env = process.env;
const OUT = env.INIT_OUT ?? '/out';
const need = (key) => {
  const v = env[key];
  if (!v) { console.error(`init: ${key} is not set (see .env, written by npm run docker -- up)`); process.exit(1); }
  return v;
};
const influxUrl = env.INFLUX_URL ?? 'http://influxdb:8086';
const org = env.INFLUX_ORG ?? 'vitals';
const bucket = env.INFLUX_BUCKET ?? 'vitals';
const adminToken = need('INFLUX_ADMIN_TOKEN');
const log = (msg, fields = {}) => console.log(JSON.stringify({ name: 'init', msg, ...fields }));

async function influx(method, path, body, token = adminToken) {
  const res = await fetch(`${influxUrl}${path}`, {
    method,
    headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`InfluxDB ${method} ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res.status === 204 ? undefined : res.json();
}

async function waitForInflux() {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await fetch(`${influxUrl}/health`, { signal: AbortSignal.timeout(3000) });
      if (res.ok) return;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { console.error(`init: InfluxDB at ${influxUrl} did not answer /health within 120 s`); process.exit(1); }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function provisionInflux() {
  await waitForInflux();
  const setup = await influx('GET', '/api/v2/setup');
  if (setup.allowed) {
    await influx('POST', '/api/v2/setup', { username: 'admin', password: need('INFLUX_ADMIN_PASSWORD'), org, bucket, token: adminToken, retentionPeriodSeconds: 0 });
    log('influxdb set up', { org, bucket });
  }
  const orgId = (await influx('GET', `/api/v2/orgs?org=${encodeURIComponent(org)}`)).orgs[0]?.id;
  const bucketId = (await influx('GET', `/api/v2/buckets?name=${encodeURIComponent(bucket)}&orgID=${orgId}`)).buckets[0]?.id;
  if (!orgId || !bucketId) throw new Error(`InfluxDB has no org ${org} or bucket ${bucket}, and setup was already done: remove the influxdb volume (npm run docker -- down)`);
  const existing = (await influx('GET', `/api/v2/authorizations?orgID=${orgId}`)).authorizations;
  const token = async (description, action) => {
    const found = existing.find((a) => a.description === description && a.status === 'active');
    if (found) return found.token;
    const made = await influx('POST', '/api/v2/authorizations', {
      orgID: orgId, description, permissions: [{ action, resource: { type: 'buckets', id: bucketId, orgID: orgId } }],
    });
    log('influxdb token made', { description, action });
    return made.token;
  };
  return {
    writer: await token('vitals-writer', 'write'),
    alerts: await token('vitals-alerts', 'write'),
    api: await token('vitals-api', 'read'),
  };
}

function writeSecret(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { mode: 0o600 });
}

const tokens = await provisionInflux();
for (const [service, token] of Object.entries(tokens)) {
  writeSecret(join(OUT, service, 'env'), `# Written by the init job (infra/docker/init.mjs): ${service}'s own InfluxDB token.\nINFLUX_TOKEN=${token}\n`);
}

// The broker's accounts: Mosquitto's dynamic-security file, written by the local stack's own
// script (infra/local/dynsec-config.mjs; secrets through the environment, never argv). This is the
// seed: the broker's entrypoint starts from it when its live file (in its data volume) is missing.
const pool = env.VITALS_DEVICE_POOL ?? '200';
const dynsecFile = join(OUT, 'mosquitto', 'dynamic-security.json');
mkdirSync(dirname(dynsecFile), { recursive: true });
execFileSync(process.execPath, [join(here, '../local/dynsec-config.mjs'), dynsecFile, pool], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...env,
    MQTT_ADMIN_PASSWORD: need('MQTT_ADMIN_PASSWORD'),
    MQTT_INGEST_PASSWORD: need('MQTT_INGEST_PASSWORD'),
    MQTT_ALERTS_PASSWORD: need('MQTT_ALERTS_PASSWORD'),
    MQTT_CLINICIAN_PASSWORD: need('MQTT_CLINICIAN_PASSWORD'),
    MQTT_REGISTRY_PASSWORD: need('MQTT_REGISTRY_PASSWORD'),
    MQTT_DEVICE_SECRET: need('MQTT_DEVICE_SECRET'),
    // Alert-worker replicas 2..N, each its own account (compose: alerts-2; issue 17).
    ...Object.fromEntries(Array.from({ length: Math.max(0, Number(env.MQTT_ALERTS_REPLICAS || 1) - 1) }, (_, i) => [`MQTT_ALERTS_${i + 2}_PASSWORD`, need(`MQTT_ALERTS_${i + 2}_PASSWORD`)])),
  },
});
if (env.KAFKA_ADMIN_PASSWORD) {
  const { applyKafkaAcls } = await import('./kafka-acls.mjs');
  await applyKafkaAcls(env, log, join(here, '../..'));
}
log('provisioned', { services: Object.keys(tokens), mqttDevices: Number(pool), kafkaAcls: Boolean(env.KAFKA_ADMIN_PASSWORD) });
