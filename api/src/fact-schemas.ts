// JSON schemas of what the stations reported and accepted: configuration, reservations, the
// local list, charging profiles and composite schedules.
import { nullableInt, nullableStr, nullableTime, str } from './schemas.ts';

const time = { type: 'string', format: 'date-time' } as const;
const int = { type: 'integer' } as const;

export const configurationView = {
  type: 'object', required: ['keys', 'changes'],
  properties: {
    keys: {
      type: 'array', description: 'As the station last reported them (GetConfiguration)',
      items: { type: 'object', properties: { key: str, value: nullableStr, readonly: { type: 'boolean' }, reportedAt: time } },
    },
    changes: {
      type: 'array', description: 'The latest ChangeConfiguration per key and how the station answered it',
      items: { type: 'object', properties: { key: str, value: str, status: str, requestedAt: time } },
    },
  },
} as const;

export const reservationView = {
  type: 'object',
  properties: {
    chargePointId: str, reservationId: int, connectorId: nullableInt, idTag: nullableStr, parentIdTag: nullableStr,
    expiryDate: nullableTime, status: { type: 'string', enum: ['Active', 'Cancelled', 'Used', 'Expired'] },
    madeAt: nullableTime, endedAt: nullableTime, transactionId: nullableInt,
  },
} as const;

export const reservationQuery = {
  status: { type: 'string', enum: ['active', 'ended'] },
} as const;

export const localListView = {
  type: 'object', required: ['versionSent', 'versionReported', 'entries'],
  properties: {
    versionSent: { ...nullableInt, description: 'The listVersion of the last SendLocalList the station accepted' },
    updateType: nullableStr, sentAt: nullableTime,
    versionReported: { ...nullableInt, description: 'What the station last answered to GetLocalListVersion' },
    reportedAt: nullableTime,
    entries: {
      type: 'array',
      items: { type: 'object', properties: { idTag: str, status: str, expiryDate: nullableTime, parentIdTag: nullableStr, updatedAt: time } },
    },
  },
} as const;

const chargingProfileView = {
  type: 'object',
  properties: {
    chargingProfileId: int, connectorId: int, stackLevel: int, purpose: str, transactionId: nullableInt,
    validFrom: nullableTime, validTo: nullableTime, profile: { description: 'The csChargingProfiles object' }, setAt: time,
  },
} as const;

/** One entry per connector that has profiles, in connector order. */
export const chargingProfilesView = {
  type: 'array',
  items: {
    type: 'object',
    properties: { connectorId: int, profiles: { type: 'array', items: chargingProfileView, description: 'Lowest stack level first' } },
  },
} as const;

export const compositeSchedulesView = {
  type: 'array',
  items: {
    type: 'object',
    properties: { connectorId: int, scheduleStart: nullableTime, schedule: { description: 'The chargingSchedule object' }, reportedAt: time },
  },
} as const;
