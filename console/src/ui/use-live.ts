// Subscribes a page to the live events for as long as it is on screen.
import { useEffect, useRef } from 'preact/hooks';
import type { LiveEvent } from '../live/live-event.ts';
import { useSession } from './session-context.ts';

export function useLive(listener: (event: LiveEvent) => void): void {
  const { live } = useSession();
  // The newest listener, without resubscribing on every render.
  const current = useRef(listener);
  current.current = listener;
  useEffect(() => live.subscribe((event) => current.current(event)), [live]);
}
