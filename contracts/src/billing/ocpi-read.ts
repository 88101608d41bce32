// Reads untrusted OCPI 2.2.1 Tariff JSON: the shape is held to the spec's object tables (as a
// JSON Schema) before any field is used, and what this engine cannot price is refused rather
// than silently priced some other way.
import { Ajv, type ValidateFunction } from 'ajv';
import { parseStationTime } from '../station-time.ts';
import type { OcpiTariff } from './ocpi-types.ts';
import tariffSchema from './ocpi-tariff-2.2.1.schema.json' with { type: 'json' };
import type { TariffProblem } from './validate-tariff.ts';

// Compiled on first use, so importing contracts costs nothing until an OCPI tariff is read.
let compiled: ValidateFunction<OcpiTariff> | undefined;
function tariffValidator(): ValidateFunction<OcpiTariff> {
  compiled ??= new Ajv({ allErrors: true }).compile<OcpiTariff>(tariffSchema);
  return compiled;
}

export function readOcpiTariff(json: unknown): { ocpi: OcpiTariff; validFrom: number } | { problems: TariffProblem[] } {
  const isOcpiTariff = tariffValidator();
  if (!isOcpiTariff(json)) {
    return { problems: (isOcpiTariff.errors ?? []).map((error) => ({ path: error.instancePath || '/', code: 'BAD_OCPI_JSON' })) };
  }
  const problems: TariffProblem[] = [];
  json.elements.forEach((element, index) => {
    // A reservation element prices reservation time, which sessions here never have.
    if (element.restrictions !== undefined && 'reservation' in element.restrictions) problems.push({ path: `/elements/${index}/restrictions/reservation`, code: 'UNSUPPORTED_RESTRICTION' });
  });
  const validFrom = json.start_date_time === undefined ? null : parseStationTime(json.start_date_time);
  // A version must say from when it applies; OCPI leaves start_date_time optional.
  if (validFrom === null) problems.push({ path: '/start_date_time', code: 'BAD_VALID_FROM' });
  return problems.length > 0 || validFrom === null ? { problems } : { ocpi: json, validFrom };
}
