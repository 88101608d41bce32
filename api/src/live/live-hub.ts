// Fans the live events out to the open /live streams, each hearing only the topics and the
// station it asked for. In memory and per api instance: every instance runs its own feed.
import type { LiveEvent, LiveTopic } from './live-event.ts';

export interface LiveFilter {
  readonly topics: ReadonlySet<LiveTopic>;
  /** Only this station's events; all stations when absent. */
  readonly chargePointId?: string;
}

export type LiveListener = (event: LiveEvent) => void;

export interface LiveHub {
  /** Starts delivering matching events to `listener`; the function returned stops it. */
  subscribe(filter: LiveFilter, listener: LiveListener): () => void;
  publish(event: LiveEvent): void;
  /** How many streams are open. */
  readonly size: number;
  /** Whether the feed reads the topics now (its consumer joined and knows where to start). */
  setFollowing(following: boolean): void;
  /** Resolves once the feed follows: a stream is ready only then, or it could miss what comes first. */
  whenFollowing(): Promise<void>;
}

export function matches(filter: LiveFilter, event: LiveEvent): boolean {
  return filter.topics.has(event.topic) && (filter.chargePointId === undefined || filter.chargePointId === event.chargePointId);
}

export function createLiveHub(): LiveHub {
  const subscribers = new Map<symbol, { filter: LiveFilter; listener: LiveListener }>();
  let following = false;
  let waiting: Array<() => void> = [];
  return {
    subscribe(filter, listener) {
      const id = Symbol('subscriber');
      subscribers.set(id, { filter, listener });
      return () => { subscribers.delete(id); };
    },
    publish(event) {
      for (const { filter, listener } of subscribers.values()) if (matches(filter, event)) listener(event);
    },
    get size() { return subscribers.size; },
    setFollowing(value) {
      following = value;
      if (!following) return;
      for (const resolve of waiting) resolve();
      waiting = [];
    },
    whenFollowing() {
      return following ? Promise.resolve() : new Promise((resolve) => { waiting.push(resolve); });
    },
  };
}
