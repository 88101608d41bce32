// Every decider the processors run, by the name its snapshots are stored under.
import type { DeciderName } from '../router.ts';
import { authorizationDecider, type AuthorizationState } from './authorization.ts';
import { commandsDecider, type CommandsState } from './commands.ts';
import { sessionsDecider, type SessionsState } from './sessions.ts';
import { stationDecider, type StationState } from './station.ts';

export interface DeciderStates {
  readonly station: StationState;
  readonly authorization: AuthorizationState;
  readonly sessions: SessionsState;
  readonly commands: CommandsState;
}

export const initialStates: { readonly [K in DeciderName]: DeciderStates[K] } = {
  station: stationDecider.initialState,
  authorization: authorizationDecider.initialState,
  sessions: sessionsDecider.initialState,
  commands: commandsDecider.initialState,
};

export function isDeciderName(name: string): name is DeciderName {
  return Object.hasOwn(initialStates, name);
}
