import { createHash, timingSafeEqual } from 'node:crypto';

export type Role = 'clinician' | 'operator';

/** Bearer tokens from config, compared in constant time (on their hashes, so lengths leak nothing). */
export function createAuthenticator(tokens: { clinician: string[]; operator: string[] }) {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const table = [
    ...tokens.operator.map((t) => ({ hash: digest(t), role: 'operator' as const })),
    ...tokens.clinician.map((t) => ({ hash: digest(t), role: 'clinician' as const })),
  ];
  return (authorization: string | undefined): Role | null => {
    const m = /^Bearer ([A-Za-z0-9._~+/=-]{8,512})$/.exec(authorization ?? '');
    if (!m) return null;
    const h = digest(m[1]!);
    let found: Role | null = null;
    for (const entry of table) if (timingSafeEqual(entry.hash, h) && !found) found = entry.role;
    return found;
  };
}

/** What each role may do. */
export const can = (role: Role, action: 'read' | 'acknowledge' | 'manage') => action !== 'manage' || role === 'operator';
