// Passwords (scrypt) and signed session tokens (issue 15): pure logic, an in-memory account table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Account } from '../../services/api/accounts.js';
import { hashPassword, verifyPassword } from '../../services/api/passwords.js';
import { createSessions } from '../../services/api/sessions.js';

test('scrypt hashes: explicit parameters, a salt per hash, verify only the right password', async () => {
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  assert.match(a, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, b, 'a fresh salt each time');
  assert.equal(await verifyPassword('correct horse battery', a), true);
  assert.equal(await verifyPassword('correct horse batterY', a), false);
  assert.equal(await verifyPassword('correct horse battery', undefined), false, 'no such user');
  assert.equal(await verifyPassword('x', 'scrypt$1$1$1$AA$AA'), false, 'a malformed hash');
  assert.ok(!a.includes('correct'));
});

test('session tokens: signed, idle and absolute expiry, disable and sign-out end them at once', () => {
  let now = 1_000_000;
  const account: Account = { username: 'nurse-a', role: 'clinician', wards: ['w1'], passwordHash: 'x', disabled: false, sessionsValidFrom: 0, createdAt: '', createdBy: '', updatedAt: '' };
  const table = new Map([['nurse-a', account]]);
  const s = createSessions({ secret: 's'.repeat(32), absoluteMs: 10_000, idleMs: 3_000 }, { get: (u) => table.get(u) }, () => now);
  assert.throws(() => createSessions({ secret: 'short', absoluteMs: 1, idleMs: 1 }, { get: () => undefined }), /32 bytes/);
  const { token, expiresAt } = s.issue('nurse-a');
  assert.equal(expiresAt, now + 3_000);
  assert.deepEqual(s.verify(token), { id: 'nurse-a', role: 'clinician', wards: ['w1'] });
  // Tampered claims or signature, or another secret: refused.
  const [prefix, body, sig] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), u: 'op-one' })).toString('base64url');
  assert.equal(s.verify(`${prefix}.${forged}.${sig}`), null);
  assert.equal(s.verify(`${token}x`), null);
  assert.equal(createSessions({ secret: 't'.repeat(32), absoluteMs: 10_000, idleMs: 3_000 }, { get: (u) => table.get(u) }, () => now).verify(token), null);
  // Idle: refreshed within the window it lives on, never past the absolute end.
  now += 2_500;
  let t2 = s.refresh(token)!;
  assert.ok(t2);
  now += 2_500;
  assert.equal(s.verify(token), null, 'the old token idled out');
  assert.ok(s.verify(t2.token));
  for (let i = 0; i < 6; i++) { t2 = s.refresh(t2.token) ?? t2; now += 1_000; }
  assert.equal(t2.expiresAt, 1_000_000 + 10_000, 'capped by the absolute end');
  now = 1_000_000 + 10_000;
  assert.equal(s.verify(t2.token), null);
  assert.equal(s.refresh(t2.token), null);
  // Disable and sign-out.
  now = 2_000_000;
  const t3 = s.issue('nurse-a').token;
  table.set('nurse-a', { ...account, disabled: true });
  assert.equal(s.verify(t3), null, 'disabled: refused at once');
  table.set('nurse-a', { ...account, sessionsValidFrom: now + 1 });
  assert.equal(s.verify(t3), null, 'signed out: refused');
  now += 10;
  assert.ok(s.verify(s.issue('nurse-a').token), 'a new sign-in works');
  table.delete('nurse-a');
  assert.equal(s.verify(t3), null, 'an unknown account');
});
