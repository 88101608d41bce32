// What a station's answer to a CSMS call means: its outcome (OCPP 1.6 §6: the `status` of the
// .conf), and the station-side facts it establishes, built from the request and the response.
// The gateway validated the request (api) and the response (urn:{Action}.conf) against the
// official schemas, so their shapes are trusted here.
import {
  COMMAND_SUCCESS_STATUSES, type ChargingProfileSet, type ChargingProfilesCleared, type CommandOutcome,
  type CompositeScheduleReported, type ConfigurationChanged, type ConfigurationReported, type LocalListUpdated,
  type LocalListVersionReported, type Ocpp16, type ReservationEnded, type ReservationMade,
} from '@csms/contracts';
import { parseTimestamp } from './context.ts';
import type { PendingCommand } from './commands-state.ts';

export type CommandFact =
  | ReservationMade | ReservationEnded | LocalListUpdated | LocalListVersionReported | ConfigurationReported
  | ConfigurationChanged | ChargingProfileSet | ChargingProfilesCleared | CompositeScheduleReported;

type Base = { readonly chargePointId: string; readonly at: number };

/** Accepted when the response has no `status`, or one of the statuses that mean the station did it. */
export function outcomeOf(response: unknown): Extract<CommandOutcome, 'Accepted' | 'Rejected'> {
  if (typeof response !== 'object' || response === null || !('status' in response)) return 'Accepted';
  return typeof response.status === 'string' && COMMAND_SUCCESS_STATUSES.has(response.status) ? 'Accepted' : 'Rejected';
}

function parse<T>(json: string): T {
  return JSON.parse(json) as T;
}

function reservationMade(base: Base, request: Ocpp16.ReserveNowRequest): ReservationMade {
  return {
    type: 'ReservationMade', ...base, reservationId: request.reservationId, connectorId: request.connectorId,
    idTag: request.idTag, parentIdTag: request.parentIdTag ?? null,
    expiryDate: parseTimestamp(request.expiryDate) ?? base.at,
  };
}

function localListUpdated(base: Base, request: Ocpp16.SendLocalListRequest): LocalListUpdated {
  const entries = (request.localAuthorizationList ?? []).map(({ idTag, idTagInfo }) => ({
    idTag, status: idTagInfo?.status ?? null, expiryDate: parseTimestamp(idTagInfo?.expiryDate),
    parentIdTag: idTagInfo?.parentIdTag ?? null,
  }));
  return { type: 'LocalListUpdated', ...base, listVersion: request.listVersion, updateType: request.updateType, entries };
}

function configurationReported(
  base: Base, request: Ocpp16.GetConfigurationRequest, response: Ocpp16.GetConfigurationResponse,
): ConfigurationReported {
  const keys = (response.configurationKey ?? []).map((k) => ({ key: k.key, value: k.value ?? null, readonly: k.readonly }));
  // OCPP 1.6 §5.8: no keys asked for means every key, so a key not listed is gone.
  const complete = (request.key ?? []).length === 0;
  return { type: 'ConfigurationReported', ...base, keys, unknownKeys: response.unknownKey ?? [], complete };
}

function chargingProfileSet(base: Base, request: Ocpp16.SetChargingProfileRequest): ChargingProfileSet {
  const profile = request.csChargingProfiles;
  return {
    type: 'ChargingProfileSet', ...base, connectorId: request.connectorId, chargingProfileId: profile.chargingProfileId,
    stackLevel: profile.stackLevel, purpose: profile.chargingProfilePurpose, transactionId: profile.transactionId ?? null,
    validFrom: parseTimestamp(profile.validFrom), validTo: parseTimestamp(profile.validTo), profile: JSON.stringify(profile),
  };
}

function chargingProfilesCleared(base: Base, request: Ocpp16.ClearChargingProfileRequest): ChargingProfilesCleared {
  return {
    type: 'ChargingProfilesCleared', ...base, chargingProfileId: request.id ?? null, connectorId: request.connectorId ?? null,
    purpose: request.chargingProfilePurpose ?? null, stackLevel: request.stackLevel ?? null,
  };
}

function compositeScheduleReported(
  base: Base, request: Ocpp16.GetCompositeScheduleRequest, response: Ocpp16.GetCompositeScheduleResponse,
): CompositeScheduleReported {
  return {
    type: 'CompositeScheduleReported', ...base, connectorId: response.connectorId ?? request.connectorId,
    scheduleStart: parseTimestamp(response.scheduleStart),
    schedule: response.chargingSchedule === undefined ? null : JSON.stringify(response.chargingSchedule),
  };
}

/** Facts whatever the outcome: answers that report something rather than do something. */
function reportedFacts(base: Base, command: PendingCommand, responseJson: string): CommandFact[] {
  switch (command.action) {
    case 'GetLocalListVersion':
      return [{ type: 'LocalListVersionReported', ...base, listVersion: parse<Ocpp16.GetLocalListVersionResponse>(responseJson).listVersion }];
    case 'GetConfiguration':
      return [configurationReported(base, parse(command.payload), parse(responseJson))];
    case 'ChangeConfiguration': {
      const { key, value } = parse<Ocpp16.ChangeConfigurationRequest>(command.payload);
      return [{ type: 'ConfigurationChanged', ...base, key, value, status: parse<Ocpp16.ChangeConfigurationResponse>(responseJson).status }];
    }
    default:
      return [];
  }
}

/** Facts only when the station accepted: the change it agreed to make. */
function acceptedFacts(base: Base, command: PendingCommand, responseJson: string): CommandFact[] {
  switch (command.action) {
    case 'ReserveNow':
      return [reservationMade(base, parse(command.payload))];
    case 'CancelReservation': {
      const { reservationId } = parse<Ocpp16.CancelReservationRequest>(command.payload);
      return [{ type: 'ReservationEnded', ...base, reservationId, reason: 'Cancelled', transactionId: null }];
    }
    case 'SendLocalList':
      return [localListUpdated(base, parse(command.payload))];
    case 'SetChargingProfile':
      return [chargingProfileSet(base, parse(command.payload))];
    case 'ClearChargingProfile':
      return [chargingProfilesCleared(base, parse(command.payload))];
    case 'GetCompositeSchedule':
      return [compositeScheduleReported(base, parse(command.payload), parse(responseJson))];
    default:
      return [];
  }
}

/** The station-side facts of a CALLRESULT to `command`. */
export function factsOfAnswer(
  base: Base, command: PendingCommand, responseJson: string, outcome: CommandOutcome,
): CommandFact[] {
  const reported = reportedFacts(base, command, responseJson);
  return outcome === 'Accepted' ? [...reported, ...acceptedFacts(base, command, responseJson)] : reported;
}
