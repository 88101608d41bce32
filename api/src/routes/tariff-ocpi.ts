// OCPI 2.2.1 Tariff JSON in and out (Tariffs module §11.3). What OCPI has no field for — our version
// number, the time zone (the Location's in OCPI), the default VAT rate, the idle threshold —
// comes from the query on import, or from the newest version when the tariff exists.
import type { FastifyInstance } from 'fastify';
import { fromOcpiTariff, newestVersion, toOcpiTariff } from '@csms/contracts';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { nextUpdatedAt } from '../config-writes.ts';
import { ApiError } from '../errors.ts';
import { errorResponses } from '../schemas.ts';
import { tariffView } from '../tariff-schemas.ts';
import {
  checkSameCurrency, checkValidFrom, nextVersionNumber, tariffInvalid,
} from '../tariff-versions.ts';
import { existingTariff, replyWithVersion } from '../tariff-writes.ts';
import { tariffParams } from './tariffs.ts';

const ocpiTariff = {
  type: 'object', additionalProperties: true, description: 'An OCPI 2.2.1 Tariff object',
  properties: {
    country_code: { type: 'string' }, party_id: { type: 'string' }, id: { type: 'string' }, currency: { type: 'string' },
    elements: { type: 'array', items: { type: 'object', additionalProperties: true } },
    start_date_time: { type: 'string' }, last_updated: { type: 'string' },
  },
  examples: [{
    country_code: 'NL', party_id: 'CSM', id: 'standard-ac', currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price: 0.35, vat: 21, step_size: 1 }] }],
    start_date_time: '2025-02-01T00:00:00Z', last_updated: '2025-01-15T10:00:00Z',
  }],
} as const;

interface ImportQuery { timeZone?: string; vatRate?: string; idlePowerThresholdW?: number; name?: string; correction: boolean }

const importQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    timeZone: { type: 'string', minLength: 1, maxLength: 64, examples: ['Europe/Amsterdam'], description: 'IANA time zone of the restrictions; default the newest version\'s (required for a new tariff)' },
    vatRate: { type: 'string', minLength: 1, maxLength: 40, examples: ['21'], description: 'Percent for components without vat; default the newest version\'s (required for a new tariff)' },
    idlePowerThresholdW: { type: 'number', minimum: 0, description: 'Below this power the vehicle counts as idle; default the newest version\'s' },
    name: { type: 'string', minLength: 1, maxLength: 100, description: 'The name of a new tariff' },
    correction: { type: 'boolean', default: false, description: 'Required when start_date_time is in the past' },
  },
} as const;

/** The id an OCPI body names, read before the import checks the rest (the version number depends on it). */
function ocpiId(body: unknown): string {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > 36) {
    throw new ApiError('TARIFF_INVALID', 'an OCPI Tariff needs an id of 1 to 36 characters', [{ path: '/id', code: 'BAD_ID' }]);
  }
  return id;
}

export function registerTariffOcpiRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Params: { id: string }; Querystring: { version?: number } }>('/tariffs/:id/ocpi', {
    config: { role: 'viewer' },
    schema: {
      tags: ['tariffs'], description: 'One version (default: the newest) as an OCPI 2.2.1 Tariff, owned by CSMS_OCPI_COUNTRY_CODE / CSMS_OCPI_PARTY_ID.',
      params: tariffParams,
      querystring: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1, maximum: 2_147_483_647, examples: [2] } } },
      response: { 200: ocpiTariff, ...errorResponses('TARIFF_NOT_FOUND', 'TARIFF_VERSION_NOT_FOUND') },
    },
  }, async (request) => {
    const tariff = await existingTariff(options, request.params.id);
    const wanted = request.query.version;
    const version = wanted === undefined ? newestVersion(tariff.versions) : tariff.versions.find((v) => v.version === wanted);
    if (version === undefined) throw new ApiError('TARIFF_VERSION_NOT_FOUND', `tariff ${tariff.id} has no version ${wanted ?? ''}`.trim());
    return toOcpiTariff(version, { ...options.billing.ocpi, lastUpdated: Date.parse(tariff.updatedAt) });
  });

  app.post<{ Body: unknown; Querystring: ImportQuery }>('/tariffs/ocpi', {
    config: { role: 'operator' },
    schema: {
      tags: ['tariffs'],
      description: 'Imports an OCPI 2.2.1 Tariff: a new tariff (version 1) or, when its id exists, the next version of it. '
        + 'start_date_time is the version\'s validFrom; one in the past needs ?correction=true.',
      querystring: importQuery, body: ocpiTariff,
      response: { 201: tariffView, 202: tariffView, ...errorResponses('TARIFF_INVALID', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const id = ocpiId(request.body);
    const { query } = request;
    const current = await options.billing.reads.findTariff(options.pool, id);
    const previous = current === undefined ? undefined : newestVersion(current.versions);
    const timeZone = query.timeZone ?? previous?.timeZone;
    const vatRate = query.vatRate ?? previous?.vatRate;
    if (timeZone === undefined || vatRate === undefined) throw new ApiError('VALIDATION_FAILED', 'a new tariff needs ?timeZone= and ?vatRate=');
    const imported = fromOcpiTariff(request.body, {
      version: nextVersionNumber(current?.versions ?? []), timeZone, vatRate,
      idlePowerThresholdW: query.idlePowerThresholdW ?? previous?.idlePowerThresholdW ?? null,
    });
    if ('problems' in imported) throw tariffInvalid(`the OCPI tariff ${id}`, imported.problems);
    const version = imported.tariff;
    checkSameCurrency(id, version.currency, previous);
    const now = options.clock();
    checkValidFrom(version.validFrom, now, query.correction);
    return replyWithVersion(options, reply, current, {
      id, name: current?.name ?? query.name ?? null, version,
      updatedAt: nextUpdatedAt(now, current?.updatedAt ?? null), updatedBy: principalOf(request).id,
    });
  });
}
