// Where the policies meet the partition's state: the view they read, and the follow-ups of what
// a record's own decider decided, in the order their events go out.
import type { Overlay } from '../partition-memory.ts';
import { readState } from '../partition-memory.ts';
import type { ProcessorEvent } from '../record-output.ts';
import type { Route } from '../route.ts';
import { answerInformsItsConcern, startUsesItsReservation, type BillingInputs, type WorkflowView } from './policies.ts';
import { sessionsAreBilled } from './sessions-are-billed.ts';

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
