// A station as firmware behaves when its CSMS loses its log: each CALL is kept until a
// CALLRESULT acknowledges it, and sent again, under the same message id, on a new connection
// after the socket closed (1011), a CALLERROR or no answer. What it counts as acknowledged is
// what the CSMS promised to keep.
import { setTimeout as sleep } from 'node:timers/promises';
import type WebSocket from 'ws';
import { openOcppSocket } from '../src/simulator/index.ts';

export interface ResendingStationOptions {
  readonly url: string;
  readonly id: string;
  /** The CALLs to send in order, each [action, payload]. */
  readonly calls: readonly (readonly [string, object])[];
  /** Told of each CALL acknowledged, by message id. */
  readonly onAck: (messageId: string) => void;
  /** Without a CALLRESULT for this long, the station drops the connection and sends again. */
  readonly answerTimeoutMs?: number;
}

export interface ResendingStationResult {
  readonly acknowledged: readonly string[];
  /** Connections opened after the first one. */
  readonly reconnects: number;
}

type Outcome = 'acknowledged' | 'refused' | 'lost';

/** Sends one CALL on `ws`: acknowledged by its CALLRESULT, refused by a CALLERROR, lost when the socket closes or no answer comes. */
function callOnce(ws: WebSocket, messageId: string, frame: string, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const done = (outcome: Outcome) => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolve(outcome);
    };
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as unknown[];
      // A CALL of the CSMS gets an empty CALLRESULT: none of this test's concern.
      if (message[0] === 2) ws.send(JSON.stringify([3, message[1], {}]));
      else if (message[1] === messageId) done(message[0] === 3 ? 'acknowledged' : 'refused');
    };
    const onClose = () => done('lost');
    const timer = setTimeout(() => done('lost'), timeoutMs);
    ws.on('message', onMessage);
    ws.once('close', onClose);
    if (ws.readyState !== ws.OPEN) done('lost');
    else ws.send(frame);
  });
}

/** Connects, trying again after any refusal or error (a gateway without its log refuses), with a bounded backoff. */
async function connect(url: string, id: string): Promise<WebSocket> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await openOcppSocket(`${url}/${id}`, ['ocpp1.6']);
    } catch (error) {
      if (attempt >= 600) throw error;
      await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)));
    }
  }
}

export async function runResendingStation(options: ResendingStationOptions): Promise<ResendingStationResult> {
  const timeoutMs = options.answerTimeoutMs ?? 30_000;
  const acknowledged: string[] = [];
  let reconnects = 0;
  let ws = await connect(options.url, options.id);
  for (const [index, [action, payload]] of options.calls.entries()) {
    const messageId = `${options.id}-${index}`;
    const frame = JSON.stringify([2, messageId, action, payload]);
    for (;;) {
      const outcome = await callOnce(ws, messageId, frame, timeoutMs);
      if (outcome === 'acknowledged') break;
      ws.terminate();
      if (outcome === 'refused') await sleep(500);
      ws = await connect(options.url, options.id);
      reconnects += 1;
    }
    acknowledged.push(messageId);
    options.onAck(messageId);
  }
  ws.close();
  return { acknowledged, reconnects };
}
