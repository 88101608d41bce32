// /rerates: an admin asks for the sessions billed under a tariff in a period to be priced again
// from the log, after a tariff version was corrected. The request goes to csms.billing.rerates;
// the processors run it and write, for each session whose price moved, a credit for its CDR and
// a Correction, never an edit. A dry run only says what would change.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RerateRequested } from '@csms/contracts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { rerateDetail, rerateView } from '../billing-schemas.ts';
import { MAX_WAIT_SECONDS } from '../command-schemas.ts';
import { ApiError } from '../errors.ts';
import { awaitVisible } from '../read-your-writes.ts';
import { errorResponses, pageOf, pageQuery } from '../schemas.ts';
import { tariffIdString } from '../tariff-schemas.ts';
import { existingTariff } from '../tariff-writes.ts';

interface RerateBody { tariffId: string; from: string; to: string; dryRun?: boolean; reason?: string }

const rerateBody = {
  type: 'object', additionalProperties: false, required: ['tariffId', 'from', 'to'],
  properties: {
    tariffId: tariffIdString,
    from: { type: 'string', format: 'date-time', description: 'Sessions whose span meets [from, to), in station time', examples: ['2025-01-01T00:00:00Z'] },
    to: { type: 'string', format: 'date-time', examples: ['2025-02-01T00:00:00Z'] },
    dryRun: { type: 'boolean', default: false, description: 'Only say what would change' },
    reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Shown on every credit it writes' },
  },
  examples: [{ tariffId: 'standard-ac', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z', dryRun: true, reason: 'energy price was 0.35, should be 0.30' }],
} as const;

export function registerRerateRoutes(app: FastifyInstance, options: AppOptions): void {
  const reads = options.billing.reads;

  app.post<{ Body: RerateBody; Querystring: { wait: number } }>('/rerates', {
    config: { role: 'admin' },
    schema: {
      tags: ['rerates'],
      description: `Prices again, from the log, every session billed under the tariff whose span meets the period, with the tariff's versions as they are now. Each session whose price changed gets a credit for its CDR and a Correction CDR; history is never edited. Running the same re-rating again changes nothing. Answers 200 once the processors ran it (within \`?wait=\` seconds), else 202 with it Requested.`,
      body: rerateBody,
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { wait: { type: 'integer', minimum: 0, maximum: MAX_WAIT_SECONDS, default: 30, description: 'Seconds to wait for it to run' } },
      },
      response: { 200: rerateDetail, 202: rerateDetail, ...errorResponses('TARIFF_NOT_FOUND', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const { tariffId, dryRun = false } = request.body;
    const from = Date.parse(request.body.from);
    const to = Date.parse(request.body.to);
    if (from >= to) throw new ApiError('VALIDATION_FAILED', 'from must be before to');
    await existingTariff(options, tariffId);
    const record: RerateRequested = {
      type: 'RerateRequested', rerateId: `RR-${randomUUID()}`, at: options.clock(), tariffId, from, to, dryRun,
      reason: request.body.reason ?? `tariff ${tariffId} re-rated`, requestedBy: principalOf(request).id,
    };
    await options.writer.write({ topic: 'rerates', key: record.rerateId, value: await options.serde.encode('rerates', record) });
    const { value } = await awaitVisible(() => reads.findRerate(options.pool, record.rerateId), (row) => row !== undefined && row.status !== 'Requested', {
      timeoutMs: request.query.wait * 1000, intervalMs: options.readYourWrites.intervalMs, clock: options.clock,
    });
    if (value !== undefined && value.status !== 'Requested') return reply.code(200).send(value);
    return reply.code(202).send({
      rerateId: record.rerateId, tariffId, from: new Date(from).toISOString(), to: new Date(to).toISOString(), dryRun, reason: record.reason,
      requestedBy: record.requestedBy, requestedAt: new Date(record.at).toISOString(), status: 'Requested', error: null, sessions: null,
    });
  });

  app.get<{ Querystring: { limit: number; offset: number } }>('/rerates', {
    config: { role: 'viewer' },
    schema: {
      tags: ['rerates'], description: 'Re-ratings, newest first.',
      querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery } },
      response: { 200: pageOf(rerateView), ...errorResponses() },
    },
  }, async (request) => {
    const { limit, offset } = request.query;
    return { ...(await reads.listRerates(options.pool, { limit, offset })), limit, offset };
  });

  app.get<{ Params: { id: string } }>('/rerates/:id', {
    config: { role: 'viewer' },
    schema: {
      tags: ['rerates'], description: 'One re-rating, with what it found for each session it touched.',
      params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100, examples: ['RR-0f8e6f1c-5a7b-4c1e-9a53-2f1d6c9b7e10'] } } },
      response: { 200: rerateDetail, ...errorResponses('RERATE_NOT_FOUND') },
    },
  }, async (request) => {
    const found = await reads.findRerate(options.pool, request.params.id);
    if (found === undefined) throw new ApiError('RERATE_NOT_FOUND', `re-rating ${request.params.id} not found`);
    return found;
  });
}
