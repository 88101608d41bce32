export * from './build-app.ts';
export * from './config.ts';
export * from './connection-registry.ts';
export * from './inbound-producer.ts';
export * from './metrics.ts';
export * from './outbound-consumer.ts';
export * from './outbound-dispatcher.ts';
