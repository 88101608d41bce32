// The rule between the commands decider and the deciders that own what answers report: a
// station's answer to a CSMS call first completes the command (commands decider); when the
// completion is Accepted or Rejected (only a valid CALLRESULT has those), the decider the call's
// row in the action table names (csmsCalls[action].decider) gets it as AnswerReceived, with the
// request the command was sent with. Rows that name the commands decider report nothing beyond the
// completion itself.
import { csmsCallRow, type InboundFrame, type ocppTables, type TableVersion } from '@csms/contracts';
import type { AnswerReceived } from '../deciders/answer-received.ts';
import type { CommandsState } from '../deciders/commands.ts';
import type { ProcessorEvent } from '../record-output.ts';
import type { Route } from '../route.ts';

type ValueOf<T> = T[keyof T];
type CsmsCallRows = { [V in TableVersion]: ValueOf<(typeof ocppTables)[V]['csmsCalls']> }[TableVersion];
/** The deciders the CSMS-call rows of every version name besides the commands decider: each must take AnswerReceived (stateless or not). */
export type AnswerDeciderName = Exclude<CsmsCallRows['decider'], 'commands'>;

const answerDeciders: { readonly [D in AnswerDeciderName]: true } = {
  localLists: true, chargingProfiles: true, deviceModel: true, reservations: true,
};

function isAnswerDecider(name: string): name is AnswerDeciderName {
  return Object.hasOwn(answerDeciders, name);
}

/**
 * Where the answer's facts go, given what the commands decider made of `answer` and its state
 * before (which still holds the request); empty when the row names the commands decider or there is nothing to hand on.
 */
export function answerToItsConcern(
  answer: InboundFrame, completion: readonly ProcessorEvent[], before: CommandsState,
): Route[] {
  return completion.flatMap((event): Route[] => {
    if (event.type !== 'CommandCompleted' || (event.outcome !== 'Accepted' && event.outcome !== 'Rejected')) return [];
    const decider = csmsCallRow(answer.protocol, event.action)?.decider;
    const sent = before.pending.find((pending) => pending.commandId === event.commandId);
    if (decider === undefined || !isAnswerDecider(decider) || sent === undefined || event.response === null) return [];
    const command: AnswerReceived = {
      type: 'AnswerReceived', chargePointId: event.chargePointId, at: event.at, protocol: answer.protocol, action: event.action,
      request: sent.payload, response: event.response, outcome: event.outcome,
    };
    return [{ decider, command }];
  });
}
