// A simulated OCPP 1.6J charge point. It speaks through ocpp-rpc in strict mode, so every
// frame in either direction is checked against the official schemas: what the CSMS sends
// it must be valid, not merely accepted.
import { RPCClient } from 'ocpp-rpc';

type RPCClientOptions = ConstructorParameters<typeof RPCClient>[0];
import type { Ocpp16 } from '@csms/contracts';

export interface SimulatedChargePointOptions {
  /** e.g. ws://127.0.0.1:4000/ocpp — the id is appended as the last path segment. */
  readonly endpoint: string;
  readonly id: string;
  readonly callTimeoutMs?: number;
  /** Reconnect after the connection drops, as real firmware does. */
  readonly reconnect?: boolean;
}

export interface SimulatedChargePoint {
  readonly client: RPCClient;
  connect(): Promise<void>;
  call<Response>(action: string, payload: object): Promise<Response>;
  boot(): Promise<Ocpp16.BootNotificationResponse>;
  authorize(idTag: string): Promise<Ocpp16.AuthorizeResponse>;
  statusNotification(connectorId: number, status: Ocpp16.StatusNotificationRequest['status']): Promise<Ocpp16.StatusNotificationResponse>;
  startTransaction(request: Ocpp16.StartTransactionRequest): Promise<Ocpp16.StartTransactionResponse>;
  meterValues(request: Ocpp16.MeterValuesRequest): Promise<Ocpp16.MeterValuesResponse>;
  stopTransaction(request: Ocpp16.StopTransactionRequest): Promise<Ocpp16.StopTransactionResponse>;
  heartbeat(): Promise<Ocpp16.HeartbeatResponse>;
  close(): Promise<void>;
}

export function simulatedChargePoint(options: SimulatedChargePointOptions): SimulatedChargePoint {
  const clientOptions = {
    endpoint: options.endpoint,
    identity: options.id,
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: options.reconnect ?? false,
    callTimeoutMs: options.callTimeoutMs ?? 30_000,
  } satisfies Partial<RPCClientOptions>;
  // ocpp-rpc's typings mark every option required although each has a default.
  const client = new RPCClient(clientOptions as RPCClientOptions);
  const call = <Response>(action: string, payload: object) => client.call(action, payload) as Promise<Response>;
  return {
    client,
    async connect() { await client.connect(); },
    call,
    boot: () => call('BootNotification', {
      chargePointVendor: 'CSMS-Simulator', chargePointModel: 'Sim-1', chargePointSerialNumber: `SN-${options.id}`,
      firmwareVersion: '1.0.0',
    }),
    authorize: (idTag) => call('Authorize', { idTag }),
    statusNotification: (connectorId, status) => call('StatusNotification', { connectorId, status, errorCode: 'NoError' }),
    startTransaction: (request) => call('StartTransaction', request),
    meterValues: (request) => call('MeterValues', request),
    stopTransaction: (request) => call('StopTransaction', request),
    heartbeat: () => call('Heartbeat', {}),
    async close() { await client.close({ code: 1000, reason: 'simulator done' }); },
  };
}
