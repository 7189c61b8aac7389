// Composition root of `vitals start` (npm start): the whole pipeline on one machine. Brings the
// local stack up, runs ingest, writer, alert worker and API (plus a demo fleet) as supervised
// child processes, prints where everything is, and stops it all in order on Ctrl-C / SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseEnvFile } from '../common/env-file.js';
import { demoScenarioSummary, demoSimulatorArgs, writeDeviceExample } from './demo.js';
import { createLogStream } from './log-stream.js';
import { createSupervisor, type ChildSpec } from './supervisor.js';
import { SERVICE_NODE_ARGS } from '../common/node-args.js';

const USAGE = `usage: vitals start [--no-demo] [--devices N] [--alerts N] [--shards N] [--port PORT] [--keep-stack]
  --no-demo      do not start the simulated demo fleet
  --devices N    demo fleet size (default 12, at most 150)
  --alerts N     alert-worker replicas, each on its own MQTT account (default 1, at most the stack's MQTT_ALERTS_REPLICAS)
  --shards N     MQTT brokers (device shards, docs/scaling.md), one exclusive ingest each (default 1, at most 9)
  --port PORT    dashboard/API port (default: API_PORT or 8080; a free one if that is taken)
  --keep-stack   leave Mosquitto, Kafka and InfluxDB running on exit (default: stop them if this started them)`;

/** Stop order; `ingests` is every shard's ingest, `alerts` every alert-worker replica (alerts, alerts-2 ...). */
const stopOrder = (ingests: string[], alerts: string[]) => [['simulator'], ingests, ['writer', ...alerts], ['api']];
/** Shard i's ingest, named after its env file (infra/local/stack.sh): ingest (shard 1), ingest-2 ... */
const ingestOfShard = (i: number) => (i === 1 ? 'ingest' : `ingest-${i}`);
/** Replica i's name, its env file's and its MQTT account's (infra/local/stack.sh): alerts, alerts-2 ... */
const alertsReplica = (i: number) => (i === 1 ? 'alerts' : `alerts-${i}`);

