// A billed session priced again from its facts: the billing decider itself is folded over the
// session's records from csms.sessions, as the processors folded them when it ran, with the
// tariff the CDR names and the tariff versions known now. So a re-rating prices exactly as live
// billing does, and the same facts and versions give the same price, byte for byte.
import type { CdrIssued, PricedSession, SessionEvent, Tariff } from '@csms/contracts';
import { billingDecider, type BillingCommand, type BillingDeciderEvent } from '../deciders/billing.ts';
import type { Lookup, ProcessorSettings } from '../deciders/context.ts';
import type { TariffChoice } from '../deciders/tariff-resolution.ts';

/** The facts of one transaction, in the order its station's partition holds them. */
export type SessionFacts = readonly SessionEvent[];

function commandOf(fact: SessionEvent, choice: TariffChoice, pricing: { tariffs: Lookup<Tariff>; settings: ProcessorSettings }): BillingCommand | null {
  switch (fact.type) {
    case 'TransactionStarted':
      return { type: 'Start', started: fact, tariff: choice };
    case 'MeterValuesSampled':
      return { type: 'Sample', sampled: fact, ...pricing };
    case 'TransactionUpdated':
      return { type: 'Update', updated: fact };
    case 'TransactionStopped':
      // As sessions-are-billed: only a stop whose start the CSMS never saw names its own tariff.
      return { type: 'Stop', stopped: fact, tariff: fact.connectorId === null ? choice : null, ...pricing };
    default:
      return null;
  }
}

/**
 * What billing would issue for the session now, as its Final CDR's price; null when its facts
 * hold no stop or the tariff cannot price them (a record missing, mixed currencies).
 */
export function repriceSession(billed: CdrIssued, facts: SessionFacts, tariffs: Lookup<Tariff>, settings: ProcessorSettings): PricedSession | null {
  const choice: TariffChoice = { tariffId: billed.tariffId, groupIdToken: billed.groupIdToken };
  let state = billingDecider.initialState;
  let final: PricedSession | null = null;
  for (const fact of facts) {
    const command = commandOf(fact, choice, { tariffs, settings });
    if (command === null) continue;
    const events: readonly BillingDeciderEvent[] = billingDecider.decide(command, state);
    for (const event of events) {
      if (event.type === 'CdrIssued' && event.kind === 'Final') final = event.priced;
      state = billingDecider.evolve(state, event);
    }
  }
  return final;
}
