// Applies live station events to the fleet page on screen. A station that is not on the page
// changes only the summary; the caller refetches the page (throttled) when `refetch` says so.
import type { FleetPage, FleetStation } from '../api/types.ts';
import type { LiveEvent } from './live-event.ts';

export interface FleetUpdate { readonly page: FleetPage; readonly refetch: boolean }

function patchRow(row: FleetStation, event: LiveEvent): FleetStation {
  if (event.topic !== 'stations') return row;
  switch (event.type) {
    case 'StationConnected':
      return {
        ...row, connected: true, node: event.node, protocol: event.protocol ?? row.protocol, securityProfile: event.securityProfile,
        connectedAt: event.at, lastSeenAt: event.at,
      };
    case 'StationDisconnected':
      return { ...row, connected: false, disconnectedAt: event.at };
    case 'StationBooted':
      return { ...row, vendor: event.vendor, model: event.model, firmwareVersion: event.firmwareVersion, lastBootAt: event.at, lastSeenAt: event.at };
    case 'ConnectorStatusChanged':
      return { ...row, lastSeenAt: event.at };
    default:
      return assertNever(event);
  }
}

function connectedDelta(before: boolean | undefined, event: LiveEvent): number {
  if (event.topic !== 'stations') return 0;
  // Off the page we do not know the previous state: assume the event changes it.
  if (event.type === 'StationConnected') return before === true ? 0 : 1;
  if (event.type === 'StationDisconnected') return before === false ? 0 : -1;
  return 0;
}

export function applyToFleet(page: FleetPage, event: LiveEvent): FleetUpdate {
  if (event.topic !== 'stations') return { page, refetch: false };
  const index = page.items.findIndex((row) => row.id === event.chargePointId);
  const row = index === -1 ? undefined : page.items[index];
  const delta = connectedDelta(row?.connected, event);
  const connected = Math.min(page.summary.stations, Math.max(0, page.summary.connected + delta));
  const summary = delta === 0 ? page.summary : { ...page.summary, connected };
  if (row === undefined) return { page: { ...page, summary }, refetch: event.type === 'StationConnected' };
  const items = page.items.slice();
  items[index] = patchRow(row, event);
  return { page: { ...page, items, summary }, refetch: false };
}

export function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}
