// Maps every failure to the one error shape {error: {code, message}}.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ApiError, errorBody, errorCatalogue, type ErrorCode, type ErrorProblem } from './errors.ts';

/** Fastify's own client errors, by their stable codes. */
const fastifyClientErrors: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

function send(reply: FastifyReply, code: ErrorCode, message: string, problems: readonly ErrorProblem[] = []): FastifyReply {
  return reply.code(errorCatalogue[code].status).send(errorBody(code, message, problems));
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return send(reply, error.code, error.message, error.problems);
    if (error.validation) return send(reply, 'VALIDATION_FAILED', error.message);
    // Fastify's own client errors (malformed JSON, wrong content type, body too large).
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, fastifyClientErrors[error.code] ?? 'BAD_REQUEST', error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, 'INTERNAL', 'internal error');
  });
  app.setNotFoundHandler((request, reply) => {
    void send(reply, 'ROUTE_NOT_FOUND', `no route ${request.method} ${request.url}`);
  });
}

/**
 * Errors fastify answers before routing, which the error handler never sees: a path with a
 * malformed %-escape (FST_ERR_BAD_URL). Passed to Fastify({ frameworkErrors }).
 */
export function frameworkErrorReply(_error: FastifyError, _request: unknown, reply: FastifyReply): void {
  void send(reply, 'BAD_REQUEST', 'the path has a malformed %-escape');
}
