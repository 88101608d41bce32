export * from './generated/avro-types.ts';
export type * as Ocpp16 from './generated/ocpp16-types.ts';
export * from './topics.ts';
export * from './serde.ts';
export * from './ocpp-schemas.ts';
export * from './ocpp-actions.ts';
export { loadRecordSchemas, topicValueType } from './avro-schemas.ts';
