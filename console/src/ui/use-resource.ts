// Loads what a page shows, reloads it on demand, and lets live events patch it in place.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.ts';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  reload(): void;
  update(change: (current: T) => T): void;
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'UNEXPECTED', error instanceof Error ? error.message : String(error));
}

/** `load` is called again whenever a value in `keys` changes; an answer that arrives late is dropped. */
export function useResource<T>(load: () => Promise<T>, keys: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    load().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (cause: unknown) => {
        if (ticket !== latest.current) return;
        setError(asApiError(cause));
        setLoading(false);
      },
    );
    // `load` is a fresh closure each render; `keys` say when it means something new.
  }, [...keys, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const update = useCallback((change: (current: T) => T) => setData((current) => (current === undefined ? current : change(current))), []);
  return { data, error, loading, reload, update };
}
