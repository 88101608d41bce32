// A simulated OCPP 2.0.1 charging station. Like the 1.6 charge point it speaks through ocpp-rpc
// in strict mode, so every frame in either direction is checked against the official 2.0.1
// schemas; it answers every CSMS call of the 2.0.1 table from its model and device model, and
// queues its transaction messages while offline, sending them marked offline on reconnect (E12).
import type { RPCClient } from 'ocpp-rpc';
import type { Ocpp201 } from '@csms/contracts';
import { answerCalls } from '../answer-calls.ts';
import { connectStation, followUpQueue, stationClient, type StationClientOptions } from '../station-client.ts';
import { commandHandlers201 } from './command-handlers.ts';
import { defaultDeviceModel, type EvseLayout } from './default-device-model.ts';
import type { DeviceModel } from './device-model.ts';
import type { StationContext } from './station-context.ts';
import { bootRequest201, statusNotifications } from './station-messages.ts';
import { newStationModel201, type RunningTransaction, type StationModel201 } from './station-model.ts';
import { closeTransaction, openTransaction, sampleTransaction, type Closing, type Opening, type Sampling } from './transaction-lifecycle.ts';

export interface SimulatedChargingStationOptions extends StationClientOptions {
  /** Where the answers to the CSMS's calls are told; silent by default. */
  readonly log?: (line: string) => void;
  /** Two EVSEs of one connector each by default. */
  readonly evses?: readonly EvseLayout[];
  /** Variables per NotifyReport part; 10 by default. */
  readonly reportPartSize?: number;
  /** An explicit gate a test holds: the last part of every report waits for it. */
  readonly beforeLastReportPart?: () => Promise<unknown>;
  /** The station's clock. */
  readonly now?: () => Date;
}

type WithOptionalTime<T extends { at: Date }> = Omit<T, 'at'> & { readonly at?: Date };

export interface SimulatedChargingStation {
  readonly id: string;
  readonly client: RPCClient;
  readonly model: StationModel201;
  readonly deviceModel: DeviceModel;
  /** Settles when every follow-up message (after a remote start, a trigger, a report…) has been sent. */
  idle(): Promise<void>;
  connect(): Promise<void>;
  close(): Promise<void>;
  call<Response>(action: string, payload: object): Promise<Response>;
  boot(reason?: Ocpp201.BootReasonEnumType): Promise<Ocpp201.BootNotificationResponse>;
  /** G01: a StatusNotification for every connector. */
  reportStatus(): Promise<void>;
  authorize(idToken: Ocpp201.IdTokenType): Promise<Ocpp201.AuthorizeResponse>;
  /** Sends TransactionEvent Started (queued while offline) and gives the transaction. */
  startTransaction(opening: WithOptionalTime<Opening>): Promise<RunningTransaction>;
  sampleTransaction(transactionId: string, sampling: WithOptionalTime<Sampling>): Promise<void>;
  endTransaction(transactionId: string, closing: WithOptionalTime<Closing>): Promise<void>;
  /** E12: the connection drops; transaction messages wait until reconnect(). */
  goOffline(): Promise<void>;
  /** Connects again and sends what waited, in order, each marked offline. */
  reconnect(): Promise<void>;
}

export function simulatedChargingStation(options: SimulatedChargingStationOptions): SimulatedChargingStation {
  const client = stationClient(options, 'ocpp2.0.1');
  const evses = options.evses ?? [{ id: 1, connectors: 1 }, { id: 2, connectors: 1 }];
  const model = newStationModel201(evses);
  const deviceModel = defaultDeviceModel(options.id, evses);
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const call = async <Response>(action: string, payload: object): Promise<Response> => await client.call(action, payload) as Response;
  const followUps = followUpQueue(call, log);
  const context: StationContext = {
    id: options.id, model, deviceModel, now, later: followUps.later, waitFor: followUps.waitFor,
    reportPartSize: options.reportPartSize ?? 10, beforeLastReportPart: options.beforeLastReportPart ?? (async () => undefined),
    // ocpp-rpc merges what reconfigure is given into its options; its typings ask for all of them.
    usePassword: (password) => client.reconfigure({ password } as Parameters<RPCClient['reconfigure']>[0]),
  };
  answerCalls(client, commandHandlers201(context), followUps, log);

  const send = async (event: Ocpp201.TransactionEventRequest): Promise<void> => {
    if (model.offline) model.queued.push({ ...event, offline: true });
    else await call('TransactionEvent', event);
  };
  const running = (transactionId: string): RunningTransaction => {
    const transaction = model.transactions.get(transactionId);
    if (transaction === undefined) throw new Error(`${options.id} runs no transaction ${transactionId}`);
    return transaction;
  };
  return {
    id: options.id, client, model, deviceModel,
    idle: followUps.idle,
    connect: () => connectStation(client),
    async close() { await client.close({ code: 1000, reason: 'simulator done' }); },
    call,
    boot: (reason) => call('BootNotification', bootRequest201(options.id, reason)),
    async reportStatus() { for (const status of statusNotifications(model, now())) await call('StatusNotification', status); },
    authorize: (idToken) => call('Authorize', { idToken }),
    async startTransaction(opening) {
      const { transaction, event } = openTransaction(model, { ...opening, at: opening.at ?? now() });
      await send(event);
      return transaction;
    },
    async sampleTransaction(transactionId, sampling) {
      await send(sampleTransaction(model, running(transactionId), { ...sampling, at: sampling.at ?? now() }));
    },
    async endTransaction(transactionId, closing) {
      await send(closeTransaction(model, running(transactionId), { ...closing, at: closing.at ?? now() }));
    },
    async goOffline() {
      model.offline = true;
      await client.close({ code: 1001, reason: 'going offline' });
    },
    async reconnect() {
      await connectStation(client);
      model.offline = false;
      while (model.queued.length > 0) {
        await call('TransactionEvent', model.queued[0]!);
        model.queued.shift();
      }
    },
  };
}
