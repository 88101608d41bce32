import { useState } from 'preact/hooks';
import { ApiError, createApiClient } from '../api/client.ts';
import { isRole } from '../api/roles.ts';
import type { Me } from '../api/types.ts';
import { ErrorBox } from '../ui/error-box.tsx';
import { asApiError } from '../ui/use-resource.ts';

interface Props {
  /** Why the operator is here again (an expired token), if that is why. */
  readonly notice: string | null;
  readonly onSignedIn: (token: string, me: Me) => void;
}

/** Checks the key or token with GET /me before keeping it. */
export async function whoIs(token: string): Promise<Me> {
  const api = createApiClient({ token, fetch: (...args) => fetch(...args), onUnauthorized: () => {} });
  const me = await api.get<Me>('/me');
  if (!isRole(me.role)) throw new ApiError(200, 'UNKNOWN_ROLE', `the api answered an unknown role: ${String(me.role)}`);
  return me;
}

export function SignInPage({ notice, onSignedIn }: Props) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = token.trim();
      onSignedIn(trimmed, await whoIs(trimmed));
    } catch (cause) {
      setError(asApiError(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="sign-in">
      <form class="card" onSubmit={submit}>
        <h1>Sign in</h1>
        {notice !== null && <p class="notice" data-testid="sign-in-notice">{notice}</p>}
        <label>
          API key or access token
          <input
            type="password" autoComplete="off" required value={token} data-testid="sign-in-token"
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy || token.trim() === ''} data-testid="sign-in-submit">Sign in</button>
        <ErrorBox error={error} testId="sign-in-error" />
      </form>
    </main>
  );
}
