// Applies live events to the station page on screen: its connection, its connectors' status and
// the lifecycle of its commands.
import type { ChargePointDetail, Command, Connector } from '../api/types.ts';
import { assertNever } from './fleet-reducer.ts';
import type { CommandEvent, LiveEvent, StationEvent } from './live-event.ts';

export interface StationView { readonly station: ChargePointDetail; readonly commands: readonly Command[] }

/** How many commands the page lists (GET /charge-points/{id}/commands?limit=). */
export const COMMANDS_SHOWN = 20;

/** The live event numbers connectors as the read model does. */
function sameConnector(connector: Connector, event: { connectorId: number; evseConnectorId: number | null }): boolean {
  return connector.connectorId === event.connectorId && connector.evseConnectorId === event.evseConnectorId;
}

function withConnectorStatus(connectors: readonly Connector[], event: Extract<StationEvent, { type: 'ConnectorStatusChanged' }>): Connector[] {
  const changed = { status: event.status, statusAt: event.at };
  const index = connectors.findIndex((connector) => sameConnector(connector, event));
  if (index !== -1) return connectors.map((connector, i) => (i === index ? { ...connector, ...changed } : connector));
  const added: Connector = { connectorId: event.connectorId, evseConnectorId: event.evseConnectorId, ...changed };
  return [...connectors, added].sort((a, b) => a.connectorId - b.connectorId || (a.evseConnectorId ?? 0) - (b.evseConnectorId ?? 0));
}

function applyStationEvent(station: ChargePointDetail, event: StationEvent): ChargePointDetail {
  switch (event.type) {
    case 'StationConnected':
      return {
        ...station, protocol: event.protocol ?? station.protocol, lastSeenAt: event.at,
        connection: {
          ...station.connection, connected: true, node: event.node, protocol: event.protocol, securityProfile: event.securityProfile, connectedAt: event.at,
        },
      };
    case 'StationDisconnected':
      return { ...station, connection: { ...station.connection, connected: false, disconnectedAt: event.at } };
    case 'StationBooted':
      return { ...station, vendor: event.vendor, model: event.model, firmwareVersion: event.firmwareVersion, lastBootAt: event.at };
    case 'ConnectorStatusChanged':
      return { ...station, connectors: withConnectorStatus(station.connectors, event) };
    default:
      return assertNever(event);
  }
}

function applyCommandEvent(commands: readonly Command[], event: CommandEvent): Command[] {
  const times: Partial<Command> = event.type === 'CommandRequested' ? { requestedAt: event.at }
    : event.type === 'CommandSent' ? { sentAt: event.at } : { completedAt: event.at };
  const index = commands.findIndex((command) => command.id === event.commandId);
  if (index === -1) {
    // Newest first; one we did not list yet was requested after the page loaded.
    const added: Command = { id: event.commandId, action: event.action, status: event.status, ...times };
    return [added, ...commands].slice(0, COMMANDS_SHOWN);
  }
  return commands.map((command, i) => (i === index ? { ...command, ...times, status: event.status } : command));
}

export function applyToStation(view: StationView, event: LiveEvent): StationView {
  if (event.chargePointId !== view.station.id) return view;
  if (event.topic === 'stations') return { ...view, station: applyStationEvent(view.station, event) };
  if (event.topic === 'commands') return { ...view, commands: applyCommandEvent(view.commands, event) };
  return view;
}
