// The live stream: server-sent events of vitals, alert changes, device status, observations
// and the monitoring state, filtered to the reader's wards. EventSource cannot set headers, and
// a token in a URL leaks into logs and history: the page trades its token (header) for a
// one-time ticket valid 30 s, and opens the stream with the ticket.
import type { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../common/logger.js';
import type { createTicketStore } from './limits.js';
import type { MonitoringStatus } from './monitoring.js';
import type { Principal } from './principal.js';
import { fail, type RouteKit } from './route-kit.js';

export interface StreamRouteDeps {
  kit: RouteKit;
  /** The principal of a bearer token (401 and the failure limiter as for every route). */
  authenticate: (req: FastifyRequest, authorization: string | undefined) => Principal;
  tickets: ReturnType<typeof createTicketStore>;
  /** The live view's events: 'alert', 'vitals', 'status', 'monitoring', 'observation'. */
  events: EventEmitter;
  monitoring: () => MonitoringStatus;
  registry: Registry;
  log: Logger;
  /** Concurrent streams; more are refused with 503. */
  maxStreams: number;
  /** Bytes a stream may have unsent before its (slow) reader is dropped. */
  bufferBytes: number;
  /** How long a ticket is good for (ms), as the ticket store was made. */
  ticketTtlMs: number;
}

const EVENTS = ['alert', 'vitals', 'status', 'monitoring', 'observation'] as const;

export const streamRoutes: FastifyPluginAsync<StreamRouteDeps> = async (app, d) => {
  const { kit, authenticate, tickets, events, log } = d;
  const streams = new Set<ServerResponse>();
  const streamGauge = new Gauge({ name: 'vitals_api_streams', help: 'Open live streams', registers: [d.registry] });
  const slowDropped = new Counter({ name: 'vitals_api_streams_dropped_total', help: 'Live streams closed because the reader fell behind', registers: [d.registry] });
  app.addHook('onClose', async () => { for (const res of streams) res.end(); });

  app.post('/api/v1/stream/ticket', { preHandler: kit.auth('read') }, async (req, reply) => {
    const ticket = tickets.issue(req.principal) ?? fail('API_ERR_UNAVAILABLE', 'too many outstanding stream tickets');
    return reply.code(201).send({ ticket, expiresInMs: d.ticketTtlMs });
  });

  app.get('/api/v1/stream', async (req, reply) => {
    const ticket = (req.query as { ticket?: string }).ticket;
    const principal = req.headers.authorization ? authenticate(req, req.headers.authorization)
      : (typeof ticket === 'string' && tickets.redeem(ticket)) || authenticate(req, undefined);
    if (streams.size >= d.maxStreams) fail('API_ERR_UNAVAILABLE', `too many live streams (${d.maxStreams})`);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no', 'X-Content-Type-Options': 'nosniff' });
    res.write('retry: 2000\n\n');
    // A ward-restricted reader gets its wards' patients only; device status by the device's patient.
    const visible = (data: unknown) => {
      const e = data as { patientId?: string; deviceId?: string } | null;
      if (principal.wards === 'all' || !e || typeof e !== 'object' || (e.patientId === undefined && e.deviceId === undefined)) return true;
      return typeof e.patientId === 'string' && e.patientId !== '' && kit.sees(principal, e.patientId);
    };
    // A reader that does not keep up is dropped (it reconnects and reloads) instead of
    // buffering without bound in this process.
    const send = (event: string) => (data: unknown) => {
      if (res.destroyed || !visible(data)) return;
      if (res.writableLength > d.bufferBytes) { slowDropped.inc(); log.warn({ buffered: res.writableLength }, 'slow stream reader dropped'); res.destroy(); return; }
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const handlers = EVENTS.map((e) => [e, send(e)] as const);
    send('monitoring')(d.monitoring());
    for (const [e, h] of handlers) events.on(e, h);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    streams.add(res);
    streamGauge.set(streams.size);
    res.on('close', () => {
      streams.delete(res);
      streamGauge.set(streams.size);
      clearInterval(ping);
      for (const [e, h] of handlers) events.off(e, h);
    });
  });
};
