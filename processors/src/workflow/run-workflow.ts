// Where the policies meet the partition's state: the view they read, and the follow-ups of what
// a record's own decider decided, in the order their events go out.
import type { Overlay } from '../partition-memory.ts';
import { readState } from '../partition-memory.ts';
import { findSession } from '../deciders/billing-state.ts';
import { runRoutes } from '../run-route.ts';
import type { ProcessorEvent } from '../record-output.ts';
import type { Route } from '../route.ts';
import { answerInformsItsConcern, startUsesItsReservation, type BillingInputs, type WorkflowView } from './policies.ts';
import { sessionsAreBilled } from './sessions-are-billed.ts';
import { answerCarriesTheFinalCost, configurationShowsCost, COST_FACTS, costReachesTheStation, type CostView } from './costs-reach-stations.ts';

/** Read once time has passed and before the record's own decider runs. */
export function viewOf(overlay: Overlay, chargePointId: string, partition: number): WorkflowView {
  return {
    station: readState(overlay, 'station', chargePointId), commands: readState(overlay, 'commands', chargePointId),
    counter: overlay.counter, partition,
  };
}

/**
 * What the other deciders must hear of the record's own decision. A route is either an answer
 * (commands) or a transaction message (sessions), never both: an answer's concern, or a start's
 * reservation and then billing of every session fact.
 */
export function followUpsOf(
  decided: { readonly route: Route; readonly events: readonly ProcessorEvent[] }, view: WorkflowView, inputs: BillingInputs,
): Route[] {
  return [...answerInformsItsConcern(decided, view), ...startUsesItsReservation(decided.events), ...sessionsAreBilled(decided.events, inputs)];
}

function costViewOf(overlay: Overlay, chargePointId: string): CostView {
  const billing = readState(overlay, 'billing', chargePointId);
  return {
    station: readState(overlay, 'station', chargePointId), costDisplay: readState(overlay, 'costDisplay', chargePointId),
    session: (transactionId) => findSession(billing, transactionId),
  };
}

/**
 * The record's events once costs reached its station (costs-reach-stations.ts): what its
 * configuration facts say of the station's display is noted first, then the cost messages are
 * requested and the Ended's answer carries the final cost, against the states the record left.
 */
export function withCostsShown(
  own: Route, decided: readonly ProcessorEvent[], overlay: Overlay, chargePointId: string,
): readonly ProcessorEvent[] {
  // Most records (heartbeats, statuses, plain meter values) decide nothing these rules read.
  if (!decided.some((event) => COST_FACTS.has(event.type))) return decided;
  const noted = runRoutes(configurationShowsCost(decided), overlay, chargePointId);
  const view = costViewOf(overlay, chargePointId);
  const requested = runRoutes(costReachesTheStation(decided, view), overlay, chargePointId);
  return [...answerCarriesTheFinalCost(own, decided, view), ...noted, ...requested];
}
