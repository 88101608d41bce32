import { describe, it } from 'node:test';
import { deciderSpec } from './decider-spec.ts';
import { chargingProfilesDecider } from './charging-profiles.ts';
import { AT, answerReceived } from './fixtures.ts';

const spec = deciderSpec(chargingProfilesDecider);
const base = { chargePointId: 'CP001', at: AT };

describe('charging profiles decider', () => {
  it('records charging profiles set and cleared, and composite schedules, only when accepted', () => {
    const profile = {
      chargingProfileId: 3, stackLevel: 1, chargingProfilePurpose: 'TxDefaultProfile', chargingProfileKind: 'Absolute',
      validTo: '2025-01-01T10:00:02Z', chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
    };
    spec.given([]).when(answerReceived('SetChargingProfile', { connectorId: 1, csChargingProfiles: profile }, { status: 'Accepted' })).then([{
      type: 'ChargingProfileSet', ...base, connectorId: 1, chargingProfileId: 3, stackLevel: 1, purpose: 'TxDefaultProfile',
      transactionId: null, validFrom: null, validTo: AT + 2000, profile: JSON.stringify(profile),
    }]);
    spec.given([]).when(answerReceived('SetChargingProfile', { connectorId: 1, csChargingProfiles: profile }, { status: 'Rejected' })).then([]);
    spec.given([]).when(answerReceived('ClearChargingProfile', { connectorId: 1 }, { status: 'Accepted' })).then([
      { type: 'ChargingProfilesCleared', ...base, chargingProfileId: null, connectorId: 1, purpose: null, stackLevel: null },
    ]);
    spec.given([]).when(answerReceived('ClearChargingProfile', { id: 3 }, { status: 'Unknown' })).then([]);
    const schedule = { chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 11000 }] };
    const asked = { connectorId: 2, duration: 60 };
    spec.given([]).when(answerReceived('GetCompositeSchedule', asked, { status: 'Accepted', scheduleStart: '2025-01-01T10:00:00Z', chargingSchedule: schedule })).then([
      { type: 'CompositeScheduleReported', ...base, connectorId: 2, scheduleStart: AT, schedule: JSON.stringify(schedule) },
    ]);
  });
});
