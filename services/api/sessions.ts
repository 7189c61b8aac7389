// Signed session tokens for named accounts (issue 15): HMAC-SHA256 over the claims with the
// stack's API_SESSION_SECRET, so any API replica verifies them. Each request also checks the
// account: a disabled account, or one signed out after the token was issued, is refused at once.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccountStore } from './accounts.js';
import type { Principal } from './principal.js';

export const SESSION_PREFIX = 'vs1.';

export interface SessionOptions {
  secret: string;
  /** Longest a sign-in lasts, refreshes included. @defaultValue 43_200_000 (12 h) */
  absoluteMs: number;
  /** A token not refreshed for this long expires. @defaultValue 1_800_000 (30 min) */
  idleMs: number;
}

interface Claims { u: string; sid: string; auth: number; iat: number; exp: number }

export interface Sessions {
  issue(username: string, authAt?: number): { token: string; expiresAt: number; absoluteExpiresAt: number };
  /** The principal of a valid, unexpired token of an enabled account, else null. */
  verify(token: string): Principal | null;
  /** A fresh token for the same sign-in (idle window restarts; the absolute end stays). */
  refresh(token: string): { token: string; expiresAt: number; absoluteExpiresAt: number } | null;
}

export function createSessions(o: SessionOptions, accounts: Pick<AccountStore, 'get'>, now: () => number = Date.now): Sessions {
  if (Buffer.byteLength(o.secret) < 32) throw new Error('API_SESSION_SECRET needs at least 32 bytes');
  const sign = (body: string) => createHmac('sha256', o.secret).update(body).digest();
  const claimsOf = (token: string): Claims | null => {
    if (!token.startsWith(SESSION_PREFIX)) return null;
    const [body, sig] = token.slice(SESSION_PREFIX.length).split('.');
    if (!body || !sig) return null;
    const given = Buffer.from(sig, 'base64url');
    const expected = sign(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try { return JSON.parse(Buffer.from(body, 'base64url').toString()) as Claims; } catch { return null; }
  };
  const valid = (c: Claims | null) => {
    if (!c || typeof c.exp !== 'number' || c.exp <= now() || now() - c.auth >= o.absoluteMs) return null;
    const a = accounts.get(c.u);
    if (!a || a.disabled || c.iat < a.sessionsValidFrom) return null;
    return a;
  };
  const issue = (username: string, authAt = now()) => {
    const t = now();
    const absoluteExpiresAt = authAt + o.absoluteMs;
    const claims: Claims = { u: username, sid: randomBytes(9).toString('base64url'), auth: authAt, iat: t, exp: Math.min(t + o.idleMs, absoluteExpiresAt) };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${SESSION_PREFIX}${body}.${sign(body).toString('base64url')}`, expiresAt: claims.exp, absoluteExpiresAt };
  };
  return {
    issue,
    verify(token) {
      const a = valid(claimsOf(token));
      return a ? { id: a.username, role: a.role, wards: a.wards } : null;
    },
    refresh(token) {
      const c = claimsOf(token);
      return valid(c) ? issue(c!.u, c!.auth) : null;
    },
  };
}
