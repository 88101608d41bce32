// /cdrs: the charge detail records billing issued, one at a time, paged, or a whole period as
// CSV or OCPI 2.2.1 JSON; /cdrs/credits: the credits that cancelled CDRs a re-rating replaced.
import type { FastifyInstance } from 'fastify';
import type { TariffVersion } from '@csms/contracts';
import type { CdrFilter } from '@csms/projections/billing/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { cdrDetail, cdrKind, cdrView, creditView } from '../billing-schemas.ts';
import { cdrCsv } from '../cdr-csv.ts';
import { ocpiCdrOf } from '../cdr-ocpi.ts';
import { ApiError } from '../errors.ts';
import { chargePointIdString, errorResponses, idTokenString, pageOf, pageQuery } from '../schemas.ts';
import { tariffIdString } from '../tariff-schemas.ts';

const CSV_EXAMPLE = 'cdr_id,kind,...,currency,total_excl_vat,vat,total_incl_vat,flags,issued_at\r\ncdr-CP001-7,Final,...,EUR,3.50,0.74,4.24,,2025-01-10T09:00:01.000Z\r\n';

/** The most CDRs one export answers; a bigger period is refused, not truncated. */
export const MAX_EXPORT_CDRS = 10_000;

const period = {
  from: { type: 'string', format: 'date-time', description: 'stoppedAt at or after (inclusive)', examples: ['2025-01-01T00:00:00Z'] },
  to: { type: 'string', format: 'date-time', description: 'stoppedAt before (exclusive)', examples: ['2025-02-01T00:00:00Z'] },
} as const;

const filters = {
  chargePointId: { ...chargePointIdString, examples: ['CP001'] }, idTag: { ...idTokenString, examples: ['TAG1'] },
  groupIdToken: { ...idTokenString, examples: ['FLEET-A'] }, tariffId: tariffIdString, kind: cdrKind,
  ...period,
  billable: { type: 'boolean', description: 'true: only what is billed (Final or Correction, not credited); false: only the rest' },
} as const;

type Filter = Omit<CdrFilter, 'limit' | 'offset'>;
interface ExportQuery extends Filter { format: 'csv' | 'ocpi'; from: string; to: string }

function checkPeriod(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && Date.parse(from) >= Date.parse(to)) {
    throw new ApiError('VALIDATION_FAILED', 'from must be before to');
  }
}

export function registerCdrRoutes(app: FastifyInstance, options: AppOptions): void {
  const reads = options.billing.reads;

  app.get<{ Querystring: CdrFilter }>('/cdrs', {
    config: { role: 'viewer' },
    schema: {
      tags: ['cdrs'], description: 'CDRs, newest stoppedAt first.',
      querystring: { type: 'object', additionalProperties: false, properties: { ...filters, ...pageQuery } },
      response: { 200: pageOf(cdrView), ...errorResponses() },
    },
  }, async (request) => {
    checkPeriod(request.query.from, request.query.to);
    const { limit, offset } = request.query;
    return { ...(await reads.listCdrs(options.pool, request.query)), limit, offset };
  });

  app.get<{ Querystring: ExportQuery }>('/cdrs/export', {
    config: { role: 'viewer' },
    schema: {
      tags: ['cdrs'],
      description: `Every CDR whose stoppedAt is in [from, to), oldest first: format=csv (RFC 4180, a header row, amounts as decimals of the currency) `
        + `or format=ocpi (a JSON array of OCPI 2.2.1 CDRs; cdr_location comes from the station's site, and a CDR of a station without one `
        + `has an empty address, city, country and coordinates, which OCPI does not accept). At most ${MAX_EXPORT_CDRS} CDRs: a bigger period is a 400 EXPORT_TOO_LARGE.`,
      querystring: {
        type: 'object', additionalProperties: false, required: ['format', 'from', 'to'],
        properties: { format: { type: 'string', enum: ['csv', 'ocpi'], examples: ['csv'] }, ...filters },
      },
      response: {
        200: {
          description: 'The CDRs of the period',
          content: {
            'text/csv': {
              schema: { type: 'string', description: 'RFC 4180, CRLF line ends; amounts with the currency\'s decimals' },
              example: CSV_EXAMPLE,
            },
            'application/json': { schema: { type: 'array', items: { type: 'object', additionalProperties: true, description: 'An OCPI 2.2.1 CDR' } } },
          },
        },
        ...errorResponses('EXPORT_TOO_LARGE'),
      },
    },
  }, async (request, reply) => {
    const { format, ...filter } = request.query;
    checkPeriod(filter.from, filter.to);
    const checkSize = <T>(found: T[]): T[] => {
      if (found.length <= MAX_EXPORT_CDRS) return found;
      throw new ApiError('EXPORT_TOO_LARGE', `more than ${MAX_EXPORT_CDRS} CDRs stopped between ${filter.from} and ${filter.to}: narrow the period`);
    };
    if (format === 'csv') {
      const rows = checkSize(await reads.cdrRowsForExport(options.pool, filter, MAX_EXPORT_CDRS + 1));
      const name = `cdrs-${filter.from.slice(0, 10)}-${filter.to.slice(0, 10)}`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(cdrCsv(rows));
    }
    const cdrs = checkSize(await reads.cdrsForExport(options.pool, filter, MAX_EXPORT_CDRS + 1));
    const tariffIds = [...new Set(cdrs.map((cdr) => cdr.tariffId))];
    const versions = new Map<string, readonly TariffVersion[]>(await Promise.all(tariffIds.map(
      async (tariffId) => [tariffId, (await reads.findTariff(options.pool, tariffId))?.versions ?? []] as const,
    )));
    const sites = await reads.stationSites(options.pool, [...new Set(cdrs.map((cdr) => cdr.chargePointId))]);
    const ocpi = cdrs.map((cdr) => ocpiCdrOf(cdr, options.billing.ocpi, versions.get(cdr.tariffId) ?? [], sites.get(cdr.chargePointId) ?? null));
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(ocpi));
  });

  app.get<{ Querystring: { chargePointId?: string; from?: string; to?: string; limit: number; offset: number } }>('/cdrs/credits', {
    config: { role: 'viewer' },
    schema: {
      tags: ['cdrs'], description: 'Credits: each cancels a CDR that a re-rating replaced with a Correction.',
      querystring: { type: 'object', additionalProperties: false, properties: { chargePointId: { ...chargePointIdString, examples: ['CP001'] }, ...period, ...pageQuery } },
      response: { 200: pageOf(creditView), ...errorResponses() },
    },
  }, async (request) => {
    checkPeriod(request.query.from, request.query.to);
    const { limit, offset } = request.query;
    return { ...(await reads.listCredits(options.pool, request.query)), limit, offset };
  });

  app.get<{ Params: { id: string } }>('/cdrs/:id', {
    config: { role: 'viewer' },
    schema: {
      tags: ['cdrs'],
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100, examples: ['cdr-CP001-7'] } } },
      response: { 200: cdrDetail, ...errorResponses('CDR_NOT_FOUND') },
    },
  }, async (request) => {
    const cdr = await reads.findCdr(options.pool, request.params.id);
    if (cdr === undefined) throw new ApiError('CDR_NOT_FOUND', `CDR ${request.params.id} not found`);
    return cdr;
  });
}
