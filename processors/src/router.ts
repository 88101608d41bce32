// Maps an ocpp.inbound record to the decider that owns it and the command it means (for a CALL,
// the decider its row in the action table names; router.test.ts holds the two together). CALLs the
// gateway rejected route nowhere (it answered them); answers to CSMS calls (CALLRESULT /
// CALLERROR, even ones the gateway found invalid) and undelivered calls go to the commands decider.
import { isAnswerType, MessageType, stationCallRow, type InboundFrame, type InboundRecord, type Ocpp16 } from '@csms/contracts';
import type { FrameMeta, ProcessorSettings, Tables } from './deciders/context.ts';
import type { StationCommand } from './deciders/station.ts';
import type { AuthorizationCommand } from './deciders/authorization.ts';
import type { SessionsCommand } from './deciders/sessions.ts';
import type { CommandsCommand } from './deciders/commands.ts';
import type { ReservationsCommand } from './deciders/reservations.ts';
import type { SecurityCommand } from './deciders/security.ts';
import type { FirmwareDiagnosticsCommand } from './deciders/firmware-diagnostics.ts';
import type { LocalListsCommand } from './deciders/local-lists.ts';
import type { ChargingProfilesCommand } from './deciders/charging-profiles.ts';
import type { DeviceModelCommand } from './deciders/device-model.ts';

export type Route =
  | { readonly decider: 'station'; readonly command: StationCommand }
  | { readonly decider: 'authorization'; readonly command: AuthorizationCommand }
  | { readonly decider: 'sessions'; readonly command: SessionsCommand }
  | { readonly decider: 'commands'; readonly command: CommandsCommand }
  | { readonly decider: 'reservations'; readonly command: ReservationsCommand }
  | { readonly decider: 'security'; readonly command: SecurityCommand }
  | { readonly decider: 'firmwareDiagnostics'; readonly command: FirmwareDiagnosticsCommand }
  | { readonly decider: 'localLists'; readonly command: LocalListsCommand }
  | { readonly decider: 'chargingProfiles'; readonly command: ChargingProfilesCommand }
  | { readonly decider: 'deviceModel'; readonly command: DeviceModelCommand };

/** The deciders that keep nothing between messages: no state in memory, no snapshot. */
export type StatelessDeciderName = 'security' | 'firmwareDiagnostics' | 'localLists' | 'chargingProfiles' | 'deviceModel';

/** The deciders that keep state per charge point, in memory and in snapshots. */
export type DeciderName = Exclude<Route['decider'], StatelessDeciderName>;
export const deciderNames: readonly DeciderName[] = ['station', 'authorization', 'sessions', 'commands', 'reservations'];

export interface RouteContext {
  readonly tables: Tables;
  readonly settings: ProcessorSettings;
  readonly transactionIdCandidate: number;
  /** The security profile the connection the record came on proved (the station decider's view); null when unknown. */
  readonly connectionProfile: number | null;
}

function frameMeta(frame: InboundFrame, messageId: string): FrameMeta {
  return {
    chargePointId: frame.chargePointId, at: frame.at, messageId, node: frame.node,
    connectionId: frame.connectionId, replyExpected: !frame.repliedByGateway,
  };
}

/** The gateway validated the payload against the OCPP 1.6 schema of its action. */
function parsePayload<T>(frame: InboundFrame): T {
  return JSON.parse(frame.payload ?? '{}') as T;
}

/** The station messages of the OCPP 1.6 Security Whitepaper (edition 3); undefined for any other action. */
function routeSecurityExtension(frame: InboundFrame, action: string, meta: FrameMeta, context: RouteContext): Route | undefined {
  const { settings, connectionProfile } = context;
  switch (action) {
    case 'LogStatusNotification':
      return { decider: 'firmwareDiagnostics', command: { type: 'LogStatusNotification', frame: meta, payload: parsePayload<Ocpp16.LogStatusNotificationRequest>(frame) } };
    case 'SignedFirmwareStatusNotification':
      return { decider: 'firmwareDiagnostics', command: { type: 'SignedFirmwareStatusNotification', frame: meta, payload: parsePayload<Ocpp16.SignedFirmwareStatusNotificationRequest>(frame) } };
    case 'SecurityEventNotification':
      return { decider: 'security', command: { type: 'SecurityEventNotification', frame: meta, payload: parsePayload<Ocpp16.SecurityEventNotificationRequest>(frame) } };
    case 'SignCertificate':
      return {
        decider: 'security',
        command: { type: 'SignCertificate', frame: meta, payload: parsePayload<Ocpp16.SignCertificateRequest>(frame), settings, connectionProfile },
      };
    default:
      return undefined;
  }
}

