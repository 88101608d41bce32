// The WebSocket side every simulated station shares, whichever OCPP version it speaks: an
// ocpp-rpc client in strict mode (every frame in either direction checked against the official
// schemas of the negotiated version), connecting as real chargers do when a CSMS sheds load, and
// the queue of messages a station sends of its own after answering a call.
import { RPCClient } from 'ocpp-rpc';
import { UpgradeRefusedError, connectWithRetry } from './connect-retry.ts';

type RPCClientOptions = ConstructorParameters<typeof RPCClient>[0];

export interface StationTlsOptions {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

export interface StationClientOptions {
  /** e.g. ws://127.0.0.1:4000/ocpp — the id is appended as the last path segment. */
  readonly endpoint: string;
  readonly id: string;
  readonly callTimeoutMs?: number;
  /** Reconnect after the connection drops, as real firmware does. */
  readonly reconnect?: boolean;
  /** The local address to connect from (e.g. 127.0.0.2), to appear as a station of its own to per-IP limits. */
  readonly localAddress?: string;
  /** HTTP Basic password (security profiles 1 and 2); the username is the id. */
  readonly password?: string;
  /** PEM texts for wss://: the CA to trust, and a client certificate and key (security profile 3). */
  readonly tls?: StationTlsOptions;
}

/** The subprotocols ocpp-rpc has strict-mode schemas for and the CSMS speaks. */
export type StationProtocol = 'ocpp1.6' | 'ocpp2.0.1';

export function stationClient(options: StationClientOptions, protocol: StationProtocol): RPCClient {
  const clientOptions = {
    endpoint: options.endpoint,
    identity: options.id,
    protocols: [protocol],
    strictMode: true,
    reconnect: options.reconnect ?? false,
    callTimeoutMs: options.callTimeoutMs ?? 30_000,
    // ocpp-rpc sends `Authorization: Basic base64(identity:password)` itself; wsOpts go to ws and on to https.request.
    ...(options.password === undefined ? {} : { password: options.password }),
    wsOpts: { ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }), ...options.tls },
  } satisfies Partial<RPCClientOptions>;
  // ocpp-rpc's typings mark every option required although each has a default.
  return new RPCClient(clientOptions as RPCClientOptions);
}

/** ocpp-rpc rejects a refused upgrade with the HTTP status as `code` and the response. */
function asRefusal(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'number') return error;
  const response = 'response' in error && typeof error.response === 'object' && error.response !== null ? error.response : {};
  const header = 'headers' in response && typeof response.headers === 'object' && response.headers !== null
    && 'retry-after' in response.headers ? Number(response.headers['retry-after']) : Number.NaN;
  return new UpgradeRefusedError(error.code, Number.isInteger(header) ? header : null);
}

/** A CSMS shedding load answers 429: retried with backoff, as chargers do. */
export async function connectStation(client: RPCClient): Promise<void> {
  await connectWithRetry(() => client.connect().catch((error: unknown) => { throw asRefusal(error); }));
}

/**
 * A station's follow-up messages (after a remote start, a trigger…): sent one after another, each
 * once the gates queued before it have settled (the answer that caused it written, answer-calls.ts).
 */
export interface FollowUps {
  later(action: string, payload: object): void;
  /** Holds the follow-ups queued after this until `gate` settles (an answer written, a test's explicit gate). */
  waitFor(gate: () => Promise<unknown>): void;
  /** Settles when every follow-up queued so far has been sent (or has failed, which is logged). */
  idle(): Promise<void>;
}

export function followUpQueue(send: (action: string, payload: object) => Promise<unknown>, log: (line: string) => void): FollowUps {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    later(action, payload) {
      queue = queue.then(() => send(action, payload))
        .then((response) => log(`→ ${action} ${JSON.stringify(payload)}\n← ${JSON.stringify(response)}`))
        .catch((error: unknown) => log(`→ ${action} failed: ${(error as Error).message}`));
    },
    waitFor(gate) {
      queue = queue.then(gate).catch((error: unknown) => log(`gate failed: ${(error as Error).message}`));
    },
    idle: () => queue.then(() => undefined),
  };
}
