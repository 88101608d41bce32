// How a simulated station answers the CSMS's CALLs, whichever OCPP version it speaks: each by its
// handler, told to the log, with the messages the handler queued of the station's own (the
// StatusNotification after a remote start, a report's parts) held until the answer has been
// written: a station's CALL must never reach the CSMS before the CALLRESULT that announced it.
import type { RPCClient } from 'ocpp-rpc';
import { isAnswerType } from '@csms/contracts';
import type { FollowUps } from './station-client.ts';

/** ocpp-rpc's event for every frame it receives or sends. */
interface MessageEvent {
  readonly message: string;
  readonly outbound: boolean;
}

/** A handler takes the CALL's (schema-checked) payload and gives the CALLRESULT's. */
export type CallHandler = (params: never) => object;

/** What answering needs of an ocpp-rpc client: its handlers and its events. */
export interface AnsweringClient {
  readonly handle: RPCClient['handle'];
  on(event: 'message', listener: (event: MessageEvent) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
  off(event: 'message', listener: (event: MessageEvent) => void): unknown;
  off(event: 'disconnect', listener: () => void): unknown;
}

/**
 * Settles once the client has handed its answer to `messageId` (a CALLRESULT, or the CALLERROR of
 * a handler that threw) to the socket: ocpp-rpc tells an outbound message right after ws.send, and
 * ws writes frames in the order it was given them, so whatever is sent after this settles follows
 * the answer on the wire. Rejects when the connection drops first: the answer will never go.
 */
export function answerWritten(client: AnsweringClient, messageId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = ({ message, outbound }: MessageEvent) => {
      if (!outbound) return;
      const frame: unknown = JSON.parse(message);
      if (!Array.isArray(frame) || !isAnswerType(frame[0] as number) || frame[1] !== messageId) return;
      stop();
      resolve();
    };
    const onDisconnect = () => {
      stop();
      reject(new Error(`the connection dropped before the answer to ${messageId} was written`));
    };
    const stop = () => {
      client.off('message', onMessage);
      client.off('disconnect', onDisconnect);
    };
    client.on('message', onMessage);
    client.on('disconnect', onDisconnect);
  });
}

export function answerCalls(
  client: AnsweringClient, handlers: Readonly<Record<string, CallHandler>>, followUps: Pick<FollowUps, 'waitFor'>, log: (line: string) => void,
): void {
  for (const [action, handle] of Object.entries(handlers)) {
    client.handle(action, async ({ messageId, params }) => {
      // Listening before the handler runs: the answer is written as soon as this function returns.
      if (messageId !== undefined) {
        const written = answerWritten(client, messageId);
        followUps.waitFor(() => written);
      }
      const response = handle(params as never);
      log(`⇐ ${action} ${JSON.stringify(params)}\n⇒ ${JSON.stringify(response)}`);
      return response as Record<string, unknown>;
    });
  }
}
