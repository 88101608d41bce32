export * from './fuzz-frame.ts';
export * from './frame-generator.ts';
export * from './fuzz-report.ts';
export * from './loopback.ts';
export * from './run-fuzz.ts';
export type { ServiceEndpoint } from './service-probe.ts';
