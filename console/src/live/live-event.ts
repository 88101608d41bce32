// The events of GET /live, checked on arrival: the stream is trusted to be well-formed, but a
// type this console does not know yet must be skipped rather than break the page.
import type { CommandStatus } from '../api/types.ts';

interface Base { readonly chargePointId: string; readonly at: string }

export type StationEvent = Base & { readonly topic: 'stations' } & (
  | { readonly type: 'StationConnected'; readonly node: number; readonly protocol: string | null; readonly securityProfile: number | null }
  | { readonly type: 'StationDisconnected' }
  | { readonly type: 'StationBooted'; readonly vendor: string | null; readonly model: string | null; readonly firmwareVersion: string | null }
  /** As the read model numbers them: a 1.6 connector, or a 2.0.1 EVSE (connectorId) and its connector (evseConnectorId). */
  | { readonly type: 'ConnectorStatusChanged'; readonly connectorId: number; readonly evseConnectorId: number | null; readonly status: string }
);

export type CommandEvent = Base & {
  readonly topic: 'commands';
  readonly type: 'CommandRequested' | 'CommandSent' | 'CommandCompleted';
  readonly commandId: string; readonly action: string; readonly status: CommandStatus;
};

export type SessionEvent = Base & {
  readonly topic: 'sessions';
  readonly type: 'TransactionStarted' | 'MeterValuesSampled' | 'TransactionStopped' | 'TransactionUpdated' | 'AuthorizationDecided';
  /** The CSMS's transaction number, as text. */
  readonly transactionId: string | null;
};

export type LiveEvent = StationEvent | CommandEvent | SessionEvent;

type Json = Record<string, unknown>;

const COMMAND_TYPES = ['CommandRequested', 'CommandSent', 'CommandCompleted'] as const;
const SESSION_TYPES = ['TransactionStarted', 'MeterValuesSampled', 'TransactionStopped', 'TransactionUpdated', 'AuthorizationDecided'] as const;
const COMMAND_STATUSES: readonly CommandStatus[] = ['Requested', 'Sent', 'Accepted', 'Rejected', 'Failed', 'TimedOut', 'NotConnected'];

const isString = (value: unknown): value is string => typeof value === 'string';
const isInt = (value: unknown): value is number => Number.isInteger(value);
const stringOrNull = (value: unknown): string | null => (isString(value) ? value : null);
function oneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return isString(value) && (options as readonly string[]).includes(value);
}

function stationEvent(json: Json, base: Base): StationEvent | null {
  const at = { ...base, topic: 'stations' as const };
  switch (json.type) {
    case 'StationConnected':
      return isInt(json.node) ? {
        ...at, type: 'StationConnected', node: json.node, protocol: stringOrNull(json.protocol),
        securityProfile: isInt(json.securityProfile) ? json.securityProfile : null,
      } : null;
    case 'StationDisconnected':
      return { ...at, type: 'StationDisconnected' };
    case 'StationBooted':
      return {
        ...at, type: 'StationBooted',
        vendor: stringOrNull(json.vendor), model: stringOrNull(json.model), firmwareVersion: stringOrNull(json.firmwareVersion),
      };
    case 'ConnectorStatusChanged':
      if (!isInt(json.connectorId) || !isString(json.status)) return null;
      return { ...at, type: 'ConnectorStatusChanged', connectorId: json.connectorId, evseConnectorId: isInt(json.evseConnectorId) ? json.evseConnectorId : null, status: json.status };
    default:
      return null;
  }
}

function commandEvent(json: Json, base: Base): CommandEvent | null {
  if (!oneOf(COMMAND_TYPES, json.type) || !isString(json.commandId) || !oneOf(COMMAND_STATUSES, json.status)) return null;
  return { ...base, topic: 'commands', type: json.type, commandId: json.commandId, action: isString(json.action) ? json.action : '', status: json.status };
}

function sessionEvent(json: Json, base: Base): SessionEvent | null {
  if (!oneOf(SESSION_TYPES, json.type)) return null;
  return { ...base, topic: 'sessions', type: json.type, transactionId: isInt(json.transactionId) ? String(json.transactionId) : stringOrNull(json.transactionId) };
}

/** The event in a default message's data, or null for one this console ignores. */
export function parseLiveEvent(data: string): LiveEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const record = json as Json;
  if (!isString(record.chargePointId) || !isString(record.at)) return null;
  const base: Base = { chargePointId: record.chargePointId, at: record.at };
  if (record.topic === 'stations') return stationEvent(record, base);
  if (record.topic === 'commands') return commandEvent(record, base);
  if (record.topic === 'sessions') return sessionEvent(record, base);
  return null;
}
