// The official OCPP JSON schemas compiled with ajv, for everyone who checks a payload: the
// gateway (what stations send), the api (what operators ask to send). Every schema also gets
// the value rules (value-rules.ts): what the schema allows but the CSMS cannot carry.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { ocppSchemas, type OcppJsonSchema, type OcppVersion } from './ocpp-schemas.ts';
import type { ProtocolTable } from './ocpp-table.ts';
import { ocppTables, type TableVersion } from './ocpp-tables.ts';
import { addValueRuleKeywords, withValueRules } from './schema-value-rules.ts';
import { parseStationTime } from './station-time.ts';

export type { ErrorObject, ValidateFunction };

export interface CompileOptions {
  /** Accept date-times without an offset (what stations send; see station-time.ts). */
  readonly stationTimes: boolean;
}

function createAjv(options: CompileOptions): Ajv {
  // strict: false, so that an annotation ajv does not know is ignored rather than fatal at
  // start-up; javaType (the OCA code generator's class name) is declared all the same.
  // strictNumbers off as well (strict would imply it): 1e400 is a JSON number of the right
  // type, and the decimal rule, not the type check, refuses it as out of range.
  const ajv = new Ajv({ strict: false, strictNumbers: false, allErrors: false, keywords: ['javaType'] });
  // The OCA's 2.0.1 and 1.6 security schemas declare draft-06; ajv 8 only knows draft-07 unless told.
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  if (options.stationTimes) ajv.addFormat('date-time', { type: 'string', validate: (text: string) => parseStationTime(text) !== null });
  addValueRuleKeywords(ajv);
  return ajv;
}

// Compiled without its `urn:…` $id: ajv's URI resolver (fast-uri) throws "URN without nid" on
// it. The schemas only use local `#/definitions` refs.
function compileSchema(ajv: Ajv, { $id: _id, ...schema }: OcppJsonSchema): ValidateFunction {
  return ajv.compile(withValueRules(schema));
}

/** Every schema of the version, by its id (`urn:Action.req|conf`); a broken schema throws here, at start-up. */
export function compileOcppSchemas(version: OcppVersion, options: CompileOptions): ReadonlyMap<string, ValidateFunction> {
  const ajv = createAjv(options);
  return new Map(ocppSchemas(version).map((schema) => [schema.$id, compileSchema(ajv, schema)]));
}

const tables = new Map<string, ReadonlyMap<string, ValidateFunction>>();

/**
 * The request and response schemas the rows of a version's action table name, by id, compiled
 * on first use and kept for the process: the 2.0.1 schema set holds many actions no row names,
 * and compiling all of them takes seconds. A broken or missing schema throws here.
 */
export function tableValidators(version: TableVersion, options: CompileOptions): ReadonlyMap<string, ValidateFunction> {
  const key = `${version} ${options.stationTimes ? 'station-times' : 'strict'}`;
  let validators = tables.get(key);
  if (validators === undefined) {
    const table: ProtocolTable = ocppTables[version];
    const rows = [...Object.values(table.stationCalls), ...Object.values(table.csmsCalls)];
    const ids = new Set(rows.flatMap((row) => [row.request, row.response]));
    const schemas = new Map(ocppSchemas(version).map((schema) => [schema.$id, schema]));
    const ajv = createAjv(options);
    validators = new Map([...ids].map((id) => {
      const schema = schemas.get(id);
      if (schema === undefined) throw new Error(`no OCPP ${version} schema ${id}`);
      return [id, compileSchema(ajv, schema)] as const;
    }));
    tables.set(key, validators);
  }
  return validators;
}

/** Any other schema with the same formats and value rules (e.g. the parts of an OCPP-J CALLERROR). */
export function compileWithValueRules(schema: object, options: CompileOptions): ValidateFunction {
  return createAjv(options).compile(withValueRules(schema));
}

/** Names the field an error is about, under `root`: `body/csChargingProfiles/stackLevel must be integer`. */
export function describeSchemaError(error: ErrorObject, root: string): string {
  const where = `${root}${error.instancePath}`;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} must NOT have additional property '${String(error.params.additionalProperty)}'`;
    case 'required':
      return `${where} must have required property '${String(error.params.missingProperty)}'`;
    case 'enum':
      return `${where} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${where} ${error.message ?? `fails ${error.keyword}`}`;
  }
}
