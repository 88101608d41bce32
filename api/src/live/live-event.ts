// What the console hears of a domain record: a small JSON event per fact an operator watches
// (connections, boots, connector states, command lifecycles, sessions), carrying the fields
// the screen shows so it can update without asking the read models again. Heartbeats and the
// like are left out: they would only flood the stream. Pure.
import type { CommandEvent, SessionEvent, StationEvent } from '@csms/contracts';

export type LiveTopic = 'stations' | 'commands' | 'sessions';

export interface LiveEvent {
  readonly topic: LiveTopic;
  readonly type: string;
  readonly chargePointId: string;
  /** ISO date-time of the fact. */
  readonly at: string;
  readonly [field: string]: unknown;
}

export const LIVE_TOPICS: readonly LiveTopic[] = ['stations', 'commands', 'sessions'];

type Fields = Record<string, unknown>;

function stationFields(record: StationEvent): Fields | null {
  switch (record.type) {
    case 'StationConnected': return { node: record.node, protocol: record.protocol, securityProfile: record.securityProfile };
    case 'StationDisconnected': return { node: record.node, code: record.code };
    case 'StationBooted': return { vendor: record.vendor, model: record.model, firmwareVersion: record.firmwareVersion };
    case 'ConnectorStatusChanged':
      return { connectorId: record.connectorId, evseConnectorId: record.evseConnectorId, status: record.status, errorCode: record.errorCode };
    case 'FirmwareStatusReported': return { status: record.status };
    default: return null;
  }
}

function commandFields(record: CommandEvent): Fields {
  const status = record.type === 'CommandRequested' ? 'Requested' : record.type === 'CommandSent' ? 'Sent' : record.outcome;
  return { commandId: record.commandId, action: record.action, status };
}

function sessionFields(record: SessionEvent): Fields {
  return { transactionId: 'transactionId' in record ? record.transactionId : null };
}

function fieldsOf(topic: LiveTopic, record: StationEvent | CommandEvent | SessionEvent): Fields | null {
  if (topic === 'stations') return stationFields(record as StationEvent);
  if (topic === 'commands') return commandFields(record as CommandEvent);
  return sessionFields(record as SessionEvent);
}

/** The event of a record of `topic`, or null when operators need not see it live. */
export function liveEventOf(topic: LiveTopic, record: StationEvent | CommandEvent | SessionEvent): LiveEvent | null {
  const fields = fieldsOf(topic, record);
  if (fields === null) return null;
  return { topic, type: record.type, chargePointId: record.chargePointId, at: new Date(record.at).toISOString(), ...fields };
}

/** One server-sent event: JSON has no raw line break, so one `data:` line always holds it. */
export function sseFrame(event: LiveEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}
