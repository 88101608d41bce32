// Hands each live event to the pages that listen, so one stream serves the whole console.
import type { LiveEvent } from './live-event.ts';

export type LiveListener = (event: LiveEvent) => void;

export interface LiveHub {
  publish(event: LiveEvent): void;
  /** Answers the unsubscribe. */
  subscribe(listener: LiveListener): () => void;
}

export function createLiveHub(): LiveHub {
  const listeners = new Set<LiveListener>();
  return {
    publish(event) {
      for (const listener of [...listeners]) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
