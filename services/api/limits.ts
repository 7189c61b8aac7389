import { randomBytes } from 'node:crypto';
import type { Principal } from './principal.js';

/**
 * Authentication failures per client address in a fixed window: past `maxFailures` the
 * client is refused (429) until the window ends, good token or not. At most `maxClients`
 * addresses are tracked (the oldest are forgotten), so a flood cannot grow the map.
 */
export function createAuthFailureLimiter(o: { maxFailures: number; windowMs: number; maxClients: number }, now: () => number = Date.now) {
  const clients = new Map<string, { since: number; failures: number }>();
  const entry = (ip: string) => {
    const t = now();
    let e = clients.get(ip);
    if (e && t - e.since >= o.windowMs) { clients.delete(ip); e = undefined; }
    return e;
  };
  return {
    /** Seconds until the client may try again, or 0 when it is not blocked. */
    blockedFor(ip: string): number {
      const e = entry(ip);
      return e && e.failures >= o.maxFailures ? Math.max(1, Math.ceil((e.since + o.windowMs - now()) / 1000)) : 0;
    },
    failed(ip: string): void {
      const e = entry(ip);
      if (e) { e.failures++; return; }
      if (clients.size >= o.maxClients) clients.delete(clients.keys().next().value!);
      clients.set(ip, { since: now(), failures: 1 });
    },
    get size() { return clients.size; },
  };
}

/**
 * One-time stream tickets: EventSource cannot send an Authorization header, and a token in
 * a URL ends up in logs and history. A signed-in client trades its token (in a header) for
 * a random ticket valid once, for `ttlMs`. Bounded: at most `max` outstanding.
 */
export function createTicketStore(o: { ttlMs: number; max: number }, now: () => number = Date.now) {
  const tickets = new Map<string, { principal: Principal; expires: number }>();
  const sweep = () => { const t = now(); for (const [k, v] of tickets) if (v.expires <= t) tickets.delete(k); };
  return {
    issue(principal: Principal): string | null {
      if (tickets.size >= o.max) sweep();
      if (tickets.size >= o.max) return null;
      const ticket = randomBytes(24).toString('base64url');
      tickets.set(ticket, { principal, expires: now() + o.ttlMs });
      return ticket;
    },
    redeem(ticket: string): Principal | null {
      const t = tickets.get(ticket);
      if (!t) return null;
      tickets.delete(ticket);
      return t.expires > now() ? t.principal : null;
    },
  };
}
