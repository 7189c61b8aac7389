// services/common/kafka-acls.ts and the table infra/kafka/acls.json (issue 16): names resolve
// from config keys and defaults, rows become bindings, and the table grants what the README says.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { aclBindings, loadAclTable, resolveNames } from '../../services/common/kafka-acls.js';

const READ = 3, WRITE = 4, TOPIC = 2, GROUP = 3, LITERAL = 3, PREFIXED = 4;
const table = loadAclTable();
const grants = (principal: string, name: string, op: number) =>
  aclBindings(table, resolveNames(table)).some((b) => b.principal === `User:${principal}` && b.resourceName === name && b.operation === op);

test('names come from the config key, else the default; overrides win', () => {
  const names = resolveNames(table, { KAFKA_TOPIC_VITALS: 'v.custom' }, { 'writer-group': 'g1' });
  assert.equal(names.vitals, 'v.custom');
  assert.equal(names.commands, 'vitals.v1.alert-commands');
  assert.equal(names['writer-group'], 'g1');
  assert.equal(names.patients, 'vitals.v1.patients');
});

test('least privilege: only the API writes alert commands; the writer does not read them', () => {
  for (const p of table.principals) assert.equal(grants(p, 'vitals.v1.alert-commands', WRITE), p === 'api', `${p} writes commands?`);
  assert.equal(grants('writer', 'vitals.v1.alert-commands', READ), false);
  assert.equal(grants('alerts', 'vitals.v1.alert-commands', READ), true);
  assert.equal(grants('ingest', 'vitals.v1.samples', WRITE), true);
  assert.equal(grants('ingest', 'vitals.v1.samples', READ), false);
  for (const t of ['vitals.v1.audit', 'vitals.v1.accounts']) for (const p of table.principals) assert.equal(grants(p, t, READ) || grants(p, t, WRITE), p === 'api', `${t}: api only`);
});

test('bindings: topics literal, run-time group names prefixed, one per operation', () => {
  const b = aclBindings(table, resolveNames(table), { principals: ['api'], names: ['api-groups', 'commands'] });
  const groups = b.filter((x) => x.resourceType === GROUP);
  assert.ok(groups.length > 0 && groups.every((x) => x.resourcePatternType === PREFIXED && x.resourceName === 'vitals-api-'));
  const topics = b.filter((x) => x.resourceType === TOPIC);
  assert.deepEqual(topics.map((x) => x.operation).sort(), [3, 4, 5, 8]);
  assert.ok(topics.every((x) => x.resourcePatternType === LITERAL && x.host === '*' && x.permissionType === 3));
});

test('a row with an unknown principal, name or operation is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'acls-'));
  const bad = (acls: unknown) => { const f = join(dir, 'a.json'); writeFileSync(f, JSON.stringify({ ...table, acls })); return f; };
  try {
    assert.throws(() => loadAclTable(bad([{ principal: 'mallory', name: 'vitals', operations: ['Read'] }])), /unknown principal/);
    assert.throws(() => loadAclTable(bad([{ principal: 'api', name: 'nope', operations: ['Read'] }])), /unknown name/);
    assert.throws(() => loadAclTable(bad([{ principal: 'api', name: 'vitals', operations: ['All'] }])), /unknown operation/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
