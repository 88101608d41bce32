// Records a processor or projection set aside (csms.dead-letter), newest first, for operators:
// what failed, why, and whether a re-drive (`npm run redrive`, POST /dead-letters/{id}/redrive) has
// handled it since. The record's bytes stay
// in the read model for the re-drive; only their size is shown.
import type { FastifyInstance } from 'fastify';
import { listDeadLetters, type DeadLetterStatus } from '@csms/projections/dead-letters/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { errorResponses, nullableStr, nullableTime, pageOf, pageQuery, str } from '../schemas.ts';

interface Query { consumer?: string; status?: DeadLetterStatus; reason?: string; limit: number; offset: number }

const deadLetterView = {
  type: 'object',
  properties: {
    id: str, consumer: str, sourceTopic: str, partition: { type: 'integer' }, offset: str, key: nullableStr, reason: str, error: str,
    recordedAt: { type: 'string', format: 'date-time' }, valueBytes: { type: 'integer' }, status: { type: 'string', enum: ['open', 'redriven'] },
    redrivenAt: nullableTime, redrivenBy: nullableStr, redriveOutcome: nullableStr,
    lastRedriveError: { ...nullableStr, description: 'Why the last re-drive asked for through POST /dead-letters/{id}/redrive failed; null once one succeeds' },
    lastRedriveAttemptAt: nullableTime,
  },
} as const;

const query = {
  consumer: { type: 'string', minLength: 1, maxLength: 100 },
  status: { type: 'string', enum: ['open', 'redriven'] },
  reason: { type: 'string', enum: ['DECODE_FAILED', 'DECIDE_FAILED', 'ENCODE_FAILED', 'TOO_LARGE', 'DB_REFUSED', 'UNHANDLED'] },
  ...pageQuery,
} as const;

export function registerDeadLetterRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Querystring: Query }>('/dead-letters', {
    config: { role: 'admin' },
    schema: {
      tags: ['dead-letters'],
      description: 'Records a processor or projection set aside, newest first. `POST /dead-letters/{id}/redrive` (or `npm run redrive -- <id>`) handles one again once a fix is deployed.',
      querystring: { type: 'object', additionalProperties: false, properties: query },
      response: { 200: pageOf(deadLetterView), ...errorResponses() },
    },
  }, async (request) => {
    const { limit, offset } = request.query;
    return { ...(await listDeadLetters(options.pool, request.query)), limit, offset };
  });
}
