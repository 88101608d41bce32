// For the fuzz engine's own tests: an in-process stand-in for the gateway and a service on
// 127.0.0.1. It answers every hostile frame with a CALLERROR, answers the healthy station as
// the CSMS would, serves /metrics and /health, and can close sockets, refuse upgrades, fail
// the healthy station's Heartbeat and pretend to restart, counting all it does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export interface FakeGatewayOptions {
  readonly healthyId: string;
  /** Closes a hostile socket with `code` after every `frames` frames it sent. */
  readonly closeEvery?: { readonly frames: number; readonly code: number };
  /** Refuses every `attempts`-th hostile upgrade with `status`. */
  readonly refuseEvery?: { readonly attempts: number; readonly status: number };
  readonly failHeartbeat?: boolean;
  /** process_start_time_seconds moves on at every read, as if the process restarted in between. */
  readonly restarting?: boolean;
  readonly healthStatus?: number;
}

export interface FakeGatewayCounts {
  /** Every hostile frame received while its socket was open, as base64 with a "b:" or "t:" opcode mark. */
  readonly frames: string[];
  /** Frames that arrived after this side had closed the socket. */
  framesAfterClose: number;
  callErrorsSent: number;
  closesSent: number;
  refusals: number;
  upgrades: number;
}

export interface FakeGateway {
  readonly ocppUrl: string;
  readonly baseUrl: string;
  readonly counts: FakeGatewayCounts;
  close(): Promise<void>;
}

function answerHealthy(ws: WebSocket, data: RawData, options: FakeGatewayOptions): void {
  const [, id, action] = JSON.parse(data.toString()) as [number, string, string];
  const now = new Date().toISOString();
  if (action === 'Heartbeat' && options.failHeartbeat) {
    ws.send(JSON.stringify([4, id, 'GenericError', 'told to fail', {}]));
    return;
  }
  const payloads: Record<string, object> = {
    BootNotification: { status: 'Accepted', currentTime: now, interval: 300 },
    Heartbeat: { currentTime: now },
    Authorize: { idTagInfo: { status: 'Invalid' } },
    StatusNotification: {},
  };
  ws.send(JSON.stringify([3, id, payloads[action] ?? {}]));
}

function onHostileSocket(ws: WebSocket, options: FakeGatewayOptions, counts: FakeGatewayCounts): void {
  let received = 0;
  ws.on('message', (data: RawData, isBinary) => {
    if (ws.readyState !== ws.OPEN) {
      counts.framesAfterClose += 1;
      return;
    }
    counts.frames.push(`${isBinary ? 'b' : 't'}:${Buffer.from(data as Buffer).toString('base64')}`);
    received += 1;
    ws.send(JSON.stringify([4, '-1', 'GenericError', 'fake', {}]));
    counts.callErrorsSent += 1;
    if (options.closeEvery && received % options.closeEvery.frames === 0) {
      counts.closesSent += 1;
      ws.close(options.closeEvery.code);
    }
  });
}

function serveHttp(options: FakeGatewayOptions, request: IncomingMessage, response: ServerResponse, reads: { metrics: number }): void {
  if (request.url === '/metrics') {
    reads.metrics += 1;
    const startTime = 1_700_000_000 + (options.restarting ? reads.metrics : 0);
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds ${startTime}\n`);
  } else if (request.url === '/health') {
    response.writeHead(options.healthStatus ?? 200, { 'content-type': 'application/json' }).end('{}');
  } else {
    response.writeHead(404).end();
  }
}

export async function startFakeGateway(options: FakeGatewayOptions): Promise<FakeGateway> {
  const counts: FakeGatewayCounts = { frames: [], framesAfterClose: 0, callErrorsSent: 0, closesSent: 0, refusals: 0, upgrades: 0 };
  const reads = { metrics: 0 };
  // The real gateway's ws checks UTF-8; this one must not close, so counts stay exact.
  const wss = new WebSocketServer({ noServer: true, skipUTF8Validation: true, handleProtocols: (offered) => (offered.has('ocpp1.6') ? 'ocpp1.6' : false) });
  const server = createServer((request, response) => serveHttp(options, request, response, reads));
  let attempts = 0;
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const id = decodeURIComponent(request.url?.split('/').pop() ?? '');
    const healthy = id === options.healthyId;
    if (!healthy) attempts += 1;
    if (!healthy && options.refuseEvery && attempts % options.refuseEvery.attempts === 0) {
      counts.refusals += 1;
      socket.end(`HTTP/1.1 ${options.refuseEvery.status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (healthy) {
        ws.on('message', (data) => answerHealthy(ws, data, options));
        return;
      }
      counts.upgrades += 1;
      onHostileSocket(ws, options, counts);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ocppUrl: `ws://127.0.0.1:${port}/ocpp`,
    baseUrl: `http://127.0.0.1:${port}`,
    counts,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
