// One source record through its deciders, against a batch overlay: the pure heart of the
// processor. Time passes first (workflow/policies.ts, time-passes); then the record is routed to
// its own decider, which runs; then the policies between deciders hand on what it decided
// (an answer to its concern, a start to its reservation, session facts to billing); last, costs
// reach the stations that show them (workflow/costs-reach-stations.ts). A record that throws leaves the
// overlay untouched: every state is written only after its decider decided.
import { isAnswerType, type CommandRequested, type InboundRecord } from '@csms/contracts';
import type { ProcessorSettings, Tables } from './deciders/context.ts';
import type { Overlay } from './partition-memory.ts';
import type { Route } from './route.ts';
import { route } from './router.ts';
import { runRoute, runRoutes } from './run-route.ts';
import { classify, type ProcessorEvent, type RecordOutput } from './record-output.ts';
import {
  commandGoesToTheSocket, connectionProfile, timePasses, transactionIdCandidate, transactionIds, type WorkflowView,
} from './workflow/policies.ts';
import { followUpsOf, viewOf, withCostsShown } from './workflow/run-workflow.ts';

export type { ProcessorEvent, RecordOutput } from './record-output.ts';
export { transactionIdCandidate } from './workflow/policies.ts';

/** A decoded record of one of the source topics. */
export type SourceRecord =
  | { readonly source: 'inbound'; readonly record: InboundRecord }
  | { readonly source: 'commandRequests'; readonly record: CommandRequested };

export interface RecordContext {
  readonly partition: number;
  readonly tables: Tables;
  readonly settings: ProcessorSettings;
}

/** The record's own decider and command; null for a record no decider takes (a rejected CALL). */
function ownRoute(source: SourceRecord, view: WorkflowView, context: RecordContext): Route | null {
  switch (source.source) {
    case 'inbound':
      return route(source.record, {
        tables: context.tables, settings: context.settings,
        transactionIdCandidate: transactionIdCandidate(view.counter, view.partition),
        connectionProfile: connectionProfile(source.record, view),
      });
    case 'commandRequests':
      return commandGoesToTheSocket(source.record, view);
    default: {
      const _exhaustive: never = source;
      return _exhaustive;
    }
  }
}

function decide(source: SourceRecord, overlay: Overlay, context: RecordContext): readonly ProcessorEvent[] {
  const { chargePointId } = source.record;
  const observed = runRoutes(timePasses(source.record, context), overlay, chargePointId);
  const view = viewOf(overlay, chargePointId, context.partition);
  const own = ownRoute(source, view, context);
  if (own === null) return observed;
  const events = runRoute(own, overlay, chargePointId);
  overlay.counter = transactionIds(events, view);
  const followed = runRoutes(followUpsOf({ route: own, events }, view, context), overlay, chargePointId);
  return [...observed, ...withCostsShown(own, [...events, ...followed], overlay, chargePointId)];
}

export function processRecord(source: SourceRecord, overlay: Overlay, context: RecordContext): RecordOutput {
  return classify(decide(source, overlay, context));
}

/** A CALLRESULT / CALLERROR that completed nothing: late (the command had timed out) or unknown. */
export function isIgnoredAnswer(source: SourceRecord, output: RecordOutput): boolean {
  if (source.source !== 'inbound' || source.record.type !== 'Frame') return false;
  return isAnswerType(source.record.messageTypeId) && !output.commandEvents.some((e) => e.type === 'CommandCompleted');
}
