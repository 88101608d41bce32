// OCPP 1.6 station CALLs (all six feature profiles and the Security Whitepaper, edition 3) to the
// decider their row in the 1.6 action table names, as the command that decider takes.
import { ocpp16Table, type InboundFrame, type Ocpp16 } from '@csms/contracts';
import type { FrameMeta } from './deciders/context.ts';
import type { Route, RouteContext } from './route.ts';
import { isStationAction, parsePayload, type CallRouter } from './route-call.ts';

type StationAction = Extract<keyof typeof ocpp16Table.stationCalls, string>;

function routeAction(frame: InboundFrame, action: StationAction, meta: FrameMeta, context: RouteContext): Route {
  const { tables: { idTags, chargePoints }, settings, connectionProfile } = context;
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
    // The Security Whitepaper's station messages.
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
    default: {
      const _exhaustive: never = action;
      return _exhaustive;
    }
  }
}

export const routeOcpp16Call: CallRouter = (frame, action, meta, context) =>
  isStationAction(ocpp16Table, action) ? routeAction(frame, action, meta, context) : undefined;
