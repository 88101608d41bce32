// The key a client is counted under, by the per-address limits and the lockout of failed
// authentications alike. IPv4 (and IPv4-mapped IPv6) per address; IPv6 per /64, because one
// host is routinely given a whole /64 (RFC 6177 / RFC 7421) and could otherwise take a fresh
// address for every attempt. The TCP peer address only: forwarded headers are whatever the
// client wrote. ipaddr.js (express's and fastify's proxy-addr use it) parses both families.
import ipaddr from 'ipaddr.js';

export const UNKNOWN_ADDRESS = 'unknown';

export function clientAddressKey(remoteAddress: string | null | undefined): string {
  if (remoteAddress === null || remoteAddress === undefined || !ipaddr.isValid(remoteAddress)) return UNKNOWN_ADDRESS;
  // process(): an IPv4-mapped IPv6 address (a dual-stack listener's view of IPv4) becomes the IPv4 one.
  const address = ipaddr.process(remoteAddress);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}
