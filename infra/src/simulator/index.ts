export * from './answer-calls.ts';
export * from './charge-point.ts';
export * from './station-client.ts';
export * from './seed-workflow.ts';
export * from './session-steps.ts';
export * from './connect-retry.ts';
export * from './station-tls.ts';
export * from './ocpp201/index.ts';
