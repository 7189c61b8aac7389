// The install scripts' shared skeleton (infra/local/install-lib.sh): warm cache marker, lock,
// fail with one "what to do" line, cleanup of the temp dir. Run against a temporary cache
// (VITALS_CACHE_DIR) so the real cache is never touched. Kafka's cold install is real (Maven,
// from ~/.m2 when warm); Telegraf's and InfluxDB's cold builds take minutes and are not forced.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/stack.js';

const script = (name: string) => join(REPO_ROOT, 'infra/local', name);
function run(name: string, env: Record<string, string>) {
  const r = spawnSync('bash', [script(name)], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lastLine: r.stderr.trim().split('\n').pop() ?? '' };
}
/** A PATH with bash and coreutils but none of java, mvn, go. */
function barePath(dir: string): string {
  const bin = join(dir, 'bare-bin');
  mkdirSync(bin, { recursive: true });
  for (const tool of ['bash', 'mkdir', 'mktemp', 'rm', 'cat', 'chmod', 'flock', 'date', 'mv', 'du', 'cut', 'tail', 'sed', 'grep', 'awk', 'cp', 'tr']) {
    const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found) spawnSync('ln', ['-sf', found, join(bin, tool)]);
  }
  return bin;
}

test('install scripts: warm marker, lock, failure line and cleanup', async (t) => {
  const cache = mkdtempSync(join(tmpdir(), 'vitals-install-'));
  t.after(() => rmSync(cache, { recursive: true, force: true }));

  await t.test('kafka: a missing tool fails with one line and leaves no temp dir', () => {
    const r = run('install-kafka.sh', { VITALS_CACHE_DIR: cache, PATH: barePath(cache) });
    assert.equal(r.code, 1);
    assert.match(r.lastLine, /^kafka: install failed: java not found on PATH; what to do: install a JDK 17\+/);
    assert.equal(r.stdout, '');
  });

  await t.test('kafka: a held lock times out with a clear line; no partial install', async () => {
    mkdirSync(join(cache, 'kafka'), { recursive: true });
    const holder = spawn('flock', [join(cache, 'kafka', '4.1.2.lock'), 'sleep', '30'], { stdio: 'ignore' });
    t.after(() => holder.kill());
    // Once the holder has the lock, a non-blocking flock on the same file fails.
    const lock = join(cache, 'kafka', '4.1.2.lock');
    const deadline = Date.now() + 10_000;
    while (spawnSync('flock', ['-n', lock, 'true']).status === 0) {
      assert.ok(Date.now() < deadline, `the holder did not take ${lock} within 10 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const r = run('install-kafka.sh', { VITALS_CACHE_DIR: cache, KAFKA_INSTALL_LOCK_TIMEOUT: '1' });
    holder.kill();
    assert.equal(r.code, 1);
    assert.match(r.lastLine, /^kafka: install failed: another install of kafka 4\.1\.2 holds .*4\.1\.2\.lock; what to do: wait for it/);
    assert.deepEqual(readdirSync(join(cache, 'kafka')).filter((f) => f.startsWith('.tmp')), []);
  });

  await t.test('kafka: cold install resolves the jars, writes the marker; the warm run starts no java', () => {
    const cold = run('install-kafka.sh', { VITALS_CACHE_DIR: cache });
    assert.equal(cold.code, 0, cold.stderr);
    const lib = join(cache, 'kafka', '4.1.2', 'lib');
    assert.equal(cold.stdout, `${lib}\n`);
    assert.ok(readdirSync(lib).some((f) => f.startsWith('kafka_2.13-4.1.2')));
    assert.deepEqual(readdirSync(join(cache, 'kafka')).filter((f) => f.startsWith('.tmp') || f.startsWith('.stale')), []);
    // Warm: java and mvn are not even on PATH, the marker alone answers.
    const warm = run('install-kafka.sh', { VITALS_CACHE_DIR: cache, PATH: barePath(cache) });
    assert.deepEqual([warm.code, warm.stdout, warm.stderr], [0, `${lib}\n`, '']);
  });

  await t.test('kafka: a marker from another recipe is not trusted', () => {
    writeFileSync(join(cache, 'kafka', '4.1.2', '.installed'), 'rev=0 kafka=4.1.2 log4j=old\n');
    const r = run('install-kafka.sh', { VITALS_CACHE_DIR: cache, PATH: barePath(cache) });
    assert.equal(r.code, 1, 'cold path taken (and refused without java)');
    assert.match(r.lastLine, /java not found/);
  });

  await t.test('telegraf: warm marker answers without go; a stale one takes the cold path and fails cleanly without go', () => {
    const dir = join(cache, 'telegraf', '1.37.2');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'telegraf'), '#!/bin/sh\n', { mode: 0o755 });
    const spec = 'rev=1 telegraf=1.37.2 tags=custom,inputs.mqtt_consumer,inputs.kafka_consumer,outputs.kafka,outputs.influxdb_v2,parsers.influx,parsers.value,serializers.influx';
    writeFileSync(join(dir, '.complete'), `${spec}\n`);
    const warm = run('install-telegraf.sh', { VITALS_CACHE_DIR: cache, PATH: barePath(cache) });
    assert.deepEqual([warm.code, warm.stdout, warm.stderr], [0, `${join(dir, 'telegraf')}\n`, '']);
    writeFileSync(join(dir, '.complete'), 'rev=0\n');
    const cold = run('install-telegraf.sh', { VITALS_CACHE_DIR: cache, PATH: barePath(cache) });
    assert.equal(cold.code, 1);
    assert.match(cold.lastLine, /^telegraf: build failed \(see .*build-1\.37\.2\.log\): go not found on PATH; what to do: install Go/);
    assert.deepEqual(readdirSync(join(cache, 'telegraf')).filter((f) => f.startsWith('.tmp')), []);
  });

  await t.test('influxdb: warm marker answers without go or cargo', () => {
    const dir = join(cache, 'influxdb', 'v2.7.12');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'influxd'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(dir, '.complete'), '2026-11-30T00:00:00Z\n');
    const warm = run('install-influxdb.sh', { VITALS_CACHE_DIR: cache, PATH: barePath(cache) });
    assert.deepEqual([warm.code, warm.stdout, warm.stderr], [0, `${join(dir, 'influxd')}\n`, '']);
    assert.ok(existsSync(join(dir, 'influxd')));
  });

  await t.test('influxdb: without the marker the cold path takes the lock, then fails without go in one line', () => {
    const r = run('install-influxdb.sh', { VITALS_CACHE_DIR: cache, INFLUXDB_VERSION: 'v2.7.99', PATH: barePath(cache) });
    assert.equal(r.code, 1);
    assert.match(r.lastLine, /^influxdb: build failed \(see .*v2\.7\.99\/build\.log\): required tool 'go' not found on PATH; what to do: install Go/);
    assert.equal(r.stdout, '');
  });

  await t.test('mosquitto: cold install from Debian\'s mirror checks the sums and unpacks 2.0.21; the warm run starts nothing', () => {
    const cold = run('install-mosquitto.sh', { VITALS_CACHE_DIR: cache });
    assert.equal(cold.code, 0, cold.stderr);
    const root = join(cache, 'mosquitto', '2.0.21-1~bpo12+1');
    assert.equal(cold.stdout, `${root}\n`);
    const version = spawnSync(join(root, 'usr/sbin/mosquitto'), ['-h'], { encoding: 'utf8' }).stdout.split('\n')[0];
    assert.equal(version, 'mosquitto version 2.0.21');
    assert.ok(existsSync(join(root, 'usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so')));
    assert.deepEqual(readdirSync(join(cache, 'mosquitto')).filter((f) => f.startsWith('.tmp') || f.startsWith('.stale')), []);
    // Warm: no curl, dpkg or apt on PATH; the marker alone answers.
    const warm = run('install-mosquitto.sh', { VITALS_CACHE_DIR: cache, PATH: barePath(cache) });
    assert.deepEqual([warm.code, warm.stdout, warm.stderr], [0, `${root}\n`, '']);
  });

  await t.test('mosquitto: a mirror serving other bytes fails on the SHA-256, and nothing is installed', () => {
    const other = mkdtempSync(join(tmpdir(), 'vitals-install-mosq-'));
    t.after(() => rmSync(other, { recursive: true, force: true }));
    const pool = join(other, 'debian', 'pool', 'main', 'm', 'mosquitto');
    mkdirSync(pool, { recursive: true });
    writeFileSync(join(pool, 'mosquitto_2.0.21-1~bpo12+1_amd64.deb'), 'not the package\n');
    const r = run('install-mosquitto.sh', { VITALS_CACHE_DIR: other, DEBIAN_MIRROR: `file://${join(other, 'debian')}` });
    assert.equal(r.code, 1);
    assert.match(r.lastLine, /^mosquitto: install failed: mosquitto_2\.0\.21-1~bpo12\+1_amd64\.deb has SHA-256 [0-9a-f]{64}, expected d547a8c0[0-9a-f]{56}; what to do: the mirror served another file/);
    assert.equal(r.stdout, '');
    assert.deepEqual(readdirSync(join(other, 'mosquitto')).filter((f) => f !== '.install.lock'), []);
  });
});
