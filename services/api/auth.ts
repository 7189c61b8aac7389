import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal, Role } from './principal.js';
import type { Sessions } from './sessions.js';

export { seesWard, type Principal, type Role } from './principal.js';

/**
 * Static bearer tokens from config, compared in constant time (on their hashes, so lengths
 * leak nothing): the bootstrap and service mechanism, all wards. Session tokens of named
 * accounts (`vs1.`) go to `sessions`.
 */
export function createAuthenticator(tokens: { clinician: string[]; operator: string[] }, sessions?: Pick<Sessions, 'verify'>) {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const table = [
    ...tokens.operator.map((t) => ({ hash: digest(t), role: 'operator' as const })),
    ...tokens.clinician.map((t) => ({ hash: digest(t), role: 'clinician' as const })),
  ];
  return (authorization: string | undefined): Principal | null => {
    const m = /^Bearer ([A-Za-z0-9._~+/=-]{8,1024})$/.exec(authorization ?? '');
    if (!m) return null;
    const h = digest(m[1]!);
    let found: Role | null = null;
    for (const entry of table) if (timingSafeEqual(entry.hash, h) && !found) found = entry.role;
    if (found) return { id: `token:${found}`, role: found, wards: 'all' };
    return sessions?.verify(m[1]!) ?? null;
  };
}

/** What each role may do. */
export const can = (role: Role, action: 'read' | 'acknowledge' | 'manage') => action !== 'manage' || role === 'operator';
