export { buildApp } from './build-app.ts';
export type { AppOptions, ConfigWriter, ConfigTopic } from './app-options.ts';
export { errorCatalogue, ApiError, type ErrorCode } from './errors.ts';
