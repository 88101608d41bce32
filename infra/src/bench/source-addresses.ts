// Which loopback address each benchmark station connects from. The gateway holds at most
// CSMS_IP_MAX_CONNECTIONS sockets per source address (1,000 by default), so a bench of more
// stations from 127.0.0.1 alone would be refused. Linux routes all of 127.0.0.0/8 to loopback,
// so stations bind 127.0.0.1, 127.0.0.2, … and the gateway sees that many clients. Pure.

/** The gateway's default CSMS_IP_MAX_CONNECTIONS: no address gets more stations than this unless asked. */
const STATIONS_PER_ADDRESS = 1000;

/** Last octets 1..254: .0 and .255 are left out, so no address looks like a network or a broadcast. */
const HOSTS_PER_OCTET = 254;

/** The most addresses the bench spreads over: 127.0.0.1 to 127.0.255.254. */
export const MAX_SOURCE_ADDRESSES = HOSTS_PER_OCTET * 256;

/** As few addresses as keep every one within the gateway's default per-address limit. */
export function defaultSourceAddresses(stations: number): number {
  return Math.max(1, Math.ceil(stations / STATIONS_PER_ADDRESS));
}

/** Station `index` of a bench over `count` addresses: 127.0.0.(1 + index mod count), into the third octet past 254. */
export function sourceAddressOf(index: number, count: number): string {
  const k = index % count;
  return `127.0.${Math.floor(k / HOSTS_PER_OCTET)}.${1 + (k % HOSTS_PER_OCTET)}`;
}

/**
 * Whether a target is reached over loopback, so that stations can bind 127.x addresses: a 127.x
 * host or localhost (resolved to IPv4 then, as the bound address is). Any other host is reached
 * from this machine's own address.
 */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
