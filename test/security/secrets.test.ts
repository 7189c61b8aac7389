// Secrets on disk and in process lists (issue 16). Restarts the stack's Mosquitto once.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { parseEnvFile } from '../../services/common/env-file.js';
import { REPO_ROOT, stack } from '../helpers/stack.js';

const STATE_DIR = process.env.VITALS_STACK_DIR ?? `${REPO_ROOT}.stack`;

test('secret files are mode 600 and each service file holds only its own credentials', async () => {
  const s = await stack();
  const files = ['secrets', 'env', 'kafka/server.properties', 'mosquitto/dynamic-security.json', 'tls/ca.key', 'tls/server.key', 'tls/kafka-keystore.pem',
    ...readdirSync(`${STATE_DIR}/services`).map((f) => `services/${f}`)];
  for (const f of files) assert.equal((statSync(`${STATE_DIR}/${f}`).mode & 0o777).toString(8), '600', f);
  const svc = (name: string) => parseEnvFile(readFileSync(`${STATE_DIR}/services/${name}.env`, 'utf8'));
  const secretKeys = Object.keys(s.env).filter((k) => /PASSWORD|TOKEN|SECRET/.test(k));
  // Which of the stack's secrets (named as in .stack/env) each service's file holds.
  const allowed: Record<string, string[]> = {
    ingest: ['MQTT_PASSWORD', 'KAFKA_INGEST_PASSWORD'],
    writer: ['INFLUX_WRITE_TOKEN', 'KAFKA_WRITER_PASSWORD'],
    alerts: ['MQTT_ALERTS_PASSWORD', 'INFLUX_WRITE_TOKEN', 'KAFKA_ALERTS_PASSWORD'],
    api: ['INFLUX_READ_TOKEN', 'API_CLINICIAN_TOKEN', 'API_OPERATOR_TOKEN', 'MQTT_REGISTRY_PASSWORD', 'KAFKA_API_PASSWORD'],
  };
  const names = new Map(secretKeys.map((k) => [s.env[k]!, k]));
  for (const [name, keys] of Object.entries(allowed)) {
    const held = Object.values(svc(name)).filter((v) => names.has(v)).map((v) => names.get(v)!).sort();
    assert.deepEqual(held, [...keys].sort(), `${name} holds only its own secrets`);
  }
  assert.equal(svc('alerts').MQTT_ALERTS_USERNAME, 'alerts', 'the alert worker has its own MQTT account');
  // The HMAC key of people's sessions (issue 15) is in the api's own file only.
  const sessionSecret = svc('api').API_SESSION_SECRET ?? '';
  assert.ok(sessionSecret.length >= 32, 'the api has a session secret');
  for (const name of ['ingest', 'writer', 'alerts']) assert.ok(!Object.values(svc(name)).includes(sessionSecret), `${name} does not hold the session secret`);
  assert.ok(!Object.values(s.env).includes(sessionSecret), 'nor does the shared .stack/env');
  // Each its own Kafka principal (issue 16).
  for (const name of Object.keys(allowed)) assert.equal(svc(name).KAFKA_SASL_USERNAME, name, `${name} has its own Kafka principal`);
});

test('no secret appears in a process command line while the stack starts', async () => {
  const s = await stack();
  // .stack/env, plus the secret only the api's own file holds (issue 15).
  const apiOnly = parseEnvFile(readFileSync(`${STATE_DIR}/services/api.env`, 'utf8'));
  const secrets = Object.entries({ ...s.env, API_SESSION_SECRET: apiOnly.API_SESSION_SECRET }).filter(([k, v]) => /PASSWORD|TOKEN|SECRET/.test(k) && v && v.length >= 16).map(([k, v]) => [k, v!] as const);
  assert.ok(secrets.some(([k]) => k === 'API_SESSION_SECRET'));
  const seen = new Set<string>();
  let done = false;
  const run = new Promise<void>((resolve, reject) => {
    // Kafka too, with its SCRAM principals made again (the marker removed) and the ACLs applied.
    rmSync(`${STATE_DIR}/kafka/scram-users`, { force: true });
    execFile('bash', [`${REPO_ROOT}infra/local/stack.sh`, 'restart', 'mosquitto', 'kafka'], { timeout: 180_000 }, (err, _o, stderr) => { done = true; if (err) reject(new Error(`${err.message}\n${stderr}`)); else resolve(); });
  });
  // Every process's argv, as any local user can read it, polled while the script runs.
  while (!done) {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let cmd: string;
      try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
      for (const [k, v] of secrets) if (cmd.includes(v)) seen.add(`${k} in: ${cmd.replaceAll('\0', ' ').replace(v, '***').slice(0, 160)}`);
    }
    await new Promise((r) => setImmediate(r));
  }
  await run;
  assert.deepEqual([...seen], []);
});
