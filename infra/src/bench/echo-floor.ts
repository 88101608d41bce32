// The first floor: a bare WebSocket server that sends every frame straight back, on loopback in
// this process, with the same `ws` library the gateway's @fastify/websocket runs on. Driven by
// the same stations, rate and generator, it shows what the sockets, the generator and the
// machine cost before any OCPP or Kafka work; the system's latency is read as a multiple of it.
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface EchoFloor {
  /** ws://127.0.0.1:<port>/ocpp; a station's id follows as a path segment, as with the gateway. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startEchoFloor(): Promise<EchoFloor> {
  // Whatever subprotocol the station offers first is accepted, as the gateway accepts one it speaks.
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (offered) => offered.values().next().value ?? false });
  server.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    ws.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ocpp`,
    close: () => new Promise((resolve) => {
      for (const client of server.clients) client.terminate();
      server.close(() => resolve());
    }),
  };
}
