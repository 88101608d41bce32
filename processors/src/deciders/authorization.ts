// Authorize (OCPP 1.6 §4.2; OCPP 2.0.1 C01): answers from the id-tag table; a refusal is a fact
// (AuthorizationDecided with its status), never an exception. Holds no state of its own.
import type { AuthorizationDecided, IdTag, Ocpp16, Ocpp201 } from '@csms/contracts';
import { ocpp16Detail } from '@csms/contracts';
import type { Decider } from './decider.ts';
import type { FrameMeta, Lookup } from './context.ts';
import { authorize, toOcpp201IdTokenInfo, toOcppIdTagInfo } from './authorize.ts';
import { replyWith, type Replied } from './reply.ts';
import type { Versioned } from './versioned-payload.ts';

export type AuthorizationCommand = {
  readonly type: 'Authorize'; readonly frame: FrameMeta; readonly idTags: Lookup<IdTag>;
} & Versioned<Ocpp16.AuthorizeRequest, Ocpp201.AuthorizeRequest>;

export type AuthorizationDeciderEvent = AuthorizationDecided | Replied;

export type AuthorizationState = { readonly status: 'Stateless' };

/**
 * A 2.0.1 token of any type is looked up by its value, and its type must fit the id tag's (see
 * authorize). The decision rests on the token alone: an ISO 15118 contract certificate or its
 * OCSP data (C07) is not checked, so the answer says no certificateStatus.
 */
function authorize201(command: Extract<AuthorizationCommand, { protocol: 'ocpp2.0.1' }>): AuthorizationDeciderEvent[] {
  const { frame, payload: { idToken }, idTags } = command;
  const info = authorize(idToken.idToken, idTags, frame.at, idToken.type);
  return [
    { type: 'AuthorizationDecided', chargePointId: frame.chargePointId, at: frame.at, idTag: idToken.idToken, ...info, idTokenType: idToken.type },
    ...replyWith(frame, { idTokenInfo: toOcpp201IdTokenInfo(info) }),
  ];
}

function decide(command: AuthorizationCommand, _state: AuthorizationState): readonly AuthorizationDeciderEvent[] {
  switch (command.type) {
    case 'Authorize': {
      if (command.protocol === 'ocpp2.0.1') return authorize201(command);
      const { frame, payload, idTags } = command;
      const info = authorize(payload.idTag, idTags, frame.at);
      return [
        { type: 'AuthorizationDecided', chargePointId: frame.chargePointId, at: frame.at, idTag: payload.idTag, ...info, ...ocpp16Detail.AuthorizationDecided },
        ...replyWith(frame, { idTagInfo: toOcppIdTagInfo(info) }),
      ];
    }
    default: {
      const _exhaustive: never = command.type;
      return _exhaustive;
    }
  }
}

export const authorizationDecider: Decider<AuthorizationCommand, AuthorizationDeciderEvent, AuthorizationState> = {
  name: 'authorization', initialState: { status: 'Stateless' }, decide, evolve: (state) => state,
};
