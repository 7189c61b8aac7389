// With VITALS_TESTCONTAINERS=1 the integration suite runs against containers instead of the
// local stack: the images docker-compose.yml runs (built by `npm run docker -- build`, or the
// ones VITALS_*_IMAGE name), provisioned the same way: the init job (infra/docker/init.mjs)
// makes InfluxDB's org, bucket and tokens and the broker's dynamic-security accounts (the local
// stack's infra/local/dynsec-config.mjs: per-connection ingest accounts, registry, device pool),
// and the broker runs the local stack's config (infra/mosquitto) through the same entrypoint.
// Docker Hub's Ryuk reaper is not reachable here, so it is off and this process removes its
// own containers and network when it exits (scripts/docker.sh sweeps the label afterwards too).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GenericContainer, Network, Wait, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import { parseEnvFile } from '../../services/common/env-file.js';
import { freePort } from './free-port.js';

process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const IMAGES = {
  mosquitto: process.env.VITALS_MOSQUITTO_IMAGE || 'vitals-mosquitto:2.0.11',
  kafka: process.env.VITALS_KAFKA_IMAGE || 'vitals-kafka:4.1.2',
  influxdb: process.env.VITALS_INFLUXDB_IMAGE || 'vitals-influxdb:2.7.12',
  pipeline: process.env.VITALS_PIPELINE_IMAGE || 'vitals-pipeline:0.1.0',
};

const secret = () => randomBytes(18).toString('base64url');

const started: StartedTestContainer[] = [];
let network: StartedNetwork | undefined;
let outDir: string | undefined;

/** Synchronous, so it also runs on process exit (the test runner's --test-force-exit). */
function removeAll(): void {
  const ids = started.splice(0).map((c) => c.getId());
  if (ids.length > 0) {
    try { execFileSync('docker', ['rm', '-f', '-v', ...ids], { stdio: 'ignore' }); } catch { /* already gone */ }
  }
  if (network) {
    try { execFileSync('docker', ['network', 'rm', network.getId()], { stdio: 'ignore' }); } catch { /* already gone */ }
    network = undefined;
  }
  if (outDir) { rmSync(outDir, { recursive: true, force: true }); outDir = undefined; }
}
process.once('exit', removeAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { removeAll(); process.exit(130); });

async function start(c: GenericContainer, what: string): Promise<StartedTestContainer> {
  try {
    const s = await c.start();
    started.push(s);
    return s;
  } catch (err) {
    throw new Error(`${what}: container did not start: ${(err as Error).message}. Build the images with \`npm run docker -- build\`.`);
  }
}

