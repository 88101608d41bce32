// One hostile charge point: connects, writes the frames the supply hands it without waiting
// for answers, counts whatever comes back (answers, closes, refusals at the upgrade, errors),
// and reconnects whenever it is closed, until the run is over. Nothing the gateway does stops it.
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import WebSocket, { type RawData } from 'ws';
import { errorLabel, increment, type Counts } from './counts.ts';
import type { FrameSupply, Ticket } from './frame-supply.ts';

export interface HostileTally {
  /** What came back, by CALLERROR code ("CALLERROR FormationViolation"), or CALLRESULT, CALL, "not JSON"… */
  readonly answers: Counts;
  /** Closes by the code the gateway sent (or 1006 when the connection just dropped). */
  readonly closes: Counts;
  /** Closes the fuzzer asked for itself, at storms and at the end. */
  closesByFuzzer: number;
  /** Upgrades refused, by HTTP status. */
  readonly refusals: Counts;
  /** "connect:ECONNREFUSED", "socket:WS_ERR_INVALID_UTF8"… */
  readonly errors: Counts;
  connections: number;
}

export function newHostileTally(): HostileTally {
  return { answers: {}, closes: {}, closesByFuzzer: 0, refusals: {}, errors: {}, connections: 0 };
}

export interface HostileSocketOptions {
  /** The OCPP endpoint with this station's identity appended. */
  readonly url: string;
  readonly localAddress?: string;
  readonly supply: FrameSupply;
  readonly tally: HostileTally;
  readonly burstFrames: number;
  readonly clock: () => number;
  readonly handshakeTimeoutMs: number;
  /** How long a close handshake may take before the TCP connection is cut. */
  readonly closeTimeoutMs: number;
}

const OCPP_SUBPROTOCOL = 'ocpp1.6';
/** Between attempts after a refusal or an error, doubling up to a second, so a refusing gateway is not hammered in a tight loop. */
const RETRY_BASE_MS = 25;
const RETRY_MAX_MS = 1000;
/** How long a socket waits for the frames still in flight elsewhere before it looks again. */
const IN_FLIGHT_WAIT_MS = 10;

export function answerLabel(data: RawData, isBinary: boolean): string {
  if (isBinary) return 'binary frame';
  let message: unknown;
  try {
    message = JSON.parse(data.toString());
  } catch {
    return 'not JSON';
  }
  if (!Array.isArray(message)) return 'not OCPP-J';
  switch (message[0]) {
    case 2: return 'CALL';
    case 3: return 'CALLRESULT';
    case 4: return typeof message[2] === 'string' ? `CALLERROR ${message[2].slice(0, 40)}` : 'CALLERROR ?';
    default: return 'not OCPP-J';
  }
}

type Attempt = { readonly ok: true; readonly ws: WebSocket } | { readonly ok: false };

function connect(options: HostileSocketOptions): Promise<Attempt> {
  const { tally } = options;
  return new Promise((resolve) => {
    const ws = new WebSocket(options.url, [OCPP_SUBPROTOCOL], {
      handshakeTimeout: options.handshakeTimeoutMs, localAddress: options.localAddress, perMessageDeflate: false,
    });
    let opened = false;
    let refused = false;
    let settled = false;
    const settle = (attempt: Attempt) => {
      if (!settled) resolve(attempt);
      settled = true;
    };
    ws.on('message', (data, isBinary) => increment(tally.answers, answerLabel(data, isBinary)));
    ws.on('error', (error) => {
      // Not the error that the terminate below makes ws emit.
      if (!refused) increment(tally.errors, `${opened ? 'socket' : 'connect'}:${errorLabel(error)}`);
    });
    ws.once('unexpected-response', (_request, response) => {
      increment(tally.refusals, String(response.statusCode));
      response.resume();
      refused = true;
      ws.terminate();
      settle({ ok: false });
    });
    ws.once('open', () => {
      opened = true;
      tally.connections += 1;
      ws.once('close', (code) => increment(tally.closes, String(code)));
      settle({ ok: true, ws });
    });
    ws.once('close', () => settle({ ok: false }));
  });
}

function write(ws: WebSocket, ticket: Ticket): Promise<boolean> {
  return new Promise((resolve) => {
    if (ws.readyState !== WebSocket.OPEN) {
      resolve(false);
      return;
    }
    ws.send(ticket.frame.data, { binary: ticket.frame.binary }, (error) => resolve(error === undefined || error === null));
  });
}

function closed(ws: WebSocket): Promise<void> {
  return ws.readyState === WebSocket.CLOSED ? Promise.resolve() : new Promise((resolve) => ws.once('close', () => resolve()));
}

/** A normal close (RFC 6455 §7.1.2), cut short if the gateway does not answer it in time. */
async function closeSocket(ws: WebSocket, options: HostileSocketOptions, reason: string): Promise<void> {
  options.tally.closesByFuzzer += 1;
  ws.close(1000, reason);
  const timeout = new AbortController();
  await Promise.race([closed(ws), sleep(options.closeTimeoutMs, undefined, { signal: timeout.signal }).then(() => ws.terminate(), () => undefined)]);
  timeout.abort();
  await closed(ws);
}

interface SocketState {
  storms: number;
  /** Frames still to send unpaced after a storm. */
  burst: number;
}

async function sendUntilClosed(ws: WebSocket, options: HostileSocketOptions, state: SocketState): Promise<void> {
  const { supply } = options;
  while (ws.readyState === WebSocket.OPEN) {
    if (supply.storms() !== state.storms) {
      state.storms = supply.storms();
      state.burst = options.burstFrames;
      await closeSocket(ws, options, 'storm');
      return;
    }
    const ticket = supply.take(state.burst > 0);
    if (ticket === null) {
      if (supply.exhausted()) {
        await closeSocket(ws, options, 'done');
        return;
      }
      await sleep(IN_FLIGHT_WAIT_MS);
      continue;
    }
    if (state.burst > 0) state.burst -= 1;
    const wait = ticket.dueAt - options.clock();
    if (wait > 0) await sleep(wait);
    supply.settle(ticket, await write(ws, ticket));
    // A write's callback comes without a turn of the event loop, so without this a socket
    // writing unpaced would starve every read: its own close frame, the healthy station's answers.
    await nextTurn();
  }
  await closed(ws);
}

export async function runHostileSocket(options: HostileSocketOptions): Promise<void> {
  const state: SocketState = { storms: options.supply.storms(), burst: 0 };
  let failures = 0;
  while (!options.supply.exhausted()) {
    const attempt = await connect(options);
    if (!attempt.ok) {
      failures += 1;
      await sleep(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(failures, 6)));
      continue;
    }
    failures = 0;
    if (state.storms !== options.supply.storms()) {
      // A storm called while this socket was away: it reconnected anyway, so it only bursts.
      state.storms = options.supply.storms();
      state.burst = options.burstFrames;
    }
    await sendUntilClosed(attempt.ws, options, state);
  }
}
