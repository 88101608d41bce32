// Authorize (OCPP 1.6 §4.2): answers from the id-tag table; a refusal is a fact
// (AuthorizationDecided with its status), never an exception. Holds no state of its own.
import type { AuthorizationDecided, IdTag, Ocpp16 } from '@csms/contracts';
import { ocpp16Detail } from '@csms/contracts';
import type { Decider } from './decider.ts';
import type { FrameMeta, Lookup } from './context.ts';
import { authorize, toOcppIdTagInfo } from './authorize.ts';
import { replyWith, type Replied } from './reply.ts';

export type AuthorizationCommand = {
  readonly type: 'Authorize'; readonly frame: FrameMeta; readonly payload: Ocpp16.AuthorizeRequest;
  readonly idTags: Lookup<IdTag>;
};

export type AuthorizationDeciderEvent = AuthorizationDecided | Replied;

export type AuthorizationState = { readonly status: 'Stateless' };

function decide(command: AuthorizationCommand, _state: AuthorizationState): readonly AuthorizationDeciderEvent[] {
  switch (command.type) {
    case 'Authorize': {
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
