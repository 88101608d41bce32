// Reads GET /live with fetch (EventSource cannot send the bearer token), parses it and reconnects
// with backoff. Knows nothing of the pages: they subscribe to the hub it feeds.
import { retryDelayMs } from './backoff.ts';
import { parseLiveEvent, type LiveEvent } from './live-event.ts';
import { createSseParser } from './sse-parser.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveStreamOptions {
  readonly token: string;
  readonly fetch: typeof fetch;
  readonly onEvent: (event: LiveEvent) => void;
  readonly onStatus: (status: LiveStatus) => void;
  readonly onUnauthorized: () => void;
}

export interface LiveStream { stop(): void }

type Outcome = 'ended' | 'unauthorized';

async function readOnce(options: LiveStreamOptions, signal: AbortSignal, onReady: () => void): Promise<Outcome> {
  const response = await options.fetch('/live', {
    headers: { authorization: `Bearer ${options.token}`, accept: 'text/event-stream' }, signal,
  });
  if (response.status === 401) return 'unauthorized';
  if (!response.ok || response.body === null) return 'ended';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return 'ended';
    for (const message of parser.push(decoder.decode(value, { stream: true }))) {
      if (message.event === 'ready') onReady();
      else if (message.event === 'message') {
        const event = parseLiveEvent(message.data);
        if (event !== null) options.onEvent(event);
      }
    }
  }
}

export function openLiveStream(options: LiveStreamOptions): LiveStream {
  const abort = new AbortController();
  let failures = 0;
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    abort.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });

  async function loop(): Promise<void> {
    options.onStatus('connecting');
    while (!abort.signal.aborted) {
      const outcome = await readOnce(options, abort.signal, () => {
        failures = 0;
        options.onStatus('live');
      }).catch((): Outcome => 'ended');
      if (abort.signal.aborted) return;
      if (outcome === 'unauthorized') return options.onUnauthorized();
      failures += 1;
      options.onStatus('reconnecting');
      await sleep(retryDelayMs(failures));
    }
  }

  void loop();
  return { stop: () => abort.abort() };
}
