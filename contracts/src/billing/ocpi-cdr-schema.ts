// The OCPI 2.2.1 CDR JSON Schema (written from the spec's CDR and Tariff object tables), as a
// check any consumer of our exports can run: the api's tests, the end-to-end tests, a partner.
import { Ajv } from 'ajv';
import cdrSchema from './ocpi-cdr-2.2.1.schema.json' with { type: 'json' };
import tariffSchema from './ocpi-tariff-2.2.1.schema.json' with { type: 'json' };

const validateCdr = new Ajv({ allErrors: true }).addSchema(tariffSchema).compile(cdrSchema);

/** What keeps `json` from being an OCPI 2.2.1 CDR, one line per problem; none when it is one. */
export function ocpiCdrProblems(json: unknown): string[] {
  if (validateCdr(json)) return [];
  return (validateCdr.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}
