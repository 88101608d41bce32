// Per-address limits on connections, checked before the upgrade (HTTP 429): how many may be
// open or upgrading at once, and how many new ones a second (a token bucket). IPv6 clients
// are counted by their /64, the smallest prefix a site is given (RFC 6177), or one host
// could take a fresh address for every connection; IPv4-mapped IPv6 counts as its IPv4.
// ipaddr.js (express's and fastify's proxy-addr use it) parses both families.
import ipaddr from 'ipaddr.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.ts';

export interface IpLimitSettings {
  /** Open sockets plus upgrades in progress, per address. */
  readonly maxConnections: number;
  readonly connectsPerSecond: number;
  readonly connectBurst: number;
}

export type IpRefusal = 'too-many-connections' | 'too-many-new-connections';

export type IpAdmission =
  | { readonly ok: true; release(): void }
  | { readonly ok: false; readonly reason: IpRefusal; readonly retryAfterSeconds: number };

export interface IpLimiter {
  admit(address: string): IpAdmission;
  /** Addresses remembered (open connections, or a bucket not yet full again). */
  readonly tracked: number;
}

/** The key an address is counted under. */
export function ipKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':');
  return `${prefix}::/64`;
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
      const entry = entryOf(ipKey(address));
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
    get tracked() {
      return entries.size;
    },
  };
}
