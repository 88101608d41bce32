// A simulated OCPP 1.6J charge point. It speaks through ocpp-rpc in strict mode, so every
// frame in either direction is checked against the official schemas: what the CSMS sends
// it must be valid, not merely accepted.
import { setTimeout as sleep } from 'node:timers/promises';
import { RPCClient } from 'ocpp-rpc';
import { registerCommandHandlers } from './command-handlers.ts';
import { UpgradeRefusedError, connectWithRetry } from './connect-retry.ts';
import { newStationModel, type StationModel } from './station-model.ts';

type RPCClientOptions = ConstructorParameters<typeof RPCClient>[0];
import type { Ocpp16 } from '@csms/contracts';

export interface SimulatedChargePointOptions {
  /** e.g. ws://127.0.0.1:4000/ocpp — the id is appended as the last path segment. */
  readonly endpoint: string;
  readonly id: string;
  readonly callTimeoutMs?: number;
  /** Reconnect after the connection drops, as real firmware does. */
  readonly reconnect?: boolean;
  /** Where the answers to the CSMS's calls are told; silent by default. */
  readonly log?: (line: string) => void;
  /** The local address to connect from (e.g. 127.0.0.2), to appear as a station of its own to per-IP limits. */
  readonly localAddress?: string;
  /** HTTP Basic password (security profiles 1 and 2); the username is the id. */
  readonly password?: string;
  /** PEM texts for wss://: the CA to trust, and a client certificate and key (security profile 3). */
  readonly tls?: StationTlsOptions;
}

export interface StationTlsOptions {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

export interface SimulatedChargePoint {
  readonly id: string;
  readonly client: RPCClient;
  readonly model: StationModel;
  /** Settles when every follow-up message (after a remote start, a trigger…) has been sent. */
  idle(): Promise<void>;
  connect(): Promise<void>;
  call<Response>(action: string, payload: object): Promise<Response>;
  boot(): Promise<Ocpp16.BootNotificationResponse>;
  authorize(idTag: string): Promise<Ocpp16.AuthorizeResponse>;
  startTransaction(request: Ocpp16.StartTransactionRequest): Promise<Ocpp16.StartTransactionResponse>;
  close(): Promise<void>;
}

/** ocpp-rpc rejects a refused upgrade with the HTTP status as `code` and the response. */
function asRefusal(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'number') return error;
  const response = 'response' in error && typeof error.response === 'object' && error.response !== null ? error.response : {};
  const header = 'headers' in response && typeof response.headers === 'object' && response.headers !== null
    && 'retry-after' in response.headers ? Number(response.headers['retry-after']) : Number.NaN;
  return new UpgradeRefusedError(error.code, Number.isInteger(header) ? header : null);
}

/** What the simulator says about itself at boot. */
export function bootRequest(id: string): Ocpp16.BootNotificationRequest {
  return { chargePointVendor: 'CSMS-Simulator', chargePointModel: 'Sim-1', chargePointSerialNumber: `SN-${id}`, firmwareVersion: '1.0.0' };
}

export function statusRequest(connectorId: number, status: Ocpp16.StatusNotificationRequest['status']): Ocpp16.StatusNotificationRequest {
  return { connectorId, status, errorCode: 'NoError' };
}

export function simulatedChargePoint(options: SimulatedChargePointOptions): SimulatedChargePoint {
  const clientOptions = {
    endpoint: options.endpoint,
    identity: options.id,
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: options.reconnect ?? false,
    callTimeoutMs: options.callTimeoutMs ?? 30_000,
    // ocpp-rpc sends `Authorization: Basic base64(identity:password)` itself; wsOpts go to ws and on to https.request.
    ...(options.password === undefined ? {} : { password: options.password }),
    wsOpts: { ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }), ...options.tls },
  } satisfies Partial<RPCClientOptions>;
  // ocpp-rpc's typings mark every option required although each has a default.
  const client = new RPCClient(clientOptions as RPCClientOptions);
  const model = newStationModel();
  const log = options.log ?? (() => undefined);
  const call = async <Response>(action: string, payload: object): Promise<Response> => {
    const response = await client.call(action, payload) as Response;
    remember(model, action, payload, response);
    return response;
  };
  // Follow-ups go one after another, after the reply that caused them is on its way.
  let followUps: Promise<unknown> = Promise.resolve();
  const later = (action: string, payload: object) => {
    followUps = followUps.then(() => sleep(20)).then(() => call(action, payload))
      .then((response) => log(`→ ${action} ${JSON.stringify(payload)}\n← ${JSON.stringify(response)}`))
      .catch((error: unknown) => log(`→ ${action} failed: ${(error as Error).message}`));
  };
  registerCommandHandlers({ client, model, later, log, bootRequest: () => bootRequest(options.id) });
  return {
    id: options.id,
    client,
    model,
    idle: () => followUps.then(() => undefined),
    // A CSMS shedding load answers 429: retried with backoff, as chargers do.
    async connect() { await connectWithRetry(() => client.connect().catch((error: unknown) => { throw asRefusal(error); })); },
    call,
    boot: () => call('BootNotification', bootRequest(options.id)),
    authorize: (idTag) => call('Authorize', { idTag }),
    startTransaction: (request) => call('StartTransaction', request),
    async close() { await client.close({ code: 1000, reason: 'simulator done' }); },
  };
}

/** Keeps the station model in step with the sessions it starts and stops. */
function remember(model: StationModel, action: string, payload: object, response: unknown): void {
  if (action === 'StartTransaction') {
    const request = payload as Ocpp16.StartTransactionRequest;
    model.transactions.set(request.connectorId, (response as Ocpp16.StartTransactionResponse).transactionId);
    model.meterWh = request.meterStart;
  } else if (action === 'StopTransaction') {
    const request = payload as Ocpp16.StopTransactionRequest;
    for (const [connector, id] of model.transactions) if (id === request.transactionId) model.transactions.delete(connector);
    model.meterWh = request.meterStop;
  }
}
