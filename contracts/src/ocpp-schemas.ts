// The official OCPP JSON schemas, as shipped by the ocpp-rpc package (taken from the
// OCA's specification downloads), indexed by action and direction.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export type OcppVersion = 'ocpp1.6' | 'ocpp2.0.1';
export type OcppDirection = 'req' | 'conf';

export interface OcppJsonSchema {
  readonly $id: string;
  readonly [keyword: string]: unknown;
}

const files: Record<OcppVersion, string> = {
  'ocpp1.6': 'ocpp-rpc/lib/schemas/ocpp1_6.json',
  'ocpp2.0.1': 'ocpp-rpc/lib/schemas/ocpp2_0_1.json',
};

export function ocppSchemas(version: OcppVersion): readonly OcppJsonSchema[] {
  return require(files[version]) as OcppJsonSchema[];
}

/** `urn:BootNotification.req` — the id under which a message's schema is registered. */
export function ocppSchemaId(action: string, direction: OcppDirection): string {
  return `urn:${action}.${direction}`;
}
