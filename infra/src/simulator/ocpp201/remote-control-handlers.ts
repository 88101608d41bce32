// Blocks E and F as a station answers them: transaction status (E14), remote start and stop
// (F01-F03) with the TransactionEvents they cause, unlocking (F05) and triggered messages (F06).
import type { Ocpp201 } from '@csms/contracts';
import type { StationContext } from './station-context.ts';
import { statusNotifications } from './station-messages.ts';
import { freeEvse, transactionOnEvse } from './station-model.ts';
import { closeTransaction, openTransaction } from './transaction-lifecycle.ts';
import { triggered } from './triggered-messages.ts';

/** What a remotely stopped session has drawn, as the 1.6 simulator does. */
const REMOTE_SESSION_WH = 1000;

export function remoteControlHandlers(ctx: StationContext) {
  const { model } = ctx;
  return {
    GetTransactionStatus: (p: Ocpp201.GetTransactionStatusRequest): Ocpp201.GetTransactionStatusResponse => {
      const queued = model.queued.filter((e) => p.transactionId === undefined || e.transactionInfo.transactionId === p.transactionId);
      return { messagesInQueue: queued.length > 0, ...(p.transactionId === undefined ? {} : { ongoingIndicator: model.transactions.has(p.transactionId) }) };
    },
    // F02: the EVSE asked for (or the first free one) starts at once, carrying the remoteStartId; the
    // answer names the transaction it started, as the TransactionEvent that follows does.
    RequestStartTransaction: (p: Ocpp201.RequestStartTransactionRequest): Ocpp201.RequestStartTransactionResponse => {
      const evseId = freeEvse(model, p.idToken, p.evseId);
      if (evseId === undefined) return { status: 'Rejected' };
      const { transaction, event } = openTransaction(model, {
        evseId, idToken: p.idToken, remoteStartId: p.remoteStartId, at: ctx.now(), triggerReason: 'RemoteStart',
      });
      for (const status of statusNotifications(model, ctx.now(), { id: evseId })) ctx.later('StatusNotification', status);
      ctx.later('TransactionEvent', event);
      return { status: 'Accepted', transactionId: transaction.transactionId };
    },
    // F03: a running transaction ends, stopped remotely.
    RequestStopTransaction: (p: Ocpp201.RequestStopTransactionRequest): Ocpp201.RequestStopTransactionResponse => {
      const transaction = model.transactions.get(p.transactionId);
      if (transaction === undefined) return { status: 'Rejected' };
      const meterWh = (model.meterWh.get(transaction.evseId) ?? 0) + REMOTE_SESSION_WH;
      ctx.later('TransactionEvent', closeTransaction(model, transaction, { at: ctx.now(), meterWh, stoppedReason: 'Remote', triggerReason: 'RemoteStop' }));
      for (const status of statusNotifications(model, ctx.now(), { id: transaction.evseId })) ctx.later('StatusNotification', status);
      return { status: 'Accepted' };
    },
    UnlockConnector: (p: Ocpp201.UnlockConnectorRequest): Ocpp201.UnlockConnectorResponse => {
      const evse = model.evses.find((e) => e.id === p.evseId);
      if (evse === undefined || p.connectorId < 1 || p.connectorId > evse.connectors) return { status: 'UnknownConnector' };
      return { status: transactionOnEvse(model, p.evseId) ? 'OngoingAuthorizedTransaction' : 'Unlocked' };
    },
    TriggerMessage: (p: Ocpp201.TriggerMessageRequest): Ocpp201.TriggerMessageResponse => {
      const outcome = triggered(ctx, p);
      if (outcome.status === 'Accepted') for (const [action, payload] of outcome.messages) ctx.later(action, payload);
      return { status: outcome.status };
    },
  };
}