/** Runs infra/local/stack.sh with `args` (its progress to stderr). */
const stackSh = (root: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync('bash', [join(root, 'infra/local/stack.sh'), ...args], { stdio: ['ignore', 'ignore', 'inherit'], env });

/** The checkout (or installed package) root: where infra/local/stack.sh lives. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'infra/local/stack.sh'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('infra/local/stack.sh not found above this file: `vitals start` runs from a checkout of the project');
    dir = up;
  }
  return dir;
}

const pidAlive = (file: string) => {
  try { process.kill(Number(readFileSync(file, 'utf8').trim()), 0); return true; } catch { return false; }
};

function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', (err: NodeJS.ErrnoException) => (preferred !== 0 && err.code === 'EADDRINUSE' ? freePort(0).then(resolve, reject) : reject(err)));
    s.listen(preferred, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const httpOk = (url: string) => async () => {
  const r = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  return r.status === 200;
};

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      demo: { type: 'boolean', default: true },
      'no-demo': { type: 'boolean', default: false },
      devices: { type: 'string', default: '12' },
      alerts: { type: 'string', default: '1' },
      shards: { type: 'string', default: '1' },
      port: { type: 'string' },
      'keep-stack': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) { process.stdout.write(`${USAGE}\n`); return; }
  const devices = Number(values.devices);
  if (!Number.isInteger(devices) || devices < 1 || devices > 150) {
    console.error(`start: --devices must be an integer from 1 to 150\n${USAGE}`);
    process.exit(2);
  }
  const alertReplicas = Number(values.alerts);
  if (!Number.isInteger(alertReplicas) || alertReplicas < 1 || alertReplicas > 99) {
    console.error(`start: --alerts must be an integer from 1 to 99\n${USAGE}`);
    process.exit(2);
  }
  const shards = Number(values.shards);
  if (!Number.isInteger(shards) || shards < 1 || shards > 9) {
    console.error(`start: --shards must be an integer from 1 to 9\n${USAGE}`);
    process.exit(2);
  }
  const demo = values.demo && !values['no-demo'];
  const root = findRoot();
  const stateDir = process.env.VITALS_STACK_DIR ?? join(root, '.stack');
  const tty = process.stdout.isTTY === true;
  const logs = createLogStream({ tty, color: tty, write: (t) => process.stdout.write(t) });
  const t0 = Date.now();
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

  // 1. The stack: installed on a fresh machine (its progress goes to stderr), then started.
  const parts = ['mosquitto', 'kafka', 'influxd'];
  const shardPids = Array.from({ length: shards - 1 }, (_, i) => join(stateDir, `shard-${i + 2}`, 'run', 'mosquitto.pid'));
  const wasRunning = parts.every((p) => pidAlive(join(stateDir, 'run', `${p}.pid`)));
  /** Shards this command starts on a stack that was already up: stopped again on exit. */
  const startedShards = shardPids.flatMap((f, i) => (pidAlive(f) ? [] : [`mosquitto-${i + 2}`]));
  logs.own('info', wasRunning ? 'stack already running; using it' : 'starting the local stack (Mosquitto, Kafka, InfluxDB)');
  // With --shards N the stack also runs mosquitto-2 ... mosquitto-N and writes each one's
  // ingest env file and the API's MQTT_SHARD_URLS (the registry places devices on shards).
  const stackProcEnv = shards > 1 ? { ...process.env, MQTT_SHARDS: String(shards) } : process.env;
  const up = stackSh(root, ['up'], stackProcEnv);
  if (up.status !== 0) {
    console.error('start: the local stack did not come up (see the [stack] lines above)');
    process.exit(1);
  }
  const stopStack = !wasRunning && !values['keep-stack'];
  const envFile = process.env.VITALS_STACK_ENV ?? join(stateDir, 'env');
  const stackEnv = { ...parseEnvFile(readFileSync(envFile, 'utf8')), ...process.env };
  logs.own('info', 'stack ready', { after: elapsed() });
  // Each alert-worker replica on its own MQTT account (issue 17): the stack makes MQTT_ALERTS_REPLICAS of them.
  const alertsNames = Array.from({ length: alertReplicas }, (_, i) => alertsReplica(i + 1));
  const missing = alertsNames.filter((n) => process.env.VITALS_STACK_ENV || !existsSync(join(stateDir, 'services', `${n}.env`)));
  if (alertReplicas > 1 && missing.length > 0) {
    console.error(process.env.VITALS_STACK_ENV
      ? `start: --alerts ${alertReplicas} needs the stack's per-service env files (one MQTT account per replica), not VITALS_STACK_ENV`
      : `start: --alerts ${alertReplicas}: the stack has no account for ${missing.join(', ')} (MQTT_ALERTS_REPLICAS=${alertReplicas} npm run stack -- restart mosquitto)`);
    if (stopStack) stackSh(root, ['down']);
    process.exit(2);
  }
  const ingestNames = Array.from({ length: shards }, (_, i) => ingestOfShard(i + 1));
  const noShard = ingestNames.filter((n) => n !== 'ingest' && (process.env.VITALS_STACK_ENV || !existsSync(join(stateDir, 'services', `${n}.env`))));
  if (noShard.length > 0) {
    console.error(`start: --shards ${shards}: no env file for ${noShard.join(', ')} (the stack writes .stack/services/ingest-i.env with MQTT_SHARDS; not with VITALS_STACK_ENV)`);
    if (stopStack) stackSh(root, ['down']);
    process.exit(2);
  }
  const order = stopOrder(ingestNames, alertsNames);

  // 2. The services, each on its own ops port (for /readyz); the API on the dashboard port.
  const apiPort = values.port ? Number(values.port) : await freePort(Number(stackEnv.API_PORT ?? 8080));
  // Each service reads only its own credentials (.stack/services/<name>.env, issue 16); the
  // simulator plays the devices and takes the device secret from the stack file.
  const serviceEnvFile = (name: string) => {
    if (process.env.VITALS_STACK_ENV) return process.env.VITALS_STACK_ENV;
    const own = join(stateDir, 'services', `${name}.env`);
    return existsSync(own) ? own : envFile;
  };
  const childEnv = (name: string, extra: Record<string, string>): NodeJS.ProcessEnv => ({ ...process.env, VITALS_STACK_ENV: serviceEnvFile(name), ...extra });
  const opsSpec = async (name: string, command = name): Promise<ChildSpec> => {
    const port = await freePort();
    return { name, args: [...SERVICE_NODE_ARGS, join(root, 'bin/vitals.js'), command], env: childEnv(name, { OPS_PORT: String(port) }), ready: httpOk(`http://127.0.0.1:${port}/readyz`), restartOnCleanExit: true };
  };
  const supervisor = createSupervisor({
    command: process.execPath,
    cwd: root,
    spawn,
    events: {
      line: (name, stream, text) => logs.line(name, stream, text),
      info: (msg, fields) => logs.own('info', msg, fields),
      warn: (msg, fields) => logs.own('warn', msg, fields),
    },
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logs.own('info', 'shutting down', { signal, order: order.map((g) => g.join('+')).join(' -> ') });
    await supervisor.stop(order);
    if (stopStack) {
      logs.own('info', 'stopping the stack this command started (--keep-stack leaves it up)');
      stackSh(root, ['down']);
    } else {
      if (!values['keep-stack'] && startedShards.length > 0) {
        logs.own('info', 'stopping the shards this command started', { shards: startedShards.join(',') });
        stackSh(root, ['down', ...startedShards]);
        // The env files back to one shard (the API's MQTT_SHARD_URLS must not name a stopped broker).
        stackSh(root, ['up', 'mosquitto'], { ...process.env, MQTT_SHARDS: '1' });
      }
      logs.own('info', wasRunning ? 'leaving the stack running (it was up before; npm run stack -- down stops it)' : 'leaving the stack running (--keep-stack; npm run stack -- down stops it)');
    }
    logs.own('info', 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const specs = await Promise.all([...ingestNames.map((n) => opsSpec(n, 'ingest')), opsSpec('writer'), ...alertsNames.map((n) => opsSpec(n, 'alerts'))]);
    await Promise.all(specs.map(async (spec) => {
      await supervisor.start(spec);
      logs.own('info', 'service ready', { service: spec.name, after: elapsed() });
    }));
    await supervisor.start({
      name: 'api',
      args: [join(root, 'bin/vitals.js'), 'api'],
      env: childEnv('api', { API_PORT: String(apiPort), API_HOST: '127.0.0.1' }),
      ready: httpOk(`http://127.0.0.1:${apiPort}/healthz`),
      restartOnCleanExit: true,
    });
    logs.own('info', 'service ready', { service: 'api', after: elapsed() });
    if (demo) {
      await supervisor.start({ name: 'simulator', args: [join(root, 'bin/vitals.js'), ...demoSimulatorArgs(devices, `http://127.0.0.1:${apiPort}`)], env: { ...process.env, VITALS_STACK_ENV: envFile }, ready: async () => true });
    }
  } catch (err) {
    logs.own('error', 'pipeline did not start', { err: { message: (err as Error).message } });
    await shutdown('start-failure');
    return;
  }

  // 3. One summary block: where everything is.
  const mqtt = new URL(stackEnv.MQTT_URL ?? 'mqtt://127.0.0.1:1883');
  const mqttEndpoint = `${mqtt.protocol}//${mqtt.host}`; // URL.origin is "null" for mqtt:
  const example = writeDeviceExample(join(stateDir, 'demo'), stackEnv.MQTT_DEVICE_SECRET ?? '', 199);
  const rel = (p: string) => relative(process.cwd(), p) || p;
  const dashboard = `http://127.0.0.1:${apiPort}`;
  const pub = `mosquitto_pub -h ${mqtt.hostname} -p ${mqtt.port} -V mqttv311 -q 1 -i ${example.deviceId} -u ${example.deviceId} -P "$(cat ${rel(example.passwordFile)})" -t ${example.topic} -f ${rel(example.batchFile)}`;
  const summary = [
    '',
    '=== vitals pipeline running =====================================================',
    `  Dashboard   ${dashboard}`,
    `  Sign in     with API_CLINICIAN_TOKEN or API_OPERATOR_TOKEN from ${rel(envFile)}   (grep API_ ${rel(envFile)})`,
    `  MQTT        ${mqttEndpoint} (QoS 1; devices dev-00001 ... dev-00200, passwords derived from MQTT_DEVICE_SECRET)`,
    ...(shards > 1 ? [`  Shards      ${stackEnv.MQTT_SHARD_URLS ?? ''} (one exclusive ingest each; registered devices go to the least loaded)`] : []),
    `  Kafka       ${stackEnv.KAFKA_BROKERS}    InfluxDB ${stackEnv.INFLUX_URL} (org ${stackEnv.INFLUX_ORG}, bucket ${stackEnv.INFLUX_BUCKET})`,
    `  Services    ${ingestNames.join(', ')}, writer, ${alertsNames.join(', ')}, api${demo ? ', simulator' : ''} (ready after ${elapsed()}; logs below, prefixed by service)`,
    demo ? `  Demo fleet  ${devices} patients (pat-00001 ...): ${demoScenarioSummary(devices)}` : '  Demo fleet  off (--no-demo)',
    '  Try a device (one protobuf VitalsBatch, measured now):',
    `    ${pub}`,
    `  Stop        Ctrl-C: simulator, ingest drain, writer+alerts commit, API; ${stopStack ? 'then the stack (this command started it)' : 'the stack stays up (npm run stack -- down)'}`,
    '=================================================================================',
    '',
  ].join('\n');
  process.stderr.write(`${summary}\n`);
  logs.own('info', 'pipeline ready', { dashboard, mqtt: mqttEndpoint, envFile, demoDevices: demo ? devices : 0, after: elapsed(), pids: supervisor.pids() });
}
