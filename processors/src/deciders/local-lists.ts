// The station's local authorization list (OCPP 1.6 §5.10, §5.15): what the station
// reported of its version and the lists it accepted, from its answers to GetLocalListVersion
// and SendLocalList. Each answer is a fact on its own, so the decider keeps no state and costs
// no snapshot; its facts go to csms.stations.
import type { LocalListUpdated, LocalListVersionReported, Ocpp16 } from '@csms/contracts';
import type { Decider } from './decider.ts';
import { parseTimestamp } from './context.ts';
import { baseOf, requestOf, responseOf, type AnswerReceived } from './answer-received.ts';

export type LocalListsCommand = AnswerReceived;
export type LocalListsEvent = LocalListUpdated | LocalListVersionReported;

/** Nothing to remember between answers. */
export type LocalListsState = null;

function localListUpdated(answer: AnswerReceived, request: Ocpp16.SendLocalListRequest): LocalListUpdated {
  const entries = (request.localAuthorizationList ?? []).map(({ idTag, idTagInfo }) => ({
    idTag, status: idTagInfo?.status ?? null, expiryDate: parseTimestamp(idTagInfo?.expiryDate),
    parentIdTag: idTagInfo?.parentIdTag ?? null,
  }));
  return { type: 'LocalListUpdated', ...baseOf(answer), listVersion: request.listVersion, updateType: request.updateType, entries };
}

function decide(answer: LocalListsCommand, _state: LocalListsState): readonly LocalListsEvent[] {
  switch (answer.action) {
    case 'GetLocalListVersion':
      // A report whatever the outcome: the answer has no status.
      return [{ type: 'LocalListVersionReported', ...baseOf(answer), listVersion: responseOf<Ocpp16.GetLocalListVersionResponse>(answer).listVersion }];
    case 'SendLocalList':
      // Only a list the station accepted (§6.42) is known to be its list.
      return answer.outcome === 'Accepted' ? [localListUpdated(answer, requestOf(answer))] : [];
    default:
      return [];
  }
}

export const localListsDecider: Decider<LocalListsCommand, LocalListsEvent, LocalListsState> = {
  name: 'localLists', initialState: null, decide, evolve: (state) => state,
};
