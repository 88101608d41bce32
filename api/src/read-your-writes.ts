// After a write to Kafka, waits (bounded) until the read model shows it, so a client that
// reads right after a 201/200 sees its own write. The projection may lag; then the caller
// answers 202 with what it wrote.
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReadYourWritesOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
}

export interface Visibility<T> {
  readonly visible: boolean;
  readonly value: T | undefined;
}

export async function awaitVisible<T>(
  read: () => Promise<T | undefined>,
  shows: (value: T | undefined) => boolean,
  options: ReadYourWritesOptions & { readonly clock: () => number },
): Promise<Visibility<T>> {
  const deadline = options.clock() + options.timeoutMs;
  for (;;) {
    const value = await read();
    if (shows(value)) return { visible: true, value };
    if (options.clock() >= deadline) return { visible: false, value };
    await sleep(options.intervalMs);
  }
}
