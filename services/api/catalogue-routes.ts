// The vital catalogue for clients (GET /api/v1/vitals): keys, names, LOINC, UCUM and default
// limits, so the dashboard and API clients never hard-code them (issue 13).
import type { FastifyPluginAsync } from 'fastify';
import { vitalCatalogueView } from '../common/vital-kinds.js';
import type { RouteKit } from './route-kit.js';

export const catalogueRoutes: FastifyPluginAsync<{ kit: RouteKit }> = async (app, { kit }) => {
  const body = { vitals: vitalCatalogueView() };
  app.get('/api/v1/vitals', { preHandler: kit.auth('read') }, async () => body);
};
