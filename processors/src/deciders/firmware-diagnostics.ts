// Progress of what the CSMS asked a station to do with files: UpdateFirmware and GetDiagnostics
// (OCPP 1.6 §4.4, §4.5), GetLog and SignedUpdateFirmware (1.6 Security Whitepaper N01, L01).
// Each notification is a fact on its own and is answered with an empty payload, so the decider
// keeps no state and costs no snapshot; its facts go to csms.stations.
import type { DiagnosticsStatusReported, FirmwareStatusReported, LogStatusReported, Ocpp16 } from '@csms/contracts';
import type { Decider } from './decider.ts';
import type { FrameMeta } from './context.ts';
import { replyWith, type Replied } from './reply.ts';

export type FirmwareDiagnosticsCommand =
  | {
    readonly type: 'FirmwareStatusNotification'; readonly frame: FrameMeta;
    readonly payload: Ocpp16.FirmwareStatusNotificationRequest;
  }
  | {
    readonly type: 'DiagnosticsStatusNotification'; readonly frame: FrameMeta;
    readonly payload: Ocpp16.DiagnosticsStatusNotificationRequest;
  }
  | { readonly type: 'LogStatusNotification'; readonly frame: FrameMeta; readonly payload: Ocpp16.LogStatusNotificationRequest }
  | {
    readonly type: 'SignedFirmwareStatusNotification'; readonly frame: FrameMeta;
    readonly payload: Ocpp16.SignedFirmwareStatusNotificationRequest;
  };

export type FirmwareDiagnosticsEvent = FirmwareStatusReported | DiagnosticsStatusReported | LogStatusReported | Replied;

/** Nothing to remember between notifications. */
export type FirmwareDiagnosticsState = null;

/** The last two carry their request's requestId; firmware progress is one fact whichever of the two updates it reports on. */
function reportedStatus(command: FirmwareDiagnosticsCommand): FirmwareStatusReported | DiagnosticsStatusReported | LogStatusReported {
  const base = { chargePointId: command.frame.chargePointId, at: command.frame.at };
  switch (command.type) {
    case 'FirmwareStatusNotification':
      return { type: 'FirmwareStatusReported', ...base, status: command.payload.status, requestId: null };
    case 'SignedFirmwareStatusNotification':
      return { type: 'FirmwareStatusReported', ...base, status: command.payload.status, requestId: command.payload.requestId ?? null };
    case 'DiagnosticsStatusNotification':
      // The diagnostics file name is only in the GetDiagnostics answer, which that command's completion keeps.
      return { type: 'DiagnosticsStatusReported', ...base, status: command.payload.status, fileName: null };
    case 'LogStatusNotification':
      return { type: 'LogStatusReported', ...base, status: command.payload.status, requestId: command.payload.requestId ?? null };
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

function decide(command: FirmwareDiagnosticsCommand, _state: FirmwareDiagnosticsState): readonly FirmwareDiagnosticsEvent[] {
  return [reportedStatus(command), ...replyWith(command.frame, {})];
}

export const firmwareDiagnosticsDecider: Decider<FirmwareDiagnosticsCommand, FirmwareDiagnosticsEvent, FirmwareDiagnosticsState> = {
  name: 'firmwareDiagnostics', initialState: null, decide, evolve: (state) => state,
};
