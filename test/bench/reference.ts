// The reference pipeline: Telegraf 1.37.2 (mqtt_consumer -> kafka, kafka_consumer ->
// influxdb_v2, persistent MQTT session, acks=-1) fed the identical load as line protocol
// (it cannot decode our protobuf; it does no validation, dead-lettering or alerting).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ensureTopics } from '../../services/common/kafka.js';
import { purgeSession } from '../helpers/pipeline.js';
import { IDLE_S, log, REF_FIRST, REPO, sleep, STATE, type Bench } from './context.js';
import { stepUp, type Step } from './steps.js';
import { brokerIdleWarning, idleUsage, type Pids, type Usage } from './usage.js';

export async function reference(b: Bench, rates: number[], stackPids: Pids): Promise<{ steps: Step[]; sustained: number; idle?: Record<string, Usage> }> {
  const { E } = b;
  b.setNextDevice(REF_FIRST);
  log('reference pipeline: Telegraf (mqtt_consumer -> kafka, kafka_consumer -> influxdb_v2), line protocol payloads');
  const telegraf = execFileSync('bash', [`${REPO}infra/local/install-telegraf.sh`], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();
  const refTopic = `${b.id}.ref`;
  const admin = b.kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [refTopic], 6);
  await admin.disconnect();
  const refBucket = await b.bucket(`${b.id}-ref`);
  const brokers = E.KAFKA_BROKERS!.split(',').join('","');
  const render = (tpl: string, vars: Record<string, string>) => {
    let s = readFileSync(`${REPO}infra/telegraf/${tpl}`, 'utf8');
    for (const [k, v] of Object.entries(vars)) s = s.split(`@${k}@`).join(v);
    const out = `${STATE}/${tpl.replace('.template', '')}`;
    writeFileSync(out, s, { mode: 0o600 });
    return out;
  };
  const mqttUrl = E.MQTT_URL!.replace('mqtt://', 'tcp://');
  // Telegraf's Kafka plugins log in as the stack's `admin` (issue 16).
  const ksasl = { KAFKA_USERNAME: E.KAFKA_ADMIN_PASSWORD ? 'admin' : '', KAFKA_PASSWORD: E.KAFKA_ADMIN_PASSWORD ?? '' };
  const c1 = render('mqtt-to-kafka.conf.template', { ...ksasl, MQTT_URL: mqttUrl, MQTT_USERNAME: 'telegraf', MQTT_PASSWORD: E.MQTT_TELEGRAF_PASSWORD!, KAFKA_BROKERS: brokers, KAFKA_TOPIC: refTopic, MQTT_TOPIC: 'bench/v1/devices/+/telemetry', CLIENT_ID: E.MQTT_TELEGRAF_USERNAME! });
  const c2 = render('kafka-to-influx.conf.template', { ...ksasl, KAFKA_BROKERS: brokers, KAFKA_TOPIC: refTopic, GROUP: `${b.id}-telegraf`, INFLUX_URL: E.INFLUX_URL!, INFLUX_TOKEN: E.INFLUX_TOKEN!, INFLUX_ORG: E.INFLUX_ORG!, INFLUX_BUCKET: refBucket });
  // A Telegraf of a run killed outright (SIGKILL: no `exit` handler) would still hold the
  // `telegraf` client id: the two would take the session from each other all phase long.
  const pidFile = `${STATE}/run/bench-telegraf.pids`;
  for (const pid of (existsSync(pidFile) ? readFileSync(pidFile, 'utf8') : '').split('\n').map(Number).filter(Boolean)) {
    let cmd = '';
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (cmd.startsWith(telegraf) && cmd.includes(STATE)) { process.kill(pid, 'SIGKILL'); log(`killed Telegraf ${pid}, left running by an interrupted run`); }
  }
  // A fresh session: one left by an interrupted run would deliver its backlog into this phase.
  await purgeSession(b.s, E.MQTT_TELEGRAF_USERNAME!, { username: E.MQTT_TELEGRAF_USERNAME!, password: E.MQTT_TELEGRAF_PASSWORD! });
  // Telegraf's own logs (connection losses, write errors) kept with the services' logs.
  mkdirSync(`${REPO}bench-results`, { recursive: true });
  const logTo = (name: string) => openSync(`${REPO}bench-results/${b.id}-${name}.log`, 'a');
  const t1 = spawn(telegraf, ['--config', c1], { stdio: ['ignore', logTo('telegraf-mqtt-kafka'), logTo('telegraf-mqtt-kafka')] });
  const t2 = spawn(telegraf, ['--config', c2], { stdio: ['ignore', logTo('telegraf-kafka-influx'), logTo('telegraf-kafka-influx')] });
  writeFileSync(pidFile, `${t1.pid}\n${t2.pid}\n`);
  process.on('exit', () => { t1.kill('SIGKILL'); t2.kill('SIGKILL'); });
  try {
    await sleep(5000);
    const refPids = { 'telegraf-mqtt-kafka': () => t1.pid, 'telegraf-kafka-influx': () => t2.pid, simulator: () => process.pid, ...stackPids };
    let idle: Record<string, Usage> | undefined;
    if (IDLE_S > 0) {
      log(`reference idle: Telegraf up, no load, ${IDLE_S} s`);
      idle = await idleUsage({ 'telegraf-mqtt-kafka': refPids['telegraf-mqtt-kafka'], 'telegraf-kafka-influx': refPids['telegraf-kafka-influx'], ...stackPids }, IDLE_S);
      log('  ->', JSON.stringify(idle));
      const warning = brokerIdleWarning('reference', idle, IDLE_S);
      if (warning) log(warning);
    }
    const run = await stepUp(b, 'reference', rates, refBucket, 'device', refPids, { format: 'line', topicFor: (d: string) => `bench/v1/devices/${d}/telemetry` });
    return { ...run, ...(idle ? { idle } : {}) };
  } finally {
    t1.kill('SIGTERM');
    t2.kill('SIGTERM');
    // Gone before the clean-up ends its session (at most 30 s: it flushes what it holds first).
    const running = () => [t1, t2].filter((t) => t.exitCode === null && t.signalCode === null);
    await Promise.race([Promise.all(running().map((t) => new Promise((r) => t.once('exit', r)))), sleep(30_000)]);
    for (const t of running()) t.kill('SIGKILL');
    rmSync(pidFile, { force: true });
  }
}
