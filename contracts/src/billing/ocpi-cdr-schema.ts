// The OCPI 2.2.1 CDR JSON Schema (written from the spec's CDR and Tariff object tables): it holds
// what toOcpiCdr builds to the spec, in contracts' CDR tests. Compiled on first use, so importing
// contracts costs no service a schema compilation at start-up.
import { Ajv, type ValidateFunction } from 'ajv';
import cdrSchema from './ocpi-cdr-2.2.1.schema.json' with { type: 'json' };
import tariffSchema from './ocpi-tariff-2.2.1.schema.json' with { type: 'json' };

let compiled: ValidateFunction | undefined;
function validateCdr(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true }).addSchema(tariffSchema).compile(cdrSchema);
  return compiled;
}

/** What keeps `json` from being an OCPI 2.2.1 CDR, one line per problem; none when it is one. */
export function ocpiCdrProblems(json: unknown): string[] {
  const validate = validateCdr();
  if (validate(json)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}