function routeCall(frame: InboundFrame, action: string, meta: FrameMeta, context: RouteContext): Route {
  const { tables: { idTags, chargePoints }, settings } = context;
  switch (action) {
    case 'BootNotification':
      return { decider: 'station', command: { type: 'BootNotification', frame: meta, payload: parsePayload<Ocpp16.BootNotificationRequest>(frame), chargePoints, settings } };
    case 'Heartbeat':
      return { decider: 'station', command: { type: 'Heartbeat', frame: meta } };
    case 'StatusNotification':
      return { decider: 'station', command: { type: 'StatusNotification', frame: meta, payload: parsePayload<Ocpp16.StatusNotificationRequest>(frame) } };
    case 'DataTransfer':
      return { decider: 'station', command: { type: 'DataTransfer', frame: meta, payload: parsePayload<Ocpp16.DataTransferRequest>(frame), settings } };
    case 'FirmwareStatusNotification':
      return { decider: 'firmwareDiagnostics', command: { type: 'FirmwareStatusNotification', frame: meta, payload: parsePayload<Ocpp16.FirmwareStatusNotificationRequest>(frame) } };
    case 'DiagnosticsStatusNotification':
      return { decider: 'firmwareDiagnostics', command: { type: 'DiagnosticsStatusNotification', frame: meta, payload: parsePayload<Ocpp16.DiagnosticsStatusNotificationRequest>(frame) } };
    case 'Authorize':
      return { decider: 'authorization', command: { type: 'Authorize', frame: meta, payload: parsePayload<Ocpp16.AuthorizeRequest>(frame), idTags } };
    case 'StartTransaction':
      return {
        decider: 'sessions',
        command: {
          type: 'StartTransaction', frame: meta, payload: parsePayload<Ocpp16.StartTransactionRequest>(frame), idTags,
          transactionIdCandidate: context.transactionIdCandidate,
        },
      };
    case 'MeterValues':
      return { decider: 'sessions', command: { type: 'MeterValues', frame: meta, payload: parsePayload<Ocpp16.MeterValuesRequest>(frame) } };
    case 'StopTransaction':
      return { decider: 'sessions', command: { type: 'StopTransaction', frame: meta, payload: parsePayload<Ocpp16.StopTransactionRequest>(frame), idTags } };
    default:
      return routeSecurityExtension(frame, action, meta, context)
        ?? { decider: 'station', command: { type: 'UnsupportedAction', frame: meta, action } };
  }
}

function routeFrame(frame: InboundFrame, context: RouteContext): Route | null {
  const { messageTypeId, messageId } = frame;
  if (messageId === null) return null;
  if (isAnswerType(messageTypeId)) {
    return { decider: 'commands', command: { type: 'Answer', frame } };
  }
  // A rejected CALL was answered by the gateway with its CALLERROR.
  if (frame.rejection !== null || messageTypeId !== MessageType.Call || frame.action === null) return null;
  const meta = frameMeta(frame, messageId);
  // Only what the station's protocol lets a station send (its action table) reaches a decider.
  if (stationCallRow(frame.protocol, frame.action) === undefined) {
    return { decider: 'station', command: { type: 'UnsupportedAction', frame: meta, action: frame.action } };
  }
  return routeCall(frame, frame.action, meta, context);
}

export function route(record: InboundRecord, context: RouteContext): Route | null {
  switch (record.type) {
    case 'Connected':
      return { decider: 'station', command: { type: 'Connect', record } };
    case 'Disconnected':
      return { decider: 'station', command: { type: 'Disconnect', record } };
    case 'Frame':
      return routeFrame(record, context);
    case 'CallUndelivered':
      return { decider: 'commands', command: { type: 'Undelivered', record } };
    default: {
      const _exhaustive: never = record;
      return _exhaustive;
    }
  }
}
