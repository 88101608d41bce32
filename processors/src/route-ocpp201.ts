// OCPP 2.0.1 station CALLs to the decider their row in the 2.0.1 action table names. An action
// 1.6 has too goes as the same command, marked 2.0.1 (deciders/versioned-payload.ts); MeterValues
// is the sessions decider's EvseMeterValues, since 2.0.1 meters an EVSE, not a 1.6 connector.
import { ocpp201Table, type InboundFrame, type Ocpp201 } from '@csms/contracts';
import type { FrameMeta } from './deciders/context.ts';
import type { Route, RouteContext } from './route.ts';
import { isStationAction, parsePayload, type CallRouter } from './route-call.ts';

type StationAction = Extract<keyof typeof ocpp201Table.stationCalls, string>;

const protocol = 'ocpp2.0.1';

function routeAction(frame: InboundFrame, action: StationAction, meta: FrameMeta, context: RouteContext): Route {
  const { tables: { idTags, chargePoints }, settings, connectionProfile } = context;
  switch (action) {
    // A Security
    case 'SecurityEventNotification':
      return { decider: 'security', command: { type: 'SecurityEventNotification', frame: meta, protocol, payload: parsePayload<Ocpp201.SecurityEventNotificationRequest>(frame) } };
    case 'SignCertificate':
      return {
        decider: 'security',
        command: { type: 'SignCertificate', frame: meta, protocol, payload: parsePayload<Ocpp201.SignCertificateRequest>(frame), settings, connectionProfile },
      };
    // B Provisioning
    case 'BootNotification':
      return { decider: 'station', command: { type: 'BootNotification', frame: meta, protocol, payload: parsePayload<Ocpp201.BootNotificationRequest>(frame), chargePoints, settings } };
    case 'NotifyReport':
      return { decider: 'deviceModel', command: { type: 'NotifyReport', frame: meta, payload: parsePayload<Ocpp201.NotifyReportRequest>(frame) } };
    // C Authorization
    case 'Authorize':
      return { decider: 'authorization', command: { type: 'Authorize', frame: meta, protocol, payload: parsePayload<Ocpp201.AuthorizeRequest>(frame), idTags } };
    // E Transactions
    case 'TransactionEvent':
      return {
        decider: 'sessions',
        command: {
          type: 'TransactionEvent', frame: meta, payload: parsePayload<Ocpp201.TransactionEventRequest>(frame), idTags,
          transactionIdCandidate: context.transactionIdCandidate,
        },
      };
    // G Availability
    case 'Heartbeat':
      return { decider: 'station', command: { type: 'Heartbeat', frame: meta } };
    case 'StatusNotification':
      return { decider: 'station', command: { type: 'StatusNotification', frame: meta, protocol, payload: parsePayload<Ocpp201.StatusNotificationRequest>(frame) } };
    // H Reservation
    case 'ReservationStatusUpdate':
      return { decider: 'reservations', command: { type: 'ReservationStatusUpdate', frame: meta, payload: parsePayload<Ocpp201.ReservationStatusUpdateRequest>(frame) } };
    // J Meter values
    case 'MeterValues':
      return { decider: 'sessions', command: { type: 'EvseMeterValues', frame: meta, payload: parsePayload<Ocpp201.MeterValuesRequest>(frame) } };
    // P Data transfer
    case 'DataTransfer':
      return { decider: 'station', command: { type: 'DataTransfer', frame: meta, protocol, payload: parsePayload<Ocpp201.DataTransferRequest>(frame), settings } };
    default: {
      const _exhaustive: never = action;
      return _exhaustive;
    }
  }
}

export const routeOcpp201Call: CallRouter = (frame, action, meta, context) =>
  isStationAction(ocpp201Table, action) ? routeAction(frame, action, meta, context) : undefined;
