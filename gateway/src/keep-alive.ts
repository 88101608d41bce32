// Keeps a charge point's socket alive and finds dead ones: RFC 6455 §5.5.2 pings.
import type { Logger } from '@csms/infra';
import type { Repeat } from './timers.ts';

interface KeepAliveOptions {
  readonly intervalMs: number;
  readonly log: Logger;
  /** Runs the pings (setInterval in production). */
  readonly repeat: Repeat;
  /** Hears every sign of life the pings find (the duplicate policy asks whether a socket is alive). */
  readonly onAlive: () => void;
}

/** What keep-alive needs of a ws WebSocket. */
export interface PingedSocket {
  on(event: 'pong', listener: () => void): unknown;
  ping(): void;
  terminate(): void;
}

export interface KeepAlive {
  /**
   * The gateway stopped reading the socket (back-pressure, inbound-flow.ts): its pongs wait
   * unread in the TCP buffer, so their absence says nothing. Until released, and for the
   * round in which it is released, the socket is neither terminated nor taken for dead.
   */
  hold(): void;
  release(): void;
  stop(): void;
}

/** Pings every interval; a socket that has not answered the previous ping is terminated. */
export function keepAlive(socket: PingedSocket, options: KeepAliveOptions): KeepAlive {
  let answered = true;
  let held = false;
  let heldThisRound = false;
  socket.on('pong', () => {
    answered = true;
    options.onAlive();
  });
  const stop = options.repeat(options.intervalMs, () => {
    if (heldThisRound) {
      // What held it back is the gateway, not the station: the TCP connection is still there.
      heldThisRound = held;
      answered = true;
      options.onAlive();
      if (held) return;
    }
    if (!answered) {
      options.log.info('no pong since the last ping; terminating');
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  });
  return {
    hold() {
      held = true;
      heldThisRound = true;
    },
    release() {
      held = false;
    },
    stop,
  };
}
