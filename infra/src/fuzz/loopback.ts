// The fuzzer sends hostile traffic to loopback addresses only (127.0.0.0/8, ::1, localhost):
// it is a test of a system running on this machine, never of anyone else's.
import { isIP } from 'node:net';

export class NotLoopbackError extends Error {
  readonly code = 'NOT_LOOPBACK';
  readonly retriable = false;
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** Throws NotLoopbackError naming every URL or address that is not on this machine's loopback. */
export function assertLoopback(urls: readonly string[], addresses: readonly string[]): void {
  const outside = [
    ...urls.filter((url) => !URL.canParse(url) || !isLoopbackHost(new URL(url).hostname)),
    ...addresses.filter((address) => !isLoopbackHost(address)),
  ];
  if (outside.length > 0) throw new NotLoopbackError(`the fuzzer targets loopback addresses only, not ${outside.join(', ')}`);
}
