// Stations that keep reconnecting: a charger whose connection flaps (bad signal, a firmware loop,
// two units sharing an identity) looks healthy in a connection count but loses messages and
// fills the audit log. This node remembers each station's connects of the last `windowMs` only:
// older ones go at the station's next connect and at each count (every scrape), so its memory is
// bounded by the connects of a window and the stations seen since the last count.
export interface ReconnectTracker {
  noteConnect(chargePointId: string, at: number): void;
  /** Stations with `threshold` or more connects within the window before `now`. */
  flapping(now: number): number;
}

export function createReconnectTracker(options: { windowMs: number; threshold: number }): ReconnectTracker {
  const connects = new Map<string, number[]>();
  const recent = (times: readonly number[], now: number) => times.filter((at) => now - at < options.windowMs);
  return {
    noteConnect(chargePointId, at) {
      connects.set(chargePointId, [...recent(connects.get(chargePointId) ?? [], at), at]);
    },
    flapping(now) {
      let count = 0;
      for (const [chargePointId, times] of connects) {
        const kept = recent(times, now);
        if (kept.length === 0) connects.delete(chargePointId);
        else connects.set(chargePointId, kept);
        if (kept.length >= options.threshold) count += 1;
      }
      return count;
    },
  };
}
