// The api at the same origin, always with the bearer token. Every failure becomes an ApiError
// carrying the api's stable code, so pages show one kind of error.

export interface Problem { readonly path: string; readonly code: string; readonly message?: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

export interface ApiClientOptions {
  readonly token: string;
  readonly fetch: typeof fetch;
  /** Called on a 401: the token expired or was revoked. */
  readonly onUnauthorized: (error: ApiError) => void;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

function problemsOf(value: unknown): Problem[] {
  if (!Array.isArray(value)) return [];
  return value.filter((p): p is Problem => typeof p === 'object' && p !== null && typeof p.path === 'string' && typeof p.code === 'string');
}

/** The api's `{ error: { code, message, problems } }`, or a generic error for anything else. */
export async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const { error } = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; problems?: unknown } };
    if (error !== undefined && typeof error.code === 'string') {
      return new ApiError(response.status, error.code, typeof error.message === 'string' ? error.message : error.code, problemsOf(error.problems));
    }
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  return new ApiError(response.status, `HTTP_${response.status}`, text.slice(0, 200) || response.statusText);
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await options.fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch (cause) {
      throw new ApiError(0, 'NETWORK', `the api cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
    if (!response.ok) {
      const error = await errorOf(response);
      if (response.status === 401) options.onUnauthorized(error);
      throw error;
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  return {
    get: (path, query) => call('GET', withQuery(path, query)),
    send: (method, path, body) => call(method, path, body),
  };
}
