// Who is signed in, and the api client and live events that go with them, for every page.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import type { LiveHub } from '../live/live-hub.ts';

export interface Session {
  readonly api: ApiClient;
  readonly me: Me;
  readonly live: LiveHub;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a signed-in page');
  return session;
}
