// Maps every failure to the one error shape {error: {code, message}}.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, errorBody } from './errors.ts';

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.statusCode).send(errorBody(error.code, error.message));
    if (error.validation) return reply.code(400).send(errorBody('VALIDATION_FAILED', error.message));
    // Fastify's own client errors (malformed JSON, wrong content type, body too large).
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody('BAD_REQUEST', error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(errorBody('ROUTE_NOT_FOUND', `no route ${request.method} ${request.url}`));
  });
}
