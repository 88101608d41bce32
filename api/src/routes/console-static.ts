// The web console's files at /console/: the build of console/ (vite), served as they are.
// Public, as any web page: the console signs in through the api like every other client.
// Hashed assets are cached for good; index.html never, so a new build is seen at once.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app-options.ts';
import { ApiError } from '../errors.ts';

export const CONSOLE_PREFIX = '/console';

// Scripts and styles only from the api itself (uPlot sizes its canvas with style attributes).
const contentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

export async function registerConsoleStatic(app: FastifyInstance, options: AppOptions): Promise<void> {
  const root = options.console.root;
  const route = { config: { role: 'public' as const }, schema: { hide: true } };
  app.get(CONSOLE_PREFIX, route, async (_request, reply) => reply.redirect(`${CONSOLE_PREFIX}/`));
  if (root === null) {
    app.get(`${CONSOLE_PREFIX}/*`, route, async () => {
      throw new ApiError('CONSOLE_NOT_BUILT', 'the console is not built: npm run build -w @csms/console');
    });
    return;
  }
  await app.register(fastifyStatic, { root, serve: false });
  app.get<{ Params: { '*': string } }>(`${CONSOLE_PREFIX}/*`, route, async (request, reply) => {
    const path = request.params['*'];
    void reply.header('content-security-policy', contentSecurityPolicy).header('x-content-type-options', 'nosniff');
    // The console routes by the location's hash, so any other path is its one page.
    if (!path.startsWith('assets/')) return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    return reply.sendFile(path, { immutable: true, maxAge: '365d' });
  });
}
