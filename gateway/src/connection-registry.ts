// The sockets this node holds, by chargePointId: at most one per charge point.
// Sockets are reached through the small Connection port, so the registry is pure.
import type { Admission, CsmsCall } from './call-queue.ts';

export interface Connection {
  readonly chargePointId: string;
  readonly connectionId: string;
  readonly node: number;
  readonly protocol: string;
  readonly remoteAddress: string | null;
  readonly connectedAt: number;
  /** Sends a text frame; false when the socket is no longer open. */
  send(raw: string): boolean;
  /** Sends a processor's reply to the station's CALL `messageId` (timed against its receipt); false when the socket is no longer open. */
  reply(messageId: string, raw: string): boolean;
  /** A CSMS-initiated CALL: sent at once, or queued behind the one awaiting its answer. */
  call(call: CsmsCall): Admission;
  close(code: number, reason: string): void;
}

interface ConnectionInfo {
  readonly chargePointId: string;
  readonly connectionId: string;
  readonly node: number;
  readonly protocol: string;
  readonly remoteAddress: string | null;
  readonly connectedAt: string;
  readonly lastMessageAt: string | null;
  readonly messagesReceived: number;
}

export interface ConnectionRegistry {
  /** Registers a connection and returns the one it replaces, if any. */
  add(connection: Connection): Connection | undefined;
  /** Removes the connection only if it is still the current one for its charge point. */
  remove(chargePointId: string, connectionId: string): boolean;
  get(chargePointId: string): Connection | undefined;
  /** Counts a frame received on the connection (ignored if it has been replaced); a frame is a sign of life too. */
  noteMessage(chargePointId: string, connectionId: string, at: number): void;
  /** The connection answered a ping (ignored if it has been replaced). */
  noteAlive(chargePointId: string, connectionId: string, at: number): void;
  /** When the charge point's current connection last showed life (connected, a frame, a pong); null without one. */
  lastSeenAt(chargePointId: string): number | null;
  info(chargePointId: string): ConnectionInfo | undefined;
  list(): ConnectionInfo[];
  all(): Connection[];
  readonly size: number;
}

interface Entry {
  readonly connection: Connection;
  lastMessageAt: number | null;
  messagesReceived: number;
  lastSeenAt: number;
}

function toInfo({ connection: c, lastMessageAt, messagesReceived }: Entry): ConnectionInfo {
  return {
    chargePointId: c.chargePointId, connectionId: c.connectionId, node: c.node, protocol: c.protocol,
    remoteAddress: c.remoteAddress, connectedAt: new Date(c.connectedAt).toISOString(),
    lastMessageAt: lastMessageAt === null ? null : new Date(lastMessageAt).toISOString(), messagesReceived,
  };
}

export function createConnectionRegistry(): ConnectionRegistry {
  const entries = new Map<string, Entry>();
  const current = (chargePointId: string, connectionId: string): Entry | undefined => {
    const entry = entries.get(chargePointId);
    return entry?.connection.connectionId === connectionId ? entry : undefined;
  };
  return {
    add(connection) {
      const previous = entries.get(connection.chargePointId)?.connection;
      entries.set(connection.chargePointId, { connection, lastMessageAt: null, messagesReceived: 0, lastSeenAt: connection.connectedAt });
      return previous;
    },
    remove(chargePointId, connectionId) {
      if (!current(chargePointId, connectionId)) return false;
      return entries.delete(chargePointId);
    },
    get: (chargePointId) => entries.get(chargePointId)?.connection,
    noteMessage(chargePointId, connectionId, at) {
      const entry = current(chargePointId, connectionId);
      if (!entry) return;
      entry.lastMessageAt = at;
      entry.lastSeenAt = at;
      entry.messagesReceived += 1;
    },
    noteAlive(chargePointId, connectionId, at) {
      const entry = current(chargePointId, connectionId);
      if (entry) entry.lastSeenAt = at;
    },
    lastSeenAt: (chargePointId) => entries.get(chargePointId)?.lastSeenAt ?? null,
    info(chargePointId) {
      const entry = entries.get(chargePointId);
      return entry && toInfo(entry);
    },
    list: () => [...entries.values()].map(toInfo),
    all: () => [...entries.values()].map((e) => e.connection),
    get size() {
      return entries.size;
    },
  };
}
