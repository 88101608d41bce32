// A billed session priced again from its facts: the billing decider itself is folded over the
// session's records from csms.sessions, routed as the processors route them when it ran
// (sessions-are-billed), with the tariff the CDR names and the tariff versions known now. So a
// re-rating prices exactly as live billing does, and the same facts and versions give the same
// price, byte for byte.
import type { CdrIssued, PricedSession, SessionEvent, Tariff } from '@csms/contracts';
import { billingDecider } from '../deciders/billing.ts';
import type { Lookup, ProcessorSettings } from '../deciders/context.ts';
import { billingCommandOf } from '../workflow/sessions-are-billed.ts';

/**
 * What billing would issue for the session now, as its Final CDR's price; null when its facts
 * hold no stop or the tariff cannot price them (the tariff deleted).
 */
export function repriceSession(billed: CdrIssued, facts: readonly SessionEvent[], tariffs: Lookup<Tariff>, settings: ProcessorSettings): PricedSession | null {
  const choice = { tariffId: billed.tariffId, groupIdToken: billed.groupIdToken };
  let state = billingDecider.initialState;
  let final: PricedSession | null = null;
  for (const fact of facts) {
    const command = billingCommandOf(fact, { tariffs, settings }, () => choice);
    if (command === null) continue;
    for (const event of billingDecider.decide(command, state)) {
      if (event.type === 'CdrIssued' && event.kind === 'Final') final = event.priced;
      state = billingDecider.evolve(state, event);
    }
  }
  return final;
}
