// /transactions/{id}/cost: what a session costs so far (its running cost, priced up to the newest
// meter reading) or, once its CDR is issued, what it was billed.
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app-options.ts';
import { sessionCostView } from '../billing-schemas.ts';
import { ApiError } from '../errors.ts';
import { errorResponses } from '../schemas.ts';

export function registerSessionCostRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Params: { id: number } }>('/transactions/:id/cost', {
    config: { role: 'viewer' },
    schema: {
      tags: ['transactions'],
      description: 'The running cost of a session, or its final cost once the CDR is issued (final: true). 404 COST_NOT_FOUND: the session is not billed.',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: -2147483648, maximum: 2147483647, examples: [7] } } },
      response: { 200: sessionCostView, ...errorResponses('COST_NOT_FOUND') },
    },
  }, async (request) => {
    const cost = await options.billing.reads.findSessionCost(options.pool, request.params.id);
    if (cost === undefined) throw new ApiError('COST_NOT_FOUND', `transaction ${request.params.id} has no cost: it is not billed`);
    return { ...cost, final: cost.cdrId !== null };
  });
}
