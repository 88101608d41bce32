// When the api closes, fastify stops accepting, ends its idle keep-alive connections and waits
// for the requests in flight. Two kinds of connection would still hold it open for about a
// minute (node's headers and keep-alive timeouts), long past an orchestrator's grace period:
// - one that has not sent its first request (a browser's speculative preconnect, a client that
//   connects and waits), which node counts as busy: ended at once;
// - one whose request was in flight, kept alive once answered: its answer says
//   `connection: close`, so node ends it after.
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

export function endConnectionsOnClose(app: FastifyInstance): void {
  const sockets = new Set<Socket>();
  let closing = false;
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('preClose', async () => {
    closing = true;
    for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
  });
}
