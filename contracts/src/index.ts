export * from './generated/avro-types.ts';
export type * as Ocpp16 from './generated/ocpp16-types.ts';
export * from './topics.ts';
export * from './serde.ts';
export * from './ocpp-schemas.ts';
export * from './ocpp-actions.ts';
export * from './station-time.ts';
export * from './ocpp-validators.ts';
