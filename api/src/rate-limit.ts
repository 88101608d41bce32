// Rate limits per credential (API key id or token subject), else per client address, counted
// in this process (several api instances each count their own). A request over the limit is a
// 429 RATE_LIMITED with Retry-After; the counting happens after authentication has named the
// credential and before the body is read.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { rateLimitKey } from './auth/access-control.ts';
import type { RateLimitConfig } from './config.ts';
import { ApiError } from './errors.ts';

export async function registerRateLimit(app: FastifyInstance, config: RateLimitConfig): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: config.windowSeconds * 1_000,
    keyGenerator: (request) => rateLimitKey(request),
    max: (_request, key) => (key.startsWith('ip:') ? config.anonymousMax : config.max),
    errorResponseBuilder: (_request, context) => new ApiError('RATE_LIMITED', `too many requests; retry in ${context.after}`),
  });
}
