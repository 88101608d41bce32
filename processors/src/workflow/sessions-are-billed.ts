// sessions-are-billed: the billing decider hears of every fact the sessions decider decided for a
// record, in order: a start with the tariff resolved for it then (none: the session is never
// billed), meter values of a transaction, a 2.0.1 update, a stop. A stop whose start the CSMS
// never saw (connectorId null) carries the tariff resolved from what the stop names.
import type { TransactionStarted, TransactionStopped } from '@csms/contracts';
import type { BillingCommand, PricingInputs } from '../deciders/billing.ts';
import type { ProcessorSettings, Tables } from '../deciders/context.ts';
import { resolveTariff, type TariffChoice } from '../deciders/tariff-resolution.ts';
import type { ProcessorEvent } from '../record-output.ts';
import type { Route } from '../route.ts';

/** What billing reads besides its own state. */
export interface BillingInputs {
  readonly tables: Tables;
  readonly settings: ProcessorSettings;
}

/**
 * The billing command a fact becomes, if any. `tariffOf` names the tariff of a start, and
 * of a stop whose start the CSMS never saw: live, the one assigned now; in a re-rating, the one
 * its CDR names (billing/session-replay.ts).
 */
export function billingCommandOf(
  fact: ProcessorEvent, pricing: PricingInputs, tariffOf: (scope: TransactionStarted | TransactionStopped) => TariffChoice | null,
): BillingCommand | null {
  switch (fact.type) {
    case 'TransactionStarted': {
      const tariff = tariffOf(fact);
      return tariff === null ? null : { type: 'Start', started: fact, tariff };
    }
    case 'MeterValuesSampled':
      return fact.transactionId === null ? null : { type: 'Sample', sampled: fact, ...pricing };
    case 'TransactionUpdated':
      return { type: 'Update', updated: fact };
    case 'TransactionStopped':
      return { type: 'Stop', stopped: fact, tariff: fact.connectorId === null ? tariffOf(fact) : null, ...pricing };
    default:
      return null;
  }
}

export function sessionsAreBilled(events: readonly ProcessorEvent[], inputs: BillingInputs): Route[] {
  const { tables, settings } = inputs;
  const pricing = { tariffs: tables.tariffs, settings };
  return events.flatMap((event): Route[] => {
    const command = billingCommandOf(event, pricing, (scope) => resolveTariff(scope, tables));
    return command === null ? [] : [{ decider: 'billing', command }];
  });
}
