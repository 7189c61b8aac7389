// Routes of people (issue 15): sign-in sessions, named accounts (operators create and
// disable them) and the audit trail (operators query it; nothing edits or deletes it).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { USERNAME_RE, WARD_RE, publicAccount, type Account, type AccountStore } from './accounts.js';
import { toFhirAuditBundle, type AuditTrail } from './audit.js';
import { PASSWORD_MAX, PASSWORD_MIN, hashPassword, verifyPassword } from './passwords.js';
import { auditFirst, auditUnavailable, fail, parse, type RouteKit } from './route-kit.js';
import { SESSION_PREFIX, type Sessions } from './sessions.js';

/** What the routes use of the account store (services/api/accounts.ts). */
export type PeopleAccounts = Pick<AccountStore, 'get' | 'list' | 'put'>;

export interface PeopleRouteDeps {
  kit: RouteKit;
  accounts: PeopleAccounts;
  sessions: Pick<Sessions, 'issue' | 'refresh'>;
  /** The audit trail to query; without it the audit routes are absent. */
  trail?: Pick<AuditTrail, 'query'> | undefined;
  /** The API's authentication-failure limiter: throws 429 when the client is over it; `failed` counts one. */
  guard: { check(req: FastifyRequest): void; failed(req: FastifyRequest): void };
}

