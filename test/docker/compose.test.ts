// Runs against `docker compose --profile demo up` (started by `npm run docker -- test`): the demo
// fleet's readings reach InfluxDB, an alert reaches the alerts topic, the clinician API serves
// the dashboard and the fleet (also in headless Chromium), no long-running service holds an admin credential,
// two writers and two alert workers (each on its own MQTT account) share the partitions of their groups,
// the compose Kafka refuses clients without SCRAM credentials and enforces infra/kafka/acls.json,
// and no container shows a secret in `docker inspect` (secrets are files under /run/secrets).
// Endpoints and secrets come from the .env that scripts/docker.sh wrote (VITALS_DOCKER_ENV).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { flux, InfluxDB } from '@influxdata/influxdb-client';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import mqtt from 'mqtt';
import { chromium } from 'playwright-core';
import { parseEnvFile } from '../../services/common/env-file.js';
import { Alert } from '../../services/common/proto.js';
import { waitFor } from '../helpers/pipeline.js';
import { REPO_ROOT, uid } from '../helpers/stack.js';

const envFile = process.env.VITALS_DOCKER_ENV ?? `${REPO_ROOT}.env`;
const env = parseEnvFile(readFileSync(envFile, 'utf8'));
const port = (key: string, fallback: number) => Number(env[key] ?? fallback);
const influxUrl = `http://127.0.0.1:${port('INFLUX_HOST_PORT', 8086)}`;
const apiUrl = `http://127.0.0.1:${port('API_HOST_PORT', 8080)}`;
const kafkaBrokers = [`127.0.0.1:${port('KAFKA_HOST_PORT', 9094)}`];
const mqttUrl = `mqtt://127.0.0.1:${port('MQTT_HOST_PORT', 1883)}`;
const DEMO_DEVICES = 20;
const VITALS_TOPIC = 'vitals.v1.samples'; // the services' default KAFKA_TOPIC_VITALS
/** A Kafka client on the compose Kafka's published SASL/SCRAM listener (admin: as an operator would). */
const kafkaAs = (username: string, password: string | undefined, clientId = uid('docker-test')) => new Kafka({
  clientId, brokers: kafkaBrokers, logLevel: logLevel.NOTHING, retry: { retries: 1 }, connectionTimeout: 5000,
  sasl: { mechanism: 'scram-sha-512', username, password: password ?? '' },
});

const compose = (...args: string[]) =>
  execFileSync('docker', ['compose', '--project-directory', REPO_ROOT, '-f', `${REPO_ROOT}docker-compose.yml`, ...args], { encoding: 'utf8' });
/** The running containers of a compose service (a scaled service has several). */
const containersOf = (service: string) => compose('ps', '-q', service).split('\n').map((x) => x.trim()).filter(Boolean);

test('compose demo: readings of every demo device reach InfluxDB', async () => {
  // The test holds the admin token (as an operator would); the services do not.
  const query = new InfluxDB({ url: influxUrl, token: env.INFLUX_ADMIN_TOKEN! }).getQueryApi('vitals');
  const devices = await waitFor(`readings of ${DEMO_DEVICES} devices in InfluxDB`, async () => {
    const rows = await query.collectRows<{ device_id: string; _value: number }>(
      flux`from(bucket: "vitals") |> range(start: -10m) |> filter(fn: (r) => r._measurement == "vitals" and r._field == "value") |> group(columns: ["device_id"]) |> count()`,
    );
    return rows.length >= DEMO_DEVICES && rows.every((r) => r._value > 0) ? rows : undefined;
  }, 120_000, 1000);
  assert.equal(devices.length, DEMO_DEVICES);
});

test('compose demo: an alert reaches the alerts topic', async (t) => {
  const kafka = kafkaAs('admin', env.KAFKA_ADMIN_PASSWORD);
  const consumer = kafka.consumer({ groupId: uid('docker-test'), maxWaitTimeInMs: 200 });
  await consumer.connect();
  t.after(() => consumer.disconnect());
  await consumer.subscribe({ topic: 'vitals.v1.alerts', fromBeginning: true });
  const alerts: Alert[] = [];
  await consumer.run({ eachMessage: async ({ message }) => { if (message.value) alerts.push(Alert.decode(message.value)); } });
  // The demo's first episodes start 20-50 s after the fleet; alarm delays add up to ~15 s.
  const first = await waitFor('an alert on vitals.v1.alerts', () => alerts[0], 180_000, 500);
  assert.match(first.patientId, /^pat-\d{5}$/);
  assert.ok(first.alertId.length > 0);
});

