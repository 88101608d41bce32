// The console's shell: who is signed in, the live stream, the nav bar and the page of the hash.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApiClient } from './api/client.ts';
import type { Me } from './api/types.ts';
import { createLiveHub } from './live/live-hub.ts';
import { openLiveStream, type LiveStatus } from './live/live-stream.ts';
import { Pages } from './pages/pages.tsx';
import { SignInPage, whoIs } from './pages/sign-in-page.tsx';
import { href, parseRoute, type Route } from './routes.ts';
import { NavBar } from './ui/nav-bar.tsx';
import { SessionContext, type Session } from './ui/session-context.ts';
import { tokenStore } from './ui/token-store.ts';

type Auth =
  | { readonly state: 'checking'; readonly token: string }
  | { readonly state: 'signed-out'; readonly notice: string | null }
  | { readonly state: 'signed-in'; readonly token: string; readonly me: Me };

const EXPIRED = 'Your key or token was refused (401): sign in again.';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}

function initialAuth(): Auth {
  const token = tokenStore.read();
  return token === null ? { state: 'signed-out', notice: null } : { state: 'checking', token };
}

export function App() {
  const route = useRoute();
  const [auth, setAuth] = useState<Auth>(initialAuth);
  const [live, setLive] = useState<LiveStatus>('connecting');

  const signOut = (notice: string | null): void => {
    tokenStore.clear();
    setAuth({ state: 'signed-out', notice });
  };

  useEffect(() => {
    if (auth.state !== 'checking') return;
    whoIs(auth.token).then(
      (me) => setAuth({ state: 'signed-in', token: auth.token, me }),
      () => signOut(EXPIRED),
    );
  }, [auth]);

  const token = auth.state === 'signed-in' ? auth.token : null;
  const session = useMemo<Session | null>(() => {
    if (auth.state !== 'signed-in') return null;
    const api = createApiClient({ token: auth.token, fetch: (...args) => fetch(...args), onUnauthorized: () => signOut(EXPIRED) });
    return { api, me: auth.me, live: createLiveHub() };
  }, [token]);

  useEffect(() => {
    if (session === null || token === null) return;
    const stream = openLiveStream({
      token, fetch: (...args) => fetch(...args), onEvent: session.live.publish, onStatus: setLive, onUnauthorized: () => signOut(EXPIRED),
    });
    return () => stream.stop();
  }, [session]);

  // Signed out: every page is the sign-in page; signed in, the sign-in page leads to the fleet.
  useEffect(() => {
    if (auth.state === 'signed-out' && route.page !== 'sign-in') location.hash = href.signIn();
    if (auth.state === 'signed-in' && route.page === 'sign-in') location.hash = href.fleet();
  }, [auth.state, route.page]);

  if (auth.state === 'checking') return <main class="loading">Checking your key…</main>;
  if (auth.state === 'signed-out' || session === null) {
    return (
      <SignInPage
        notice={auth.state === 'signed-out' ? auth.notice : null}
        onSignedIn={(newToken, me) => {
          tokenStore.write(newToken);
          setAuth({ state: 'signed-in', token: newToken, me });
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <NavBar me={session.me} route={route} live={live} onSignOut={() => signOut(null)} />
      <Pages route={route} />
    </SessionContext.Provider>
  );
}
