// Keeps a charge point's socket alive and finds dead ones: RFC 6455 §5.5.2 pings.
import type { WebSocket } from 'ws';
import type { Logger } from '@csms/infra';

/**
 * Pings every interval; a socket that has not answered the previous ping is terminated.
 * `onPong` hears every answer (the duplicate policy asks whether a socket is alive).
 */
export function keepAlive(socket: WebSocket, intervalMs: number, log: Logger, onPong: () => void = () => {}): () => void {
  let answered = true;
  socket.on('pong', () => {
    answered = true;
    onPong();
  });
  const timer = setInterval(() => {
    if (!answered) {
      log.info('no pong since the last ping; terminating');
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, intervalMs);
  return () => clearInterval(timer);
}
