import type { ApiError } from '../api/client.ts';

/** An api error as the operator needs it: the stable code to search for, and the message. */
export function ErrorBox({ error, testId }: { error: ApiError | undefined; testId?: string }) {
  if (error === undefined) return null;
  return (
    <div class="error-box" role="alert" data-testid={testId ?? 'error'}>
      <strong>{error.code}</strong> {error.message}
      {error.problems.length > 0 && (
        <ul>{error.problems.map((p) => <li key={p.path + p.code}><code>{p.path || '/'}</code> {p.message ?? p.code}</li>)}</ul>
      )}
    </div>
  );
}
