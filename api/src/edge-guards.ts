// The REST edge trusts no byte: before any route's schema is applied, the raw query must be
// well-encoded, JSON bodies must nest at most MAX_DEPTH deep (checked on the text, before
// JSON.parse and ajv recurse into them), and every string in the path, the query and the body
// must be text PostgreSQL and Avro can hold, every number within the 32-bit range of the
// records and tables it may end up in. A refusal is a 400 in the error shape; nothing here
// quotes what it refuses (a body may hold a password).
import type { FastifyInstance, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import { ApiError } from './errors.ts';
import { isWellEncodedQuery, textProblem } from './text-rules.ts';

export const MAX_DEPTH = 32;
/** OCPP 1.6 integers and the api's INTEGER columns are 32-bit (Avro int, PostgreSQL integer). */
const MAX_MAGNITUDE = 2_147_483_647;

/** How deep a JSON text nests, without parsing it (strings and their escapes skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return deepest;
}

interface Pending { readonly value: unknown; readonly path: string; readonly depth: number }

/** The first problem of a decoded value (walked without recursion), or null. */
export function valueProblem(root: unknown, rootPath: string, options: { readonly lineBreaks: boolean }): string | null {
  const stack: Pending[] = [{ value: root, path: rootPath, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string') {
      const problem = textProblem(value, options);
      if (problem !== null) return `${path} ${problem}`;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) return `${path} is out of range (at most ${MAX_MAGNITUDE} either way)`;
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_DEPTH) return `${path} nests deeper than ${MAX_DEPTH} levels`;
      for (const [key, child] of Object.entries(value)) {
        const keyProblem = textProblem(key, { lineBreaks: false });
        if (keyProblem !== null) return `${path} has a property name that ${keyProblem}`;
        stack.push({ value: child, path: `${path}/${key}`, depth: depth + 1 });
      }
    }
  }
  return null;
}

function requestProblem(request: FastifyRequest): string | null {
  const queryAt = request.url.indexOf('?');
  if (queryAt >= 0 && !isWellEncodedQuery(request.url.slice(queryAt + 1))) return 'the query string has a malformed %-escape';
  return valueProblem(request.params, 'params', { lineBreaks: false })
    ?? valueProblem(request.query, 'querystring', { lineBreaks: false })
    ?? valueProblem(request.body, 'body', { lineBreaks: true });
}

/** A route that names no query parameters takes none: an unknown one is refused, not ignored. */
function refuseUndeclaredQuery(route: RouteOptions): void {
  const schema = route.schema as (FastifySchema & { hide?: boolean }) | undefined;
  if (schema === undefined || schema.hide === true || schema.querystring !== undefined) return;
  route.schema = { ...schema, querystring: { type: 'object', additionalProperties: false } };
}

/** Before any route is registered: its onRoute hook must see them all. */
export function installEdgeGuards(app: FastifyInstance): void {
  app.addHook('onRoute', refuseUndeclaredQuery);
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepth(text) > MAX_DEPTH) {
      done(new ApiError('VALIDATION_FAILED', `body nests deeper than ${MAX_DEPTH} levels`), undefined);
      return;
    }
    parseJson(request, text, done);
  });
  app.addHook('preValidation', async (request) => {
    const problem = requestProblem(request);
    if (problem !== null) throw new ApiError('VALIDATION_FAILED', problem);
  });
}
