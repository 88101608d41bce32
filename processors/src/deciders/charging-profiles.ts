// Smart charging (OCPP 1.6 §3.13, §5.5, §5.7, §5.16): the charging profiles a station accepted
// to set or clear, and the composite schedules it reported. Each accepted answer is a fact on
// its own, so the decider keeps no state and costs no snapshot; its facts go to csms.stations.
import type { ChargingProfileSet, ChargingProfilesCleared, CompositeScheduleReported, Ocpp16 } from '@csms/contracts';
import type { Decider } from './decider.ts';
import { parseTimestamp } from './context.ts';
import { baseOf, requestOf, responseOf, type AnswerReceived } from './answer-received.ts';

export type ChargingProfilesCommand = AnswerReceived;
export type ChargingProfilesEvent = ChargingProfileSet | ChargingProfilesCleared | CompositeScheduleReported;

/** Nothing to remember between answers. */
export type ChargingProfilesState = null;

function chargingProfileSet(answer: AnswerReceived, request: Ocpp16.SetChargingProfileRequest): ChargingProfileSet {
  const profile = request.csChargingProfiles;
  return {
    type: 'ChargingProfileSet', ...baseOf(answer), connectorId: request.connectorId, chargingProfileId: profile.chargingProfileId,
    stackLevel: profile.stackLevel, purpose: profile.chargingProfilePurpose, transactionId: profile.transactionId ?? null,
    validFrom: parseTimestamp(profile.validFrom), validTo: parseTimestamp(profile.validTo), profile: JSON.stringify(profile),
  };
}

function chargingProfilesCleared(answer: AnswerReceived, request: Ocpp16.ClearChargingProfileRequest): ChargingProfilesCleared {
  return {
    type: 'ChargingProfilesCleared', ...baseOf(answer), chargingProfileId: request.id ?? null, connectorId: request.connectorId ?? null,
    purpose: request.chargingProfilePurpose ?? null, stackLevel: request.stackLevel ?? null,
  };
}

function compositeScheduleReported(
  answer: AnswerReceived, request: Ocpp16.GetCompositeScheduleRequest, response: Ocpp16.GetCompositeScheduleResponse,
): CompositeScheduleReported {
  return {
    type: 'CompositeScheduleReported', ...baseOf(answer), connectorId: response.connectorId ?? request.connectorId,
    scheduleStart: parseTimestamp(response.scheduleStart),
    schedule: response.chargingSchedule === undefined ? null : JSON.stringify(response.chargingSchedule),
  };
}

/** Facts only when the station accepted: the change it agreed to make, the schedule it could compute. */
function decide(answer: ChargingProfilesCommand, _state: ChargingProfilesState): readonly ChargingProfilesEvent[] {
  if (answer.outcome !== 'Accepted') return [];
  switch (answer.action) {
    case 'SetChargingProfile':
      return [chargingProfileSet(answer, requestOf(answer))];
    case 'ClearChargingProfile':
      return [chargingProfilesCleared(answer, requestOf(answer))];
    case 'GetCompositeSchedule':
      return [compositeScheduleReported(answer, requestOf(answer), responseOf(answer))];
    default:
      return [];
  }
}

export const chargingProfilesDecider: Decider<ChargingProfilesCommand, ChargingProfilesEvent, ChargingProfilesState> = {
  name: 'chargingProfiles', initialState: null, decide, evolve: (state) => state,
};
