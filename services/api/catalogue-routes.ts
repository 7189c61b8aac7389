// The vital catalogue for clients (GET /api/v1/vitals): keys, names, LOINC, UCUM and default
// limits, so the dashboard and API clients never hard-code them (issue 13).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { vitalCatalogueView } from '../common/vital-kinds.js';

export function registerCatalogueRoutes(app: FastifyInstance, auth: (action: 'read') => (req: FastifyRequest) => Promise<void>): void {
  const body = { vitals: vitalCatalogueView() };
  app.get('/api/v1/vitals', { preHandler: auth('read') }, async () => body);
}