test('compose: Kafka refuses an unauthenticated client, and the ingest principal cannot produce to alert-commands', async (t) => {
  const anonymous = new Kafka({ clientId: uid('docker-anon'), brokers: kafkaBrokers, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 5000 });
  const anonAdmin = anonymous.admin();
  t.after(() => anonAdmin.disconnect().catch(() => undefined));
  await assert.rejects(anonAdmin.connect().then(() => anonAdmin.listTopics()), 'a client without SASL gets no metadata');
  const wrong = kafkaAs('ingest', 'not-the-password').producer();
  t.after(() => wrong.disconnect().catch(() => undefined));
  await assert.rejects(wrong.connect(), /SASL|authenticat/i, 'a wrong password is refused');

  // The ingest's own principal authenticates (so what follows is the ACL, not the login) ...
  const producer = kafkaAs('ingest', env.KAFKA_INGEST_PASSWORD).producer({ allowAutoTopicCreation: false });
  t.after(() => producer.disconnect().catch(() => undefined));
  await producer.connect();
  // ... and is denied the alert-commands topic (only the API writes clinicians' commands).
  await assert.rejects(
    producer.send({ topic: 'vitals.v1.alert-commands', messages: [{ key: 'docker-test', value: 'forged' }] }),
    (err: Error & { type?: string }) => err.type === 'TOPIC_AUTHORIZATION_FAILED' || /not authori[sz]ed/i.test(err.message),
  );
  // The compose file provisions exactly the principals of the one ACL table.
  const table = JSON.parse(readFileSync(`${REPO_ROOT}infra/kafka/acls.json`, 'utf8')) as { principals: string[] };
  for (const p of table.principals) assert.ok(env[`KAFKA_${p.toUpperCase()}_PASSWORD`], `.env has the ${p} principal's password`);
  const scramUsers = compose('config', '--format', 'json');
  const users = (JSON.parse(scramUsers) as { services: Record<string, { environment: Record<string, string> }> }).services['kafka-init']!.environment.KAFKA_SCRAM_USERS!;
  assert.deepEqual(users.split(/\s+/).sort(), ['admin', ...table.principals].sort(), 'kafka-init makes the SCRAM users of acls.json');
});

