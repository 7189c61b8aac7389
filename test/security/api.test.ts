// The clinician API's limits (issue 16), against the real Kafka, InfluxDB and Mosquitto.
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { startFull } from '../helpers/full.js';
import { waitFor } from '../helpers/pipeline.js';

test('API: security headers, /metrics behind a token, bounded FHIR range, rate limit on auth failures', async (t) => {
  const f = await startFull(t);
  const get = (path: string, token: string | null, init: RequestInit = {}) => fetch(`${f.url}${path}`, { ...init, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
  for (const path of ['/', '/api/v1/patients']) {
    const res = await get(path, f.tokens.clinician);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'.*frame-ancestors 'none'/, path);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
  }
  assert.equal((await get('/api/v1/patients', f.tokens.clinician)).headers.get('cache-control'), 'no-store');
  assert.equal((await get('/metrics', null)).status, 401, '/metrics needs a token');
  assert.equal((await get('/metrics', f.tokens.clinician)).status, 403, 'and the operator role');
  assert.match(await (await get('/metrics', f.tokens.operator)).text(), /vitals_api_requests_total/);
  assert.equal((await get('/api/v1/patients/pat-00001/fhir?start=1970-01-01T00:00:00Z', f.tokens.clinician)).status, 400, 'FHIR range from 1970 refused');
  assert.equal((await get(`/api/v1/patients/pat-00001/fhir?start=${new Date(Date.now() - 6 * 86_400_000).toISOString()}`, f.tokens.clinician)).status, 200, '6 days is fine');
  // Guessing tokens: after a burst of failures the client is refused for a while, even with a good token.
  let limited = 0;
  for (let i = 0; i < 40; i++) if ((await get('/api/v1/patients', `guess-${i}-0123456789abcdef`)).status === 429) limited++;
  assert.ok(limited > 0, 'auth failures rate limited');
  const blocked = await get('/api/v1/patients', f.tokens.clinician);
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
});

test('API stream: one-time tickets instead of tokens in URLs, a connection cap, slow readers dropped', async (t) => {
  const f = await startFull(t, { api: { maxStreams: 3, streamBufferBytes: 256 * 1024 } });
  const ticket = async () => {
    const res = await fetch(`${f.url}/api/v1/stream/ticket`, { method: 'POST', headers: { Authorization: `Bearer ${f.tokens.clinician}` } });
    assert.equal(res.status, 201);
    return ((await res.json()) as { ticket: string }).ticket;
  };
  const ctrl = new AbortController();
  t.after(() => ctrl.abort());
  assert.equal((await fetch(`${f.url}/api/v1/stream?token=${encodeURIComponent(f.tokens.clinician)}`, { signal: ctrl.signal })).status, 401, 'a token in the URL is no longer accepted');
  const tk = await ticket();
  const first = await fetch(`${f.url}/api/v1/stream?ticket=${tk}`, { signal: ctrl.signal });
  assert.equal(first.status, 200);
  assert.equal((await fetch(`${f.url}/api/v1/stream?ticket=${tk}`, { signal: ctrl.signal })).status, 401, 'a ticket works once');
  // Cap: 3 streams; the 4th is refused.
  const second = await fetch(`${f.url}/api/v1/stream?ticket=${await ticket()}`, { signal: ctrl.signal });
  assert.equal(second.status, 200);
  // A slow reader: a raw connection that never reads.
  const port = Number(new URL(f.url).port);
  const slow = net.connect({ host: '127.0.0.1', port });
  t.after(() => slow.destroy());
  await new Promise<void>((r) => slow.once('connect', () => r()));
  slow.write(`GET /api/v1/stream?ticket=${await ticket()} HTTP/1.1\r\nHost: x\r\n\r\n`);
  await new Promise<void>((r) => slow.once('readable', () => r()));
  slow.pause();
  assert.equal((await fetch(`${f.url}/api/v1/stream?ticket=${await ticket()}`, { signal: ctrl.signal })).status, 503, 'the 4th stream is refused');
  // The readers that read keep up; the one that does not is cut off once its buffer passes the bound.
  const big = { patientId: 'pat-flood', deviceId: 'dev-flood', at: Date.now(), values: { note: 'x'.repeat(16_384) }, battery: 50 };
  const drain = async (res: Response) => { const r = res.body!.getReader(); for (;;) { const { done } = await r.read().catch(() => ({ done: true })); if (done) return; } };
  void drain(first); void drain(second);
  const metrics = async () => (await fetch(`${f.url}/metrics`, { headers: { Authorization: `Bearer ${f.tokens.operator}` } })).text();
  // The server side tells: the client's paused socket sees no FIN while its buffer is unread.
  await waitFor('the slow reader dropped', async () => {
    // 64 KiB per 50 ms: the readers that read drain it between bursts; the slow one's buffer grows.
    for (let i = 0; i < 4; i++) f.view.events.emit('vitals', big);
    return /vitals_api_streams_dropped_total [1-9]/.test(await metrics()) ? true : undefined;
  }, 30_000, 50).catch(async (err: unknown) => { throw new Error(`${(err as Error).message}\n${(await metrics()).split('\n').filter((l) => l.startsWith('vitals_api_stream')).join('\n')}`); });
  const streams = Number(/vitals_api_streams (\d+)/.exec(await metrics())?.[1]);
  assert.equal(streams, 2, 'two readers left');
  assert.match(await metrics(), /vitals_api_streams_dropped_total 1\n/, 'only the slow one dropped');
});
