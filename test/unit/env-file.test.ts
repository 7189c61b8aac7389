// services/common/env-file.ts: the stack file under the process env, and Docker secrets given
// as <NAME>_FILE (compose mounts them under /run/secrets, so no value is in `docker inspect`).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadEnv, secretsFromFiles } from '../../services/common/env-file.js';

const dir = mkdtempSync(join(tmpdir(), 'vitals-env-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

test('a secret comes from its _FILE, without the trailing newline', () => {
  const env = loadEnv({ KAFKA_SASL_PASSWORD_FILE: file('kafka', 's3cret\n'), MQTT_PASSWORD_FILE: file('mqtt', 'p\r\n') }, join(dir, 'absent.env'));
  assert.equal(env.KAFKA_SASL_PASSWORD, 's3cret');
  assert.equal(env.MQTT_PASSWORD, 'p');
});

test('an explicit variable wins over its _FILE; the stack file is under both', () => {
  const stack = file('stack.env', 'API_OPERATOR_TOKEN=from-stack\nINFLUX_URL=http://x\n');
  const env = loadEnv({ API_OPERATOR_TOKEN_FILE: file('op', 'from-file'), API_SESSION_SECRET: 'explicit', API_SESSION_SECRET_FILE: file('ss', 'ignored') }, stack);
  assert.equal(env.API_OPERATOR_TOKEN, 'from-stack', 'the stack file sets the name itself, so the _FILE is not read');
  assert.equal(env.API_SESSION_SECRET, 'explicit');
  assert.equal(env.INFLUX_URL, 'http://x');
});

test('only secrets are read from files: MQTT_CA_FILE stays a path', () => {
  const ca = file('ca.pem', 'PEM');
  assert.deepEqual(secretsFromFiles({ MQTT_CA_FILE: ca, KAFKA_CA_FILE: ca, LOG_FILE: ca }), {});
});

test('an unreadable _FILE is an error naming the variable and path, never a value', () => {
  assert.throws(() => secretsFromFiles({ MQTT_ALERTS_PASSWORD_FILE: join(dir, 'missing') }), /MQTT_ALERTS_PASSWORD_FILE: cannot read .*missing \(ENOENT\)/);
});
