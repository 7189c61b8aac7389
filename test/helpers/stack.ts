// Before kafkajs: the services' kafkajs patches (pooled Encoder first), so in-process services
// and the tests' own clients run the kafkajs production runs.
import { patchKafkajs } from '../../services/common/kafka.js';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { loadEnv } from '../../services/common/env-file.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const STACK_ENV_FILE = process.env.VITALS_STACK_ENV ?? `${REPO_ROOT}.stack/env`;

export interface StackEndpoints {
  env: Record<string, string | undefined>;
  mqttUrl: string;
  mqttAdmin: { username: string; password: string };
  kafkaBrokers: string[];
  influx: { url: string; token: string; org: string; bucket: string };
}

function need(env: Record<string, string | undefined>, key: string, service: string): string {
  const v = env[key];
  if (!v) {
    throw new Error(
      `${service} is not configured: ${key} is missing. Start the local stack with \`npm run stack -- up\` ` +
        `(writes ${STACK_ENV_FILE}), export the endpoint variables, or run with VITALS_TESTCONTAINERS=1 on a Docker engine (npm run docker -- build).`,
    );
  }
  return v;
}

async function reachable(service: string, hostPort: string): Promise<void> {
  const [host, portText] = hostPort.split(':') as [string, string];
  await new Promise<void>((resolve, reject) => {
    const sock = net.connect({ host, port: Number(portText) });
    sock.setTimeout(3000);
    sock.once('connect', () => { sock.destroy(); resolve(); });
    sock.once('timeout', () => { sock.destroy(); reject(new Error(`${service} at ${hostPort} did not answer (timeout)`)); });
    sock.once('error', (err) => reject(new Error(`${service} at ${hostPort} is unreachable: ${err.message}. Is the stack up? (npm run stack -- up)`)));
  });
}

let cached: Promise<StackEndpoints> | undefined;

/**
 * Endpoints of the real MQTT broker, Kafka and InfluxDB: from the environment or the
 * local stack file. Never skips: a missing service fails the test with its name.
 */
export function stack(): Promise<StackEndpoints> {
  cached ??= (async () => {
    let env: Record<string, string | undefined>;
    if (process.env.VITALS_TESTCONTAINERS === '1') {
      // Containers only: neither the stack file nor endpoint variables in the environment.
      const { startContainers } = await import('./containers.js');
      env = { ...process.env, ...(await startContainers()) };
    } else {
      env = loadEnv(process.env, STACK_ENV_FILE);
    }
    const mqttUrl = need(env, 'MQTT_URL', 'MQTT broker (Mosquitto)');
    const kafkaBrokers = need(env, 'KAFKA_BROKERS', 'Kafka').split(',');
    const influxUrl = need(env, 'INFLUX_URL', 'InfluxDB');
    const u = new URL(mqttUrl);
    await reachable('MQTT broker (Mosquitto)', `${u.hostname}:${u.port || 1883}`);
    await reachable('Kafka', kafkaBrokers[0]!);
    const iu = new URL(influxUrl);
    await reachable('InfluxDB', `${iu.hostname}:${iu.port || 8086}`);
    return {
      env,
      mqttUrl,
      mqttAdmin: { username: need(env, 'MQTT_ADMIN_USERNAME', 'MQTT broker (Mosquitto)'), password: need(env, 'MQTT_ADMIN_PASSWORD', 'MQTT broker (Mosquitto)') },
      kafkaBrokers,
      influx: {
        url: influxUrl,
        token: need(env, 'INFLUX_TOKEN', 'InfluxDB'),
        org: need(env, 'INFLUX_ORG', 'InfluxDB'),
        bucket: need(env, 'INFLUX_BUCKET', 'InfluxDB'),
      },
    };
  })();
  return cached;
}

export const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * A kafkajs client as one of the stack's Kafka principals (issue 16): `admin` (test setup and
 * cleanup) or a service's (ingest, writer, alerts, api), with its SCRAM password from the stack
 * file. Without credentials in the stack file (the compose Kafka), no SASL.
 */
export function kafkaFor(s: StackEndpoints, clientId: string, principal = 'admin', extra: Partial<KafkaConfig> = {}): Kafka {
  patchKafkajs();
  return new Kafka({ clientId, brokers: s.kafkaBrokers, logLevel: logLevel.NOTHING, ...kafkaSasl(s, principal), ...extra });
}

/** The `sasl` option of a principal, or nothing when the stack has no Kafka credentials. */
export function kafkaSasl(s: StackEndpoints, principal = 'admin'): Pick<KafkaConfig, 'sasl'> {
  const password = s.env[`KAFKA_${principal.toUpperCase()}_PASSWORD`];
  if (!s.env.KAFKA_ADMIN_PASSWORD) return {};
  if (!password) throw new Error(`Kafka principal ${principal} has no password in the stack file (KAFKA_${principal.toUpperCase()}_PASSWORD); run npm run stack -- up`);
  return { sasl: { mechanism: 'scram-sha-512', username: principal, password } };
}
