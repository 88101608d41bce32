// Access to every route in one place. Each route declares what it needs in its options
// (`config: { role }`); a route that declares nothing stops the api at start-up, so nothing is
// public by accident. The only routes allowed to declare nothing are the ones plugins add: the
// OpenAPI docs and CORS preflights, both public.
//
// Hooks, in the order fastify runs them: onRequest resolves who is asking (the rate limit, a
// route-level onRequest hook, then counts against that); preParsing refuses the request (401 /
// 403) before its body is even read.
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { ApiError } from '../errors.ts';
import type { AuthFailureReason } from '../metrics.ts';
import { errorSchema } from '../schemas.ts';
import type { Authenticator } from './authentication.ts';
import { bearerCredential } from './bearer.ts';
import type { Authentication, Principal } from './principal.ts';
import { allows, type RouteAccess } from './roles.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may use the route: 'public', or the least role (viewer < operator < admin). */
    role?: RouteAccess;
  }
  interface FastifyRequest {
    /** Set by the first onRequest hook of every request. */
    authentication: Authentication | null;
  }
  interface FastifyInstance {
    /** Every route with the access it declared, in registration order. */
    readonly routeAccess: readonly RouteAccessEntry[];
  }
}

interface RouteAccessEntry {
  readonly method: string;
  readonly url: string;
  readonly role: RouteAccess;
}

export const DOCS_PREFIX = '/docs';
export const BEARER_SCHEME = 'bearerAuth';

/** Routes that plugins register, which cannot declare a role: the docs and CORS preflights. */
function pluginRouteAccess(route: RouteOptions): RouteAccess | undefined {
  if (route.url === DOCS_PREFIX || route.url.startsWith(`${DOCS_PREFIX}/`)) return 'public';
  if (route.method === 'OPTIONS' && route.url === '*') return 'public';
  return undefined;
}

/**
 * A swagger transform: documents the bearer scheme and the 401 / 403 / 429 answers on each
 * route's OpenAPI entry (in the document only, so fastify compiles no extra serializers).
 */
export function documentAccess({ schema, url, route }: { schema: FastifySchema; url: string; route: RouteOptions }): { schema: FastifySchema; url: string } {
  const role = route.config?.role;
  if (role === undefined || schema === undefined) return { schema, url };
  const response = { ...(schema.response as Record<string, unknown> | undefined), 429: errorSchema };
  if (role !== 'public') Object.assign(response, { 401: errorSchema, 403: errorSchema });
  return { url, schema: { ...schema, response, security: role === 'public' ? [] : [{ [BEARER_SCHEME]: [] }] } as FastifySchema };
}

function checkDeclaredAccess(app: FastifyInstance, table: RouteAccessEntry[]): void {
  app.addHook('onRoute', (route) => {
    const role = route.config?.role ?? pluginRouteAccess(route);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (role === undefined) throw new Error(`route ${methods.join(',')} ${route.url} declares no role (config.role)`);
    route.config = { ...route.config, role };
    for (const method of methods) table.push({ method, url: route.url, role });
  });
}

/** RFC 6750 §3: the challenge names the scheme, and the error when a token was presented. */
function refuse(authentication: Authentication): ApiError {
  switch (authentication.kind) {
    case 'anonymous':
      return new ApiError('UNAUTHENTICATED', 'this route needs a credential: Authorization: Bearer <API key or token>');
    case 'refused':
      return new ApiError('UNAUTHENTICATED', authentication.reason);
    case 'unavailable':
      return new ApiError('AUTHENTICATION_UNAVAILABLE', authentication.reason);
    case 'authenticated':
      return new ApiError('FORBIDDEN', `role ${authentication.principal.role ?? '(none)'} may not use this route`);
    default: {
      const _exhaustive: never = authentication;
      return _exhaustive;
    }
  }
}

/** What a refusal is counted as (metrics.ts). */
const FAILURE_REASON = { anonymous: 'missing', refused: 'refused', unavailable: 'unavailable', authenticated: 'forbidden' } as const;

/** `onRefused` hears of every request refused, for the metrics. */
export function installAccessControl(app: FastifyInstance, authenticator: Authenticator, onRefused: (reason: AuthFailureReason) => void): void {
  const table: RouteAccessEntry[] = [];
  app.decorate('routeAccess', table);
  app.decorateRequest('authentication', null);
  checkDeclaredAccess(app, table);
  app.addHook('onRequest', async (request) => {
    request.authentication = await authenticator.authenticate(bearerCredential(request.headers.authorization));
  });
  app.addHook('preParsing', async (request, reply) => {
    const needed = request.routeOptions.config.role;
    // Only the not-found handler has no role: there is nothing behind it to protect.
    if (needed === undefined || needed === 'public') return;
    const authentication = request.authentication ?? { kind: 'anonymous' };
    if (authentication.kind === 'authenticated' && allows(authentication.principal.role, needed)) return;
    if (authentication.kind === 'anonymous') void reply.header('www-authenticate', 'Bearer realm="csms"');
    if (authentication.kind === 'refused') void reply.header('www-authenticate', 'Bearer realm="csms", error="invalid_token"');
    onRefused(FAILURE_REASON[authentication.kind]);
    throw refuse(authentication);
  });
}

/** The principal of a request that passed access control; a route needing a role always has one. */
export function principalOf(request: { readonly authentication: Authentication | null }): Principal {
  const authentication = request.authentication;
  if (authentication?.kind !== 'authenticated') throw new Error('no authenticated principal on a route that needs one');
  return authentication.principal;
}

/** What rate limits count against: the credential when there is a valid one, else the client address. */
export function rateLimitKey(request: { readonly authentication: Authentication | null; readonly ip: string }): string {
  const authentication = request.authentication;
  return authentication?.kind === 'authenticated' ? authentication.principal.id : `ip:${request.ip}`;
}
