export * from './charging-station.ts';
export * from './command-handlers.ts';
export * from './default-device-model.ts';
export * from './device-model.ts';
export * from './station-model.ts';
export * from './station-messages.ts';
export * from './transaction-events.ts';
export * from './session.ts';
