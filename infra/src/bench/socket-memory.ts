// What the gateway's resident memory says about the sockets it holds: three readings of
// process_resident_memory_bytes around an idle hold, and the growth per socket. Pure.

/** The gateway's resident set in bytes at each point, null where its /metrics did not say. */
export interface MemoryReadings {
  readonly before: number | null;
  readonly connected: number | null;
  readonly end: number | null;
}

export interface GatewayMemory {
  readonly beforeBytes: number | null;
  readonly connectedBytes: number | null;
  readonly endBytes: number | null;
  /** Growth from before connecting to all connected, per socket then open, in KB of 1,024 bytes. */
  readonly kbPerSocket: number | null;
  /** The same at the end of the hold, over the sockets still open. */
  readonly kbPerSocketAtEnd: number | null;
}

function perSocket(before: number | null, after: number | null, sockets: number): number | null {
  if (before === null || after === null || sockets === 0) return null;
  return (after - before) / sockets / 1024;
}

export function gatewayMemory(readings: MemoryReadings, sockets: { readonly connected: number; readonly atEnd: number }): GatewayMemory {
  return {
    beforeBytes: readings.before, connectedBytes: readings.connected, endBytes: readings.end,
    kbPerSocket: perSocket(readings.before, readings.connected, sockets.connected),
    kbPerSocketAtEnd: perSocket(readings.before, readings.end, sockets.atEnd),
  };
}
