// Runs one route's decider against an overlay: reads the state, decides, evolves, and writes the
// new state only once the decision succeeded (and only when it changed), so a record that throws
// leaves the overlay untouched and an unchanged state costs no snapshot.
import type { Decider } from './deciders/decider.ts';
import { runDecider } from './deciders/decider.ts';
import { statelessDeciders, type DeciderStates } from './deciders/registry.ts';
import { authorizationDecider } from './deciders/authorization.ts';
import { billingDecider } from './deciders/billing.ts';
import { commandsDecider } from './deciders/commands.ts';
import { costDisplayDecider } from './deciders/cost-display.ts';
import { reservationsDecider } from './deciders/reservations.ts';
import { sessionsDecider } from './deciders/sessions.ts';
import { stationDecider } from './deciders/station.ts';
import { readState, writeState, type Overlay } from './partition-memory.ts';
import type { DeciderName, Route } from './route.ts';
import type { ProcessorEvent } from './record-output.ts';

function step<K extends DeciderName, Command, Event>(
  overlay: Overlay, name: K, decider: Decider<Command, Event, DeciderStates[K]>, command: Command, key: string,
): readonly Event[] {
  const before = readState(overlay, name, key);
  const { events, state } = runDecider(decider, command, before);
  if (state !== before) writeState(overlay, name, key, state);
  return events;
}

/** The events of the route's decider for the charge point `key`; nothing else. */
export function runRoute(routed: Route, overlay: Overlay, key: string): readonly ProcessorEvent[] {
  switch (routed.decider) {
    case 'station':
      return step(overlay, 'station', stationDecider, routed.command, key);
    case 'authorization':
      return step(overlay, 'authorization', authorizationDecider, routed.command, key);
    case 'sessions':
      return step(overlay, 'sessions', sessionsDecider, routed.command, key);
    case 'commands':
      return step(overlay, 'commands', commandsDecider, routed.command, key);
    case 'reservations':
      return step(overlay, 'reservations', reservationsDecider, routed.command, key);
    case 'billing':
      return step(overlay, 'billing', billingDecider, routed.command, key);
    case 'costDisplay':
      return step(overlay, 'costDisplay', costDisplayDecider, routed.command, key);
    case 'security':
      return statelessDeciders.security.decide(routed.command, null);
    case 'firmwareDiagnostics':
      return statelessDeciders.firmwareDiagnostics.decide(routed.command, null);
    case 'localLists':
      return statelessDeciders.localLists.decide(routed.command, null);
    case 'chargingProfiles':
      return statelessDeciders.chargingProfiles.decide(routed.command, null);
    case 'deviceModel':
      return statelessDeciders.deviceModel.decide(routed.command, null);
    default: {
      const _exhaustive: never = routed;
      return _exhaustive;
    }
  }
}

/** The routes in turn, each against what the ones before it left. */
export function runRoutes(routes: readonly Route[], overlay: Overlay, key: string): readonly ProcessorEvent[] {
  return routes.flatMap((routed) => runRoute(routed, overlay, key));
}
