// /statements: a month of what an id tag, a group, or an id tag within a group was billed (Final and Correction CDRs not
// credited, by their stoppedAt in UTC), with totals per currency.
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app-options.ts';
import { statementView } from '../billing-schemas.ts';
import { ApiError } from '../errors.ts';
import { errorResponses, idTokenString } from '../schemas.ts';

interface Query { idTag?: string; groupIdToken?: string; month: string }

/** At least one of idTag and groupIdToken: a statement is somebody's (a driver, a group, or a driver within a group). */
export function checkStatementQuery(query: Query): void {
  if (query.idTag === undefined && query.groupIdToken === undefined) {
    throw new ApiError('VALIDATION_FAILED', 'name idTag, groupIdToken, or both');
  }
}

export function registerStatementRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Querystring: Query }>('/statements', {
    config: { role: 'viewer' },
    schema: {
      tags: ['statements'],
      description: 'The billable CDRs (Final or Correction, not credited) of one id tag, one group, or (both given) one id tag within one group, '
        + 'whose stoppedAt falls in the UTC month, with totals per currency. At least one of idTag and groupIdToken is required.',
      querystring: {
        type: 'object', additionalProperties: false, required: ['month'],
        properties: {
          idTag: { ...idTokenString, description: 'The driver\'s id tag (with groupIdToken: within that group)', examples: ['TAG1'] },
          groupIdToken: { ...idTokenString, description: 'The group (1.6 parentIdTag, 2.0.1 groupIdToken; with idTag: only that id tag\'s CDRs in it)', examples: ['FLEET-A'] },
          month: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM, UTC', examples: ['2025-01'] },
        },
      },
      response: { 200: statementView, ...errorResponses() },
    },
  }, async (request) => {
    checkStatementQuery(request.query);
    const { idTag, groupIdToken, month } = request.query;
    return options.billing.reads.statementOf(options.pool, { ...(idTag === undefined ? {} : { idTag }), ...(groupIdToken === undefined ? {} : { groupIdToken }), month });
  });
}
