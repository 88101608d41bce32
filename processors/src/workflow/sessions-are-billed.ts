// sessions-are-billed: the billing decider hears of every fact the sessions decider decided for a
// record, in order: a start with the tariff resolved for it then (none: the session is never
// billed), meter values of a transaction, a 2.0.1 update, a stop. A stop whose start the CSMS
// never saw (connectorId null) carries the tariff resolved from what the stop names.
import type { ProcessorSettings, Tables } from '../deciders/context.ts';
import { resolveTariff } from '../deciders/tariff-resolution.ts';
import type { ProcessorEvent } from '../record-output.ts';
import type { Route } from '../route.ts';

/** What billing reads besides its own state. */
export interface BillingInputs {
  readonly tables: Tables;
  readonly settings: ProcessorSettings;
}

function billingRoute(event: ProcessorEvent, inputs: BillingInputs): Route[] {
  const { tables, settings } = inputs;
  const pricing = { tariffs: tables.tariffs, settings };
  switch (event.type) {
    case 'TransactionStarted': {
      const tariff = resolveTariff(event, tables);
      return tariff === null ? [] : [{ decider: 'billing', command: { type: 'Start', started: event, tariff } }];
    }
    case 'MeterValuesSampled':
      return event.transactionId === null ? [] : [{ decider: 'billing', command: { type: 'Sample', sampled: event, ...pricing } }];
    case 'TransactionUpdated':
      return [{ decider: 'billing', command: { type: 'Update', updated: event } }];
    case 'TransactionStopped': {
      const tariff = event.connectorId === null ? resolveTariff(event, tables) : null;
      return [{ decider: 'billing', command: { type: 'Stop', stopped: event, tariff, ...pricing } }];
    }
    default:
      return [];
  }
}

export function sessionsAreBilled(events: readonly ProcessorEvent[], inputs: BillingInputs): Route[] {
  return events.flatMap((event) => billingRoute(event, inputs));
}
