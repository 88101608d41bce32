// `npm run simulate`'s command line, validated once at start-up: every value is checked against
// what the station will send it in (the charge point id rule, the version's id token, EVSE and
// register types), so a bad flag stops the run with one message naming it, before anything
// connects, rather than as a schema error in the middle of a session. The API's URL and key
// only serve to show the session's cost afterwards; without them the session still plays.
import { CHARGE_POINT_ID_RULE, isChargePointId, ocppSchemaId, ocppSchemas, type Ocpp201 } from '@csms/contracts';
import { UsageError, httpUrl, integer, oneOf, parseFlags, webSocketUrl } from './cli-flags.ts';

export interface SimulateOptions {
  readonly id: string;
  readonly url: string;
  readonly protocol: '1.6' | '2.0.1';
  readonly idTag: string;
  readonly idTokenType: Ocpp201.IdTokenEnumType;
  /** 1.6: the connector; 2.0.1: the EVSE. */
  readonly connector: number;
  readonly energyWh: number;
  readonly reportPartSize: number;
  readonly stay: boolean;
  readonly password?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly ca?: string;
  /** The CSMS's REST API, read for the session's running cost and CDR. */
  readonly api: string;
  readonly apiKey?: string;
}

/** The environment variables that stand in for flags not given. */
export interface SimulateEnv {
  readonly CSMS_OCPP_URL?: string;
  readonly CSMS_API_URL?: string;
  readonly CSMS_API_KEY?: string;
}

const flags = {
  id: { type: 'string', default: 'CP001' },
  url: { type: 'string' },
  protocol: { type: 'string', default: '1.6' },
  'id-tag': { type: 'string', default: 'RFID-12345' },
  // 2.0.1: the id token's type (IdTokenEnumType).
  'id-token-type': { type: 'string', default: 'ISO14443' },
  // 1.6: the connector; 2.0.1: the EVSE.
  connector: { type: 'string', default: '1' },
  'energy-wh': { type: 'string', default: '25500' },
  // 2.0.1: variables per NotifyReport part when the CSMS asks for a report.
  'report-part-size': { type: 'string', default: '10' },
  stay: { type: 'boolean', default: false },
  // Security profiles 1-2: HTTP Basic with the id as username. Profiles 2-3 (wss:// URLs): PEM files.
  password: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  ca: { type: 'string' },
  api: { type: 'string' },
  // Better from CSMS_API_KEY: a flag's value is visible to every user of the machine (ps).
  'api-key': { type: 'string' },
} as const;

interface WithIdTokenEnum { readonly definitions: { readonly IdTokenEnumType: { readonly enum: readonly Ocpp201.IdTokenEnumType[] } } }

/** The 2.0.1 IdTokenEnumType values, read from the official schema (IdTokenType, as in AuthorizeRequest). */
function idTokenTypes(): readonly Ocpp201.IdTokenEnumType[] {
  const authorize = ocppSchemas('ocpp2.0.1').find((schema) => schema.$id === ocppSchemaId('Authorize', 'req'));
  if (authorize === undefined) throw new Error('no OCPP 2.0.1 Authorize schema');
  return (authorize as unknown as WithIdTokenEnum).definitions.IdTokenEnumType.enum;
}

/** OCPP 1.6 idTag is CiString20Type; a 2.0.1 IdTokenType.idToken holds up to 36 characters. */
function idTag(value: string, protocol: SimulateOptions['protocol']): string {
  const max = protocol === '1.6' ? 20 : 36;
  if (value.length < 1 || value.length > max) throw new UsageError(`--id-tag must have 1..${max} characters in OCPP ${protocol}, not ${JSON.stringify(value)}`);
  return value;
}

/** A bearer token goes into an HTTP header as is: printable ASCII without spaces (an API key or a JWT). An empty one is none. */
function apiKey(value: string | undefined): { apiKey?: string } {
  if (value === undefined || value === '') return {};
  if (!/^[\x21-\x7e]+$/.test(value)) throw new UsageError('--api-key (or CSMS_API_KEY) must be printable ASCII without spaces');
  return { apiKey: value };
}

/** Throws a UsageError naming the first flag that is unknown or has a value the station cannot send. */
export function simulateOptions(args: readonly string[], env: SimulateEnv = {}): SimulateOptions {
  const values = parseFlags(args, flags);
  if (!isChargePointId(values.id)) throw new UsageError(`--id must be ${CHARGE_POINT_ID_RULE}, not ${JSON.stringify(values.id)}`);
  const protocol = oneOf('protocol', values.protocol, ['1.6', '2.0.1'] as const);
  const given = <K extends 'password' | 'cert' | 'key' | 'ca'>(key: K) => (values[key] === undefined ? {} : { [key]: values[key] });
  return {
    id: values.id,
    url: webSocketUrl('url', values.url ?? env.CSMS_OCPP_URL ?? 'ws://127.0.0.1:4000/ocpp'),
    protocol,
    idTag: idTag(values['id-tag'], protocol),
    idTokenType: oneOf('id-token-type', values['id-token-type'], idTokenTypes()),
    connector: integer('connector', values.connector, 1),
    energyWh: integer('energy-wh', values['energy-wh'], 0),
    reportPartSize: integer('report-part-size', values['report-part-size'], 1),
    stay: values.stay,
    ...given('password'), ...given('cert'), ...given('key'), ...given('ca'),
    api: httpUrl('api', values.api ?? env.CSMS_API_URL ?? 'http://127.0.0.1:4001'),
    ...apiKey(values['api-key'] ?? env.CSMS_API_KEY),
  };
}
