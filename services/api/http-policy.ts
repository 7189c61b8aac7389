// What every response of the API gets: the security headers (issue 16), no caching of data,
// errors as { error: <registry code>, message } with the registry's status, and 404 for
// unknown routes. Applied to the root instance, so every route plugin inherits it.
import type { FastifyInstance } from 'fastify';
import { VitalsError, httpStatusOf } from '../common/errors.js';
import type { Logger } from '../common/logger.js';

// The dashboard loads only its own scripts and styles; uPlot sets element styles, hence style-src 'unsafe-inline'.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function applyHttpPolicy(app: FastifyInstance, log: Logger): void {
  app.addHook('onSend', async (req, reply) => {
    void reply.header('X-Content-Type-Options', 'nosniff');
    void reply.header('X-Frame-Options', 'DENY');
    void reply.header('Referrer-Policy', 'no-referrer');
    void reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    void reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    void reply.header('Strict-Transport-Security', 'max-age=31536000');
    void reply.header('Content-Security-Policy', CSP);
    if (req.url.startsWith('/api/') || req.url.startsWith('/metrics')) void reply.header('Cache-Control', 'no-store');
  });
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; validation?: unknown; retryAfter?: number }, _req, reply) => {
    // Our own errors answer with the registry's status; fastify's (body too large, bad JSON) keep theirs.
    const status = err instanceof VitalsError ? httpStatusOf(err.code) : err.statusCode ?? 500;
    if (err.retryAfter) void reply.header('Retry-After', String(err.retryAfter));
    if (status >= 500) log.error({ err }, 'request failed');
    const code = err instanceof VitalsError ? err.code : status === 413 ? 'API_ERR_BAD_REQUEST' : status === 400 ? 'API_ERR_BAD_REQUEST' : status === 404 ? 'API_ERR_NOT_FOUND' : 'API_ERR_INTERNAL';
    void reply.code(status).send({ error: code, message: status >= 500 ? 'internal error' : err.message });
  });
  app.setNotFoundHandler((_req, reply) => { void reply.code(httpStatusOf('API_ERR_NOT_FOUND')).send({ error: 'API_ERR_NOT_FOUND', message: 'no such route' }); });
}
