// The package as an operator installs it: `npm pack` of this checkout (after `npm run build`),
// unpacked in a temp folder, `npm ci --omit=dev`, then every service started with an empty
// environment. Each must load (no tsx, no devDependency) and stop with its own one-line
// configuration error, which proves the whole import graph resolves in production.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/stack.js';

const SERVICES: [name: string, expected: RegExp][] = [
  ['ingest', /^ingest: invalid configuration: .*MQTT_URL/m],
  ['writer', /^writer: invalid configuration: .*KAFKA_BROKERS/m],
  ['alerts', /^alerts: invalid configuration: .*KAFKA_BROKERS/m],
  ['api', /^api: invalid configuration: .*KAFKA_BROKERS/m],
  ['simulate', /^simulate: invalid configuration: .*MQTT_URL/m],
];

test('the built package installs without devDependencies and every service loads', async (t) => {
  assert.ok(existsSync(join(REPO_ROOT, 'dist/services/cli.js')), 'dist/ is missing: run `npm run build` first (npm test does)');
  const dir = mkdtempSync(join(tmpdir(), 'vitals-prod-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  npm(['pack', '--silent', '--pack-destination', dir], REPO_ROOT);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote no tarball');
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
  const pkg = join(dir, 'package');
  copyFileSync(join(REPO_ROOT, 'package-lock.json'), join(pkg, 'package-lock.json'));
  npm(['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], pkg);
  // Proof that this is a production install: no tsx, no typescript.
  assert.equal(existsSync(join(pkg, 'node_modules/tsx')), false, 'tsx was installed');
  assert.equal(existsSync(join(pkg, 'node_modules/typescript')), false, 'typescript was installed');
  assert.equal(existsSync(join(pkg, 'services')), false, 'the TypeScript sources were packed');

  for (const [name, expected] of SERVICES) {
    await t.test(name, () => {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, VITALS_STACK_ENV: join(dir, 'no-such-env') };
      const r = spawnSync(process.execPath, ['bin/vitals.js', name], { cwd: pkg, env, encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, name === 'simulate' ? 2 : 1, `${name} exit code (stderr: ${r.stderr})`);
      assert.match(r.stderr, expected);
      assert.doesNotMatch(r.stderr, /ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
    });
  }
});
