// The console's pages, addressed by the location hash so the api can serve one static index.html.

export type Route =
  | { readonly page: 'fleet' }
  | { readonly page: 'station'; readonly id: string }
  | { readonly page: 'sessions' }
  | { readonly page: 'session'; readonly id: string }
  | { readonly page: 'id-tags' }
  | { readonly page: 'dead-letters' }
  | { readonly page: 'tariffs' }
  | { readonly page: 'cdrs' }
  | { readonly page: 'sign-in' }
  | { readonly page: 'not-found'; readonly hash: string };

const SIMPLE: Record<string, Route> = {
  '': { page: 'fleet' }, sessions: { page: 'sessions' }, 'id-tags': { page: 'id-tags' }, 'dead-letters': { page: 'dead-letters' },
  tariffs: { page: 'tariffs' }, cdrs: { page: 'cdrs' }, 'sign-in': { page: 'sign-in' },
};

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\//, '').replace(/\/$/, '');
  const simple = SIMPLE[path];
  if (simple !== undefined) return simple;
  const [first, second, ...rest] = path.split('/');
  const id = second === undefined || rest.length > 0 ? null : decoded(second);
  if (id !== null && id !== '' && first === 'stations') return { page: 'station', id };
  if (id !== null && id !== '' && first === 'sessions') return { page: 'session', id };
  return { page: 'not-found', hash };
}

export const href = {
  fleet: () => '#/',
  station: (id: string) => `#/stations/${encodeURIComponent(id)}`,
  sessions: () => '#/sessions',
  session: (id: string | number) => `#/sessions/${encodeURIComponent(String(id))}`,
  signIn: () => '#/sign-in',
};
