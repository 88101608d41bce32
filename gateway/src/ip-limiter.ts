// Per-address limits on connections, checked before the upgrade (HTTP 429): how many may be
// open or upgrading at once, and how many new ones a second (a token bucket). Addresses are
// counted by their client-address key (IPv6 by its /64).
import { clientAddressKey } from './client-address.ts';
import { createTokenBucket, type TokenBucket } from './token-bucket.ts';

export interface IpLimitSettings {
  /** Open sockets plus upgrades in progress, per address. */
  readonly maxConnections: number;
  readonly connectsPerSecond: number;
  readonly connectBurst: number;
}

type IpRefusal = 'too-many-connections' | 'too-many-new-connections';

export type IpAdmission =
  | { readonly ok: true; release(): void }
  | { readonly ok: false; readonly reason: IpRefusal; readonly retryAfterSeconds: number };

export interface IpLimiter {
  admit(address: string): IpAdmission;
}

interface Entry {
  open: number;
  readonly bucket: TokenBucket;
}

/** How long a station refused for too many open connections is asked to wait. */
const BUSY_RETRY_SECONDS = 5;
/** Entries that remember nothing are dropped at most this often, by a walk over all of them. */
const SWEEP_EVERY_MS = 10_000;

export function createIpLimiter(settings: IpLimitSettings, clock: () => number): IpLimiter {
  const entries = new Map<string, Entry>();
  let lastSweep = clock();
  const sweep = (): void => {
    if (clock() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = clock();
    for (const [key, entry] of entries) if (entry.open === 0 && entry.bucket.isFull()) entries.delete(key);
  };
  const entryOf = (key: string): Entry => {
    const existing = entries.get(key);
    if (existing) return existing;
    const entry = { open: 0, bucket: createTokenBucket({ ratePerSecond: settings.connectsPerSecond, burst: settings.connectBurst, clock }) };
    entries.set(key, entry);
    return entry;
  };
  return {
    admit(address) {
      sweep();
      const entry = entryOf(clientAddressKey(address));
      if (entry.open >= settings.maxConnections) {
        return { ok: false, reason: 'too-many-connections', retryAfterSeconds: BUSY_RETRY_SECONDS };
      }
      if (!entry.bucket.take()) {
        return { ok: false, reason: 'too-many-new-connections', retryAfterSeconds: Math.max(1, Math.ceil(entry.bucket.waitMs() / 1000)) };
      }
      entry.open += 1;
      let released = false;
      return {
        ok: true,
        release() {
          if (released) return;
          released = true;
          entry.open -= 1;
        },
      };
    },
  };
}
