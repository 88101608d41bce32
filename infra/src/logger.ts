import pino, { type Logger } from 'pino';

export type { Logger };

/** The root logger of a service; components take child loggers bound to their context. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level });
}