test('compose demo: the API serves the dashboard and the fleet to a clinician', async () => {
  const page = await fetch(`${apiUrl}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<html/i);
  assert.equal((await fetch(`${apiUrl}/api/v1/patients`)).status, 401, 'no token, no data');
  const res = await waitFor('the demo patients in the API', async () => {
    const r = await fetch(`${apiUrl}/api/v1/patients`, { headers: { Authorization: `Bearer ${env.API_CLINICIAN_TOKEN}` } });
    const body = (await r.json()) as { patients: { patientId: string }[] };
    return r.ok && body.patients.length >= DEMO_DEVICES ? body : undefined;
  }, 60_000, 1000);
  assert.ok(res.patients.length >= DEMO_DEVICES);
});

test('compose demo: a clinician sees the demo fleet in the dashboard (headless Chromium)', async (t) => {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  assert.ok(existsSync(executablePath), `Chromium not found at ${executablePath}: install Debian's chromium (scripts/test.sh does) or set CHROMIUM_PATH`);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(apiUrl);
  await page.fill('#token', env.API_CLINICIAN_TOKEN!);
  await page.click('#login button');
  await waitFor(`${DEMO_DEVICES} patient tiles`, async () => ((await page.locator('article[data-patient]').count()) >= DEMO_DEVICES ? true : undefined), 60_000, 500);
  mkdirSync(`${REPO_ROOT}test-results`, { recursive: true });
  await page.screenshot({ path: `${REPO_ROOT}test-results/docker-ward-view.png`, fullPage: true });
});

test('compose: the API registers a device in the broker (dynamic security) and revokes it', async () => {
  const call = (method: string, path: string, body?: unknown) => fetch(`${apiUrl}${path}`, {
    method, headers: { authorization: `Bearer ${env.API_OPERATOR_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const deviceId = uid('dock');
  const reg = await call('POST', '/api/v1/devices', { deviceId, model: 'WX-200', firmware: '2.1.0' });
  assert.equal(reg.status, 201, 'registered through the API\'s registry account');
  const creds = await reg.json() as { password: string };
  const connect = (clientId: string) => mqtt.connectAsync(mqttUrl, { username: deviceId, password: creds.password, clientId, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000 });
  const c = await connect(deviceId);
  await c.endAsync();
  await assert.rejects(connect(uid('other')), /not authori[sz]ed|connection refused/i, 'bound to its client id');
  assert.equal((await call('POST', `/api/v1/devices/${deviceId}/revoke`)).status, 204);
  await assert.rejects(connect(deviceId), /not authori[sz]ed|bad user ?name or password|connection refused/i, 'revoked');
});

test('compose: two writers and two alert workers, each group splitting the vitals partitions; each alert worker on its own MQTT account', async (t) => {
  const writers = containersOf('writer');
  assert.equal(writers.length, 2, 'two writer containers (scale: 2)');
  const workers = { alerts: containersOf('alerts'), 'alerts-2': containersOf('alerts-2') };
  for (const [service, ids] of Object.entries(workers)) {
    assert.equal(ids.length, 1, `${service} is running`);
    const config = execFileSync('docker', ['inspect', '--format', '{{json .Config.Env}}', ids[0]!], { encoding: 'utf8' });
    assert.ok(config.includes(`"MQTT_ALERTS_USERNAME=${service}"`), `${service} uses its own MQTT account ${service}`);
  }
  // Ready = started, assigned, state loaded, and (alert workers) connected to the broker under
  // that account: /readyz of each container's ops server, from inside it (not published).
  for (const id of [...writers, ...workers.alerts, ...workers['alerts-2']]) {
    await waitFor(`container ${id.slice(0, 12)} ready`, () => {
      try {
        execFileSync('docker', ['exec', id, 'node', '-e', "fetch('http://127.0.0.1:9464/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"], { stdio: 'ignore' });
        return true;
      } catch { return undefined; }
    }, 120_000, 1000);
  }
  // Kafka's view (as an operator, admin): each group has two members, which hold every vitals
  // partition between them, each partition once.
  const admin = kafkaAs('admin', env.KAFKA_ADMIN_PASSWORD).admin();
  await admin.connect();
  t.after(() => admin.disconnect());
  const partitions = (await admin.fetchTopicMetadata({ topics: [VITALS_TOPIC] })).topics[0]!.partitions.map((p) => p.partitionId).sort((a, b) => a - b);
  for (const group of ['vitals-writer', 'vitals-alerts']) {
    const held = await waitFor(`two members of ${group} holding every vitals partition`, async () => {
      const { groups } = await admin.describeGroups([group]);
      const members = groups[0]?.members ?? [];
      if (groups[0]?.state !== 'Stable' || members.length !== 2) return undefined;
      const each = members.map((m) => AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[VITALS_TOPIC] ?? []);
      return each.every((x) => x.length > 0) ? each : undefined;
    }, 120_000, 1000);
    assert.deepEqual(held.flat().sort((a, b) => a - b), partitions, `${group}: every vitals partition held by exactly one member`);
  }
});

test('compose: no container shows a secret in `docker inspect` (secrets are files under /run/secrets)', () => {
  const secrets = Object.entries(env).filter(([k, v]) => /(?:PASSWORD|TOKEN|SECRET)$/.test(k) && v).map(([k, v]) => ({ k, v }));
  assert.ok(secrets.length >= 18, `.env holds the secrets (${secrets.length})`);
  // Every container of the project, the exited one-shot jobs (init, kafka-init) included.
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', 'label=com.docker.compose.project=vitals'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  assert.ok(ids.length >= 10, `the project's containers (${ids.length})`);
  for (const id of ids) {
    const inspect = execFileSync('docker', ['inspect', id], { encoding: 'utf8' });
    const name = (JSON.parse(inspect) as { Name: string }[])[0]!.Name;
    const shown = secrets.filter(({ v }) => inspect.includes(v)).map(({ k }) => k);
    assert.deepEqual(shown, [], `${name}: docker inspect shows ${shown.join(', ')}`);
  }
});

test('compose: no long-running service holds an admin credential; tokens are least-privilege', async () => {
  const admin = [env.INFLUX_ADMIN_TOKEN!, env.INFLUX_ADMIN_PASSWORD!, env.MQTT_ADMIN_PASSWORD!, env.KAFKA_ADMIN_PASSWORD!];
  const kafkaPrincipals = ['ingest', 'writer', 'alerts', 'api'];
  const tokens: Record<string, string> = {};
  const services = ['ingest', 'writer', 'alerts', 'alerts-2', 'api', 'simulator'].flatMap((service) => {
    const ids = containersOf(service);
    assert.ok(ids.length > 0, `${service} is running`);
    return ids.map((id) => ({ service, id }));
  });
  for (const { service: name, id } of services) {
    // alerts-2 is the alert worker's second replica: the same principal and token as alerts.
    const service = name === 'alerts-2' ? 'alerts' : name;
    const config = execFileSync('docker', ['inspect', '--format', '{{json .Config.Env}}', id], { encoding: 'utf8' });
    // Its secrets are files (compose `secrets:`): everything the container can read under /run/secrets.
    const held = execFileSync('docker', ['exec', id, 'sh', '-c', 'cat /run/secrets/* 2>/dev/null; true'], { encoding: 'utf8' });
    for (const secret of admin) assert.ok(!config.includes(secret) && !held.includes(secret), `${service} holds no admin credential`);
    const kafkaFile = /"KAFKA_SASL_PASSWORD_FILE=([^"]+)"/.exec(config)?.[1];
    assert.equal(Boolean(kafkaFile), kafkaPrincipals.includes(service), `${service} gets ${kafkaPrincipals.includes(service) ? 'its' : 'no'} Kafka password as a file`);
    const kafkaPassword = kafkaFile ? execFileSync('docker', ['exec', id, 'cat', kafkaFile], { encoding: 'utf8' }) : undefined;
    for (const p of kafkaPrincipals) {
      const password = env[`KAFKA_${p.toUpperCase()}_PASSWORD`]!;
      assert.equal(kafkaPassword === password, p === service, `${service} holds ${p === service ? 'its own' : `not ${p}'s`} Kafka password`);
      if (p !== service) assert.ok(!held.includes(password), `${service} holds no ${p} Kafka password`);
      if (p === service) assert.ok(config.includes(`"KAFKA_SASL_USERNAME=${p}"`), `${service} is Kafka principal ${p}`);
    }
    if (service === 'ingest') assert.ok(!config.includes('MQTT_USERNAME='), 'the ingest has one account per connection (username = client id)');
    if (service === 'api') assert.ok(config.includes('MQTT_REGISTRY_USERNAME=registry'), 'the API has its registry account');
    if (['writer', 'alerts', 'api'].includes(service)) {
      const file = execFileSync('docker', ['exec', id, 'cat', '/run/vitals/env'], { encoding: 'utf8' });
      const token = parseEnvFile(file).INFLUX_TOKEN!;
      assert.ok(token && !admin.includes(token), `${name} has its own InfluxDB token`);
      assert.ok(!tokens[service] || tokens[service] === token, `${name}: every replica of ${service} has the same token`);
      tokens[service] = token;
    }
  }
  assert.equal(new Set(Object.values(tokens)).size, 3, 'one token per service');
  const write = (token: string) => fetch(`${influxUrl}/api/v2/write?org=vitals&bucket=vitals&precision=ms`, {
    method: 'POST', headers: { Authorization: `Token ${token}` }, body: `probe,source=docker-test value=1 ${Date.now()}`,
  });
  const read = (token: string) => fetch(`${influxUrl}/api/v2/query?org=vitals`, {
    method: 'POST', headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/vnd.flux' }, body: 'from(bucket: "vitals") |> range(start: -1m) |> limit(n: 1)',
  });
  assert.equal((await write(tokens.writer!)).status, 204, "the writer's token writes");
  assert.ok([401, 403, 404].includes((await write(tokens.api!)).status), "the API's token cannot write");
  assert.equal((await read(tokens.api!)).status, 200, "the API's token reads");
  assert.ok([401, 403, 404].includes((await read(tokens.writer!)).status), "the writer's token cannot read");
  const orgs = await fetch(`${influxUrl}/api/v2/authorizations`, { headers: { Authorization: `Token ${tokens.api}` } });
  assert.ok([401, 403, 404].includes(orgs.status) || ((await orgs.json()) as { authorizations: unknown[] }).authorizations.length <= 1, "the API's token cannot list other tokens");
});