export async function startContainers(): Promise<Record<string, string>> {
  const s = {
    MQTT_ADMIN_PASSWORD: secret(),
    MQTT_INGEST_PASSWORD: secret(),
    MQTT_ALERTS_PASSWORD: secret(),
    MQTT_CLINICIAN_PASSWORD: secret(),
    MQTT_REGISTRY_PASSWORD: secret(),
    MQTT_DEVICE_SECRET: secret(),
    INFLUX_ADMIN_PASSWORD: secret(),
    INFLUX_ADMIN_TOKEN: secret() + secret(),
  };
  const devicePool = '200';
  network = await new Network().start();
  // Kafka advertises the address clients on the host use, so its host port is fixed up front.
  const kafkaPort = await freePort();
  const [influx, kafka] = await Promise.all([
    start(new GenericContainer(IMAGES.influxdb).withNetwork(network).withNetworkAliases('influxdb')
      .withExposedPorts(8086).withWaitStrategy(Wait.forHealthCheck()).withStartupTimeout(120_000), 'InfluxDB'),
    start(new GenericContainer(IMAGES.kafka).withNetwork(network).withNetworkAliases('kafka')
      .withEnvironment({ KAFKA_EXTERNAL_ADDRESS: `127.0.0.1:${kafkaPort}` })
      .withExposedPorts({ container: 9094, host: kafkaPort }).withWaitStrategy(Wait.forHealthCheck()).withStartupTimeout(120_000), 'Kafka'),
  ]);
  // The init job writes into a host folder: the per-service token files and dynamic-security.json.
  outDir = mkdtempSync(join(tmpdir(), 'vitals-tc-'));
  chmodSync(outDir, 0o777); // the job runs as the image's non-root user
  await start(new GenericContainer(IMAGES.pipeline).withNetwork(network)
    .withEntrypoint(['node', '/app/infra/docker/init.mjs'])
    .withEnvironment({ ...s, INFLUX_URL: 'http://influxdb:8086', INFLUX_ORG: 'vitals', INFLUX_BUCKET: 'vitals', VITALS_DEVICE_POOL: devicePool })
    .withBindMounts([{ source: outDir, target: '/out' }])
    .withWaitStrategy(Wait.forOneShotStartup()).withStartupTimeout(120_000), 'init job (InfluxDB setup, broker accounts)');
  const token = (service: string) => parseEnvFile(readFileSync(join(outDir!, service, 'env'), 'utf8')).INFLUX_TOKEN!;
  const mosquitto = await start(new GenericContainer(IMAGES.mosquitto).withNetwork(network).withNetworkAliases('mosquitto')
    .withEntrypoint(['sh', '/vitals/entrypoint.sh'])
    .withCopyDirectoriesToContainer([{ source: join(REPO_ROOT, 'infra/mosquitto'), target: '/vitals/mosquitto' }])
    .withCopyFilesToContainer([
      { source: join(REPO_ROOT, 'infra/docker/mosquitto/entrypoint.sh'), target: '/vitals/entrypoint.sh' },
      { source: join(outDir, 'mosquitto/dynamic-security.json'), target: '/vitals/auth/dynamic-security.json' },
    ])
    .withExposedPorts(1883).withWaitStrategy(Wait.forHealthCheck()).withStartupTimeout(60_000), 'Mosquitto');
  const endpoints: Record<string, string> = {
    MQTT_URL: `mqtt://127.0.0.1:${mosquitto.getMappedPort(1883)}`,
    MQTT_ADMIN_USERNAME: 'admin',
    MQTT_ADMIN_PASSWORD: s.MQTT_ADMIN_PASSWORD,
    // No MQTT_USERNAME, as in the local stack: each ingest connection's account is its client id.
    MQTT_PASSWORD: s.MQTT_INGEST_PASSWORD,
    MQTT_ALERTS_USERNAME: 'alerts',
    MQTT_ALERTS_PASSWORD: s.MQTT_ALERTS_PASSWORD,
    MQTT_CLINICIAN_USERNAME: 'clinician',
    MQTT_CLINICIAN_PASSWORD: s.MQTT_CLINICIAN_PASSWORD,
    MQTT_REGISTRY_USERNAME: 'registry',
    MQTT_REGISTRY_PASSWORD: s.MQTT_REGISTRY_PASSWORD,
    MQTT_DEVICE_SECRET: s.MQTT_DEVICE_SECRET,
    MQTT_DEVICE_POOL: devicePool,
    KAFKA_BROKERS: `127.0.0.1:${kafka.getMappedPort(9094)}`,
    INFLUX_URL: `http://127.0.0.1:${influx.getMappedPort(8086)}`,
    // The suite makes and drops a bucket per test, as it does with the local stack's admin token.
    INFLUX_TOKEN: s.INFLUX_ADMIN_TOKEN,
    INFLUX_WRITE_TOKEN: token('writer'),
    INFLUX_READ_TOKEN: token('api'),
    INFLUX_ORG: 'vitals',
    INFLUX_BUCKET: 'vitals',
    API_CLINICIAN_TOKEN: secret(),
    API_OPERATOR_TOKEN: secret(),
  };
  // Services the tests run as child processes (test/helpers/process.ts) read their endpoints
  // from a stack file, as with the local stack: this one, removed on exit with the containers.
  const stackFile = join(outDir, 'stack.env');
  writeFileSync(stackFile, Object.entries(endpoints).map(([k, v]) => `${k}=${v}\n`).join(''), { mode: 0o600 });
  process.env.VITALS_STACK_ENV = stackFile;
  return endpoints;
}
