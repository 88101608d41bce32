// The station's local authorization list (OCPP 1.6 §5.10, §5.15; OCPP 2.0.1 D01, D02): what the
// station reported of its version and the lists it accepted, from its answers to
// GetLocalListVersion and SendLocalList. Each answer is a fact on its own, so the decider keeps no
// state and costs no snapshot; its facts go to csms.stations.
import type { LocalListEntry, LocalListUpdated, LocalListVersionReported, Ocpp16, Ocpp201 } from '@csms/contracts';
import type { Decider } from './decider.ts';
import { parseTimestamp } from './context.ts';
import { baseOf, requestOf, responseOf, type AnswerReceived } from './answer-received.ts';
import { domainAuthorizationStatus } from './authorization-status.ts';

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

/** D01: an entry without idTokenInfo removes the token (a differential update); the group token is the parent. */
function tokenEntry({ idToken, idTokenInfo }: Ocpp201.AuthorizationData): LocalListEntry {
  return {
    idTag: idToken.idToken, status: idTokenInfo === undefined ? null : domainAuthorizationStatus(idTokenInfo.status),
    expiryDate: parseTimestamp(idTokenInfo?.cacheExpiryDateTime), parentIdTag: idTokenInfo?.groupIdToken?.idToken ?? null,
  };
}

function tokenListUpdated(answer: AnswerReceived, request: Ocpp201.SendLocalListRequest): LocalListUpdated {
  const entries = (request.localAuthorizationList ?? []).map(tokenEntry);
  return { type: 'LocalListUpdated', ...baseOf(answer), listVersion: request.versionNumber, updateType: request.updateType, entries };
}

function listVersion(answer: AnswerReceived): number {
  if (answer.protocol === 'ocpp2.0.1') return responseOf<Ocpp201.GetLocalListVersionResponse>(answer).versionNumber;
  return responseOf<Ocpp16.GetLocalListVersionResponse>(answer).listVersion;
}

function decide(answer: LocalListsCommand, _state: LocalListsState): readonly LocalListsEvent[] {
  switch (answer.action) {
    case 'GetLocalListVersion':
      // A report whatever the outcome: the answer has no status.
      return [{ type: 'LocalListVersionReported', ...baseOf(answer), listVersion: listVersion(answer) }];
    case 'SendLocalList':
      // Only a list the station accepted (1.6 §6.42, 2.0.1 D01) is known to be its list.
      if (answer.outcome !== 'Accepted') return [];
      return [answer.protocol === 'ocpp2.0.1' ? tokenListUpdated(answer, requestOf(answer)) : localListUpdated(answer, requestOf(answer))];
    default:
      return [];
  }
}

export const localListsDecider: Decider<LocalListsCommand, LocalListsEvent, LocalListsState> = {
  name: 'localLists', initialState: null, decide, evolve: (state) => state,
};
