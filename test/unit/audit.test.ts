// The audit trail's ordering rule (issue 15): the entry first, then the action; no entry, no
// action; a failed action gets a second entry. And the FHIR AuditEvent projection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { audited, toFhirAuditBundle, type AuditEntry, type AuditInput } from '../../services/api/audit.js';

const entry: AuditInput = { actor: 'nurse-a', role: 'clinician', action: 'alert.acknowledge', target: 'alert:1', before: { state: 'open' }, after: { requested: 'acknowledge' } };
const unavailable = (): never => { throw new Error('503'); };

test('audited: entry before the action; no entry means no action; a failure is recorded', async () => {
  const log: string[] = [];
  const audit = async (e: AuditInput) => { log.push(e.action); };
  assert.equal(await audited(audit, entry, async () => { log.push('work'); return 7; }, unavailable), 7);
  assert.deepEqual(log, ['alert.acknowledge', 'work']);

  let ran = false;
  await assert.rejects(audited(async () => { throw new Error('kafka down'); }, entry, async () => { ran = true; }, unavailable), /503/);
  assert.equal(ran, false, 'the action is not done when its entry cannot be written');

  log.length = 0;
  await assert.rejects(audited(audit, entry, async () => { throw new Error('broker refused'); }, unavailable), /broker refused/);
  assert.deepEqual(log, ['alert.acknowledge', 'alert.acknowledge.failed']);
});

test('FHIR AuditEvent: agent, action, outcome, entity with before and after', () => {
  const e: AuditEntry = { ...entry, id: '0b8e7c1e-1111-4222-8333-444455556666', at: '2026-11-30T06:00:00.000Z' };
  const refused: AuditEntry = { ...e, id: '0b8e7c1e-1111-4222-8333-444455556667', actor: 'anonymous', action: 'session.refused', target: 'account:nurse-a', before: null, after: { reason: 'password' } };
  const b = toFhirAuditBundle([e, refused]);
  assert.equal(b.resourceType, 'Bundle');
  assert.equal(b.total, 2);
  const [ack, signIn] = b.entry.map((x) => x.resource);
  assert.equal(ack!.resourceType, 'AuditEvent');
  assert.equal(ack!.recorded, e.at);
  assert.equal(ack!.agent[0]!.who.identifier.value, 'nurse-a');
  assert.equal(ack!.outcome, '0');
  assert.deepEqual(ack!.entity[0]!.detail.map((d) => d.valueString), ['{"state":"open"}', '{"requested":"acknowledge"}']);
  assert.equal(signIn!.type.code, '110114', 'DICOM user authentication');
  assert.equal(signIn!.outcome, '4', 'a refused sign-in is a minor failure');
});
