/* global fetch, AbortSignal */
// Container healthcheck: /healthz of the service's ops server (OPS_PORT), or of the API
// (API_PORT) for `vitals api`, which serves it on its own port. Exit 0 = healthy.
const port = process.env.HEALTHCHECK_PORT ?? process.env.OPS_PORT ?? '9464';
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3000) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