const username = z.string().regex(USERNAME_RE, 'username: 3-64 of a-z 0-9 . _ -, starting with a letter or digit');
// Names the audit trail uses for others (failed sign-ins, the system) are not usernames.
const newUsername = username.refine((u) => !['anonymous', 'system', 'none'].includes(u), 'username is reserved');
const password = z.string().min(PASSWORD_MIN, `password: at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX);
const bearer = (req: FastifyRequest) => /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';

export const peopleRoutes: FastifyPluginAsync<PeopleRouteDeps> = async (app, deps) => {
  const { accounts, sessions, guard } = deps;
  const { auth, audit } = deps.kit;
  const nowIso = () => new Date().toISOString();
  // Each scrypt takes 32 MiB and tens of ms of CPU: a burst of sign-ins (before the failure
  // limiter has counted them) is refused, not queued without bound.
  let hashing = 0;
  const MAX_HASHING = 4;
  const scryptSlot = async <T>(work: () => Promise<T>): Promise<T> => {
    if (hashing >= MAX_HASHING) fail('API_ERR_UNAVAILABLE', 'too many sign-ins at once; retry in a moment');
    hashing++;
    try { return await work(); } finally { hashing--; }
  };

  // ---- sessions
  app.post('/api/v1/session', async (req, reply) => {
    guard.check(req);
    const body = parse(z.object({ username: z.string().max(64), password: z.string().max(PASSWORD_MAX) }).strict(), req.body);
    const account = USERNAME_RE.test(body.username) ? accounts.get(body.username) : undefined;
    // Unknown user, wrong password and disabled account: one answer, the same work.
    const ok = await scryptSlot(() => verifyPassword(body.password, account?.passwordHash));
    if (!ok || !account || account.disabled) {
      guard.failed(req);
      await audit({ actor: 'anonymous', role: 'none', action: 'session.refused', target: `account:${USERNAME_RE.test(body.username) ? body.username : '?'}`, before: null, after: { reason: !account ? 'unknown' : account.disabled ? 'disabled' : 'password' } }).catch(() => undefined);
      return fail('API_ERR_SIGN_IN_FAILED', 'wrong username or password, or the account is disabled');
    }
    const session = sessions.issue(account.username);
    try { await audit({ actor: account.username, role: account.role, action: 'session.create', target: `account:${account.username}`, before: null, after: { expiresAt: new Date(session.absoluteExpiresAt).toISOString() } }); } catch { auditUnavailable(); }
    return reply.code(201).header('cache-control', 'no-store').send({ ...session, principal: { id: account.username, role: account.role, wards: account.wards } });
  });
  app.get('/api/v1/session', { preHandler: auth('read') }, async (req) => req.principal);
  app.post('/api/v1/session/refresh', { preHandler: auth('read') }, async (req, reply) => {
    const token = bearer(req);
    if (!token.startsWith(SESSION_PREFIX)) fail('API_ERR_BAD_REQUEST', 'only a session token is refreshed; static tokens do not expire');
    const s = sessions.refresh(token) ?? fail('API_ERR_UNAUTHORIZED', 'session expired');
    return reply.code(201).header('cache-control', 'no-store').send(s);
  });
  // Sign-out ends every session of the account (tokens are stateless; the account's
  // sessionsValidFrom is what every replica checks).
  app.delete('/api/v1/session', { preHandler: auth('read') }, async (req, reply) => {
    const a = accounts.get(req.principal.id);
    if (!bearer(req).startsWith(SESSION_PREFIX) || !a) return reply.code(204).send();
    const after: Account = { ...a, sessionsValidFrom: Date.now() + 1, updatedAt: nowIso() };
    await auditFirst(audit, { actor: a.username, role: a.role, action: 'session.end', target: `account:${a.username}`, before: null, after: null }, () => accounts.put(after));
    return reply.code(204).send();
  });

  // ---- accounts (operators)
  app.get('/api/v1/accounts', { preHandler: auth('manage') }, async () => ({ accounts: accounts.list().map(publicAccount) }));
  app.post('/api/v1/accounts', { preHandler: auth('manage') }, async (req, reply) => {
    const body = parse(z.object({ username: newUsername, password, role: z.enum(['clinician', 'operator']), wards: z.array(z.string().regex(WARD_RE, 'ward: 1-64 of A-Z a-z 0-9 . _ -')).max(50).optional() }).strict()
      .refine((b) => b.role === 'operator' || (b.wards?.length ?? 0) > 0, 'a clinician needs at least one ward'), req.body);
    if (accounts.get(body.username)) fail('API_ERR_CONFLICT', `account ${body.username} exists`);
    const t = nowIso();
    const account: Account = {
      username: body.username, role: body.role, wards: body.role === 'operator' ? 'all' : [...new Set(body.wards)],
      passwordHash: await scryptSlot(() => hashPassword(body.password)), disabled: false, sessionsValidFrom: 0, createdAt: t, createdBy: req.principal.id, updatedAt: t,
    };
    await auditFirst(audit, { actor: req.principal.id, role: req.principal.role, action: 'account.create', target: `account:${account.username}`, before: null, after: publicAccount(account) }, () => accounts.put(account));
    return reply.code(201).send(publicAccount(account));
  });
  const setDisabled = (disabled: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const name = parse(username, (req.params as { username: string }).username);
    const a = accounts.get(name) ?? fail('API_ERR_NOT_FOUND', `no account ${name}`);
    if (disabled && a.username === req.principal.id) fail('API_ERR_CONFLICT', 'an operator cannot disable their own account');
    const after: Account = { ...a, disabled, sessionsValidFrom: disabled ? Date.now() + 1 : a.sessionsValidFrom, updatedAt: nowIso() };
    await auditFirst(audit, { actor: req.principal.id, role: req.principal.role, action: disabled ? 'account.disable' : 'account.enable', target: `account:${name}`, before: publicAccount(a), after: publicAccount(after) }, () => accounts.put(after));
    return reply.send(publicAccount(after));
  };
  app.post('/api/v1/accounts/:username/disable', { preHandler: auth('manage') }, setDisabled(true));
  app.post('/api/v1/accounts/:username/enable', { preHandler: auth('manage') }, setDisabled(false));

  // ---- audit trail (operators; read only: there is no route that writes, edits or deletes it)
  if (deps.trail) {
    const trail = deps.trail;
    const time = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time').transform((s) => Date.parse(s));
    const filters = z.object({ target: z.string().max(200).optional(), actor: z.string().max(100).optional(), action: z.string().max(64).optional(), since: time.optional(), until: time.optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict();
    app.get('/api/v1/audit', { preHandler: auth('manage') }, async (req) => ({ entries: trail.query(parse(filters, req.query)) }));
    app.get('/api/v1/audit/fhir', { preHandler: auth('manage') }, async (req, reply) => reply.type('application/fhir+json').send(toFhirAuditBundle(trail.query(parse(filters, req.query)))));
  }
};
