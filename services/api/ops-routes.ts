// Operations on the API's own port: liveness (public), the OpenAPI document (public), and the
// metrics (operators only: they name patients' device counts, routes and timings, issue 16).
import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';
import { openApiDocument } from './openapi.js';
import type { RouteKit } from './route-kit.js';

export interface OpsRouteDeps { kit: RouteKit; registry: Registry }

export const opsRoutes: FastifyPluginAsync<OpsRouteDeps> = async (app, { kit, registry }) => {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/openapi.json', async () => openApiDocument);
  app.get('/metrics', { preHandler: kit.auth('manage') }, async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
};
