// Every decider the processors run: the ones that keep state per charge point, by the name their
// snapshots are stored under, and the ones that keep nothing between messages (no state in memory,
// no snapshot).
import type { DeciderName, StatelessDeciderName } from '../route.ts';
import { chargingProfilesDecider } from './charging-profiles.ts';
import { deviceModelDecider } from './device-model.ts';
import { firmwareDiagnosticsDecider } from './firmware-diagnostics.ts';
import { localListsDecider } from './local-lists.ts';
import { securityDecider } from './security.ts';
import { authorizationDecider, type AuthorizationState } from './authorization.ts';
import { billingDecider, type BillingState } from './billing.ts';
import { costDisplayDecider, type CostDisplayState } from './cost-display.ts';
import { commandsDecider, type CommandsState } from './commands.ts';
import { reservationsDecider, type ReservationsState } from './reservations.ts';
import { sessionsDecider, type SessionsState } from './sessions.ts';
import { stationDecider, type StationState } from './station.ts';

export interface DeciderStates {
  readonly station: StationState;
  readonly authorization: AuthorizationState;
  readonly sessions: SessionsState;
  readonly commands: CommandsState;
  readonly reservations: ReservationsState;
  readonly billing: BillingState;
  readonly costDisplay: CostDisplayState;
}

export const initialStates: { readonly [K in DeciderName]: DeciderStates[K] } = {
  station: stationDecider.initialState,
  authorization: authorizationDecider.initialState,
  sessions: sessionsDecider.initialState,
  commands: commandsDecider.initialState,
  reservations: reservationsDecider.initialState,
  billing: billingDecider.initialState,
  costDisplay: costDisplayDecider.initialState,
};

/** The stateful deciders, in the registry's order: what memory, overlays and snapshots hold. */
export const deciderNames = Object.keys(initialStates) as readonly DeciderName[];

export function isDeciderName(name: string): name is DeciderName {
  return Object.hasOwn(initialStates, name);
}

export const statelessDeciders = {
  security: securityDecider,
  firmwareDiagnostics: firmwareDiagnosticsDecider,
  localLists: localListsDecider,
  chargingProfiles: chargingProfilesDecider,
  deviceModel: deviceModelDecider,
} as const satisfies { readonly [K in StatelessDeciderName]: { readonly initialState: null } };
