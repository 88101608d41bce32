// A benchmark station over OCPP-J: one WebSocket, one CALL at a time, answers matched by message id.
import WebSocket from 'ws';
import { connectWithRetry, openOcppSocket, UpgradeRefusedError } from '../simulator/index.ts';
import type { CallChannel } from './call-channel.ts';
import { pendingCalls } from './pending-calls.ts';
import { answerOf } from './ws-reply.ts';

export interface StationSocketOptions {
  readonly url: string;
  readonly subprotocol: string;
  /** Upgrade headers (Basic auth), TLS material and the source address, as `ws` takes them. */
  readonly socket: WebSocket.ClientOptions;
  readonly timeoutMs: number;
  /** Told of each upgrade refused with 429, which is then retried as chargers do. */
  readonly onRefused?: (status: number) => void;
}

export function channelOver(ws: WebSocket, timeoutMs: number): CallChannel {
  const pending = pendingCalls(timeoutMs);
  let n = 0;
  ws.on('message', (data) => {
    const answer = answerOf(data.toString());
    if (answer !== null) pending.settle(answer.messageId, answer.reply);
  });
  ws.on('close', () => pending.closeAll());
  // An error is followed by close; without a listener it would throw out of the run.
  ws.on('error', () => undefined);
  return {
    call(call) {
      if (ws.readyState !== WebSocket.OPEN) return Promise.resolve({ kind: 'closed' });
      // Prefixed so that no id of the CSMS's own calls can be taken for an answer.
      const messageId = `b${n++}`;
      const reply = pending.wait(messageId);
      ws.send(JSON.stringify([2, messageId, call.action, call.payload]));
      return reply;
    },
    close: () => ws.close(1000),
  };
}

/** The gateway refuses upgrades beyond its per-address rate with 429: retried with backoff. */
export function openStationSocket(stationId: string, options: StationSocketOptions): Promise<WebSocket> {
  return connectWithRetry(async () => {
    try {
      return await openOcppSocket(`${options.url}/${stationId}`, [options.subprotocol], options.socket);
    } catch (error) {
      if (error instanceof UpgradeRefusedError) options.onRefused?.(error.status);
      throw error;
    }
  });
}

export async function openStationChannel(stationId: string, options: StationSocketOptions): Promise<CallChannel> {
  return channelOver(await openStationSocket(stationId, options), options.timeoutMs);
}
