export { buildApp } from './build-app.ts';
export type { AppOptions, ConfigWriter, ConfigTopic, WrittenTopic } from './app-options.ts';
export { errorCatalogue, ApiError, type ErrorCode } from './errors.ts';
