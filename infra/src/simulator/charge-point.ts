// A simulated OCPP 1.6J charge point. It speaks through ocpp-rpc in strict mode, so every
// frame in either direction is checked against the official schemas: what the CSMS sends
// it must be valid, not merely accepted.
import type { RPCClient } from 'ocpp-rpc';
import type { Ocpp16 } from '@csms/contracts';
import { answerCalls } from './answer-calls.ts';
import { commandHandlers } from './command-handlers.ts';
import { connectStation, followUpQueue, stationClient, type StationClientOptions } from './station-client.ts';
import { newStationModel, type StationModel } from './station-model.ts';

export interface SimulatedChargePointOptions extends StationClientOptions {
  /** Where the answers to the CSMS's calls are told; silent by default. */
  readonly log?: (line: string) => void;
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

/** What the simulator says about itself at boot. */
export function bootRequest(id: string): Ocpp16.BootNotificationRequest {
  return { chargePointVendor: 'CSMS-Simulator', chargePointModel: 'Sim-1', chargePointSerialNumber: `SN-${id}`, firmwareVersion: '1.0.0' };
}

export function statusRequest(connectorId: number, status: Ocpp16.StatusNotificationRequest['status']): Ocpp16.StatusNotificationRequest {
  return { connectorId, status, errorCode: 'NoError' };
}

export function simulatedChargePoint(options: SimulatedChargePointOptions): SimulatedChargePoint {
  const client = stationClient(options, 'ocpp1.6');
  const model = newStationModel();
  const log = options.log ?? (() => undefined);
  const call = async <Response>(action: string, payload: object): Promise<Response> => {
    const response = await client.call(action, payload) as Response;
    remember(model, action, payload, response);
    return response;
  };
  const followUps = followUpQueue(call, log);
  answerCalls(client, commandHandlers({ model, later: followUps.later, bootRequest: () => bootRequest(options.id) }), followUps, log);
  return {
    id: options.id,
    client,
    model,
    idle: followUps.idle,
    connect: () => connectStation(client),
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
