// Who may do what (issue 15): the request's principal from its bearer token or session, the
// failed-authentication limiter (429), and ward scoping of patient-scoped routes (403).
import type { FastifyRequest } from 'fastify';
import type { Counter } from 'prom-client';
import { VitalsError, type ErrorCode } from '../common/errors.js';
import type { Principal } from './principal.js';
import { seesWard } from './principal.js';
import type { createAuthFailureLimiter } from './limits.js';
import type { WardLookup } from './ward-lookup.js';

export function createAccess(deps: {
  authenticateToken: (authorization: string | undefined) => Principal | null;
  limiter: ReturnType<typeof createAuthFailureLimiter>;
  authFailures: Counter<'result'>;
  wards: WardLookup;
  fail: (code: ErrorCode, message: string) => never;
}) {
  const { limiter, authFailures, fail } = deps;
  const guard = {
    /** Throws 429 while the client address is over the failure limit. */
    check(req: FastifyRequest) {
      const wait = limiter.blockedFor(req.ip);
      if (wait > 0) {
        authFailures.inc({ result: 'limited' });
        throw Object.assign(new VitalsError('API_ERR_RATE_LIMITED', 'too many failed authentications; try again later'), { statusCode: 429, retryAfter: wait });
      }
    },
    failed(req: FastifyRequest) { limiter.failed(req.ip); authFailures.inc({ result: 'refused' }); },
  };
  /** Ward-restricted accounts act on their wards' patients only; a patient on no known ward is nobody's but 'all'. */
  const sees = (p: Principal, pid: string) => seesWard(p, deps.wards.wardOf(pid));
  return {
    guard,
    sees,
    /** Principal of a request's bearer token; counts failures per address and refuses a client over the limit. */
    authenticate(req: FastifyRequest, authorization: string | undefined): Principal {
      guard.check(req);
      const principal = deps.authenticateToken(authorization);
      if (principal) return principal;
      guard.failed(req);
      return fail('API_ERR_UNAUTHORIZED', 'a valid bearer token or session is required (sessions expire)');
    },
    /** 403 for a patient outside the principal's wards (the same answer for an unknown one: no leak beyond the id). */
    scope(req: FastifyRequest, pid: string) {
      if (!sees(req.principal, pid)) fail('API_ERR_FORBIDDEN_WARD', `patient ${pid} is not on your wards`);
    },
  };
}
