// JSON schemas of tariffs and their assignments: request bodies in the Avro record's own terms
// (OCPI 2.2.1 Tariff fields, prices as exact decimal strings), instants as ISO date-times.
import { DAYS_OF_WEEK } from '@csms/contracts';
import { chargePointIdString, idTokenString, nullableInt, nullableStr, str } from './schemas.ts';

const time = { type: 'string', format: 'date-time' } as const;
/** Exact decimal strings ("0.25"); validateTariff says which are malformed or negative. */
const decimal = { type: 'string', minLength: 1, maxLength: 40, description: 'An exact decimal, e.g. "0.35"' } as const;
const nullableDecimal = { type: ['string', 'null'], minLength: 1, maxLength: 40 } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
export const tariffIdString = { type: 'string', minLength: 1, maxLength: 36, description: 'OCPI Tariff.id: up to 36 characters', examples: ['standard-ac'] } as const;
const dimension = { type: 'string', enum: ['ENERGY', 'TIME', 'PARKING_TIME', 'FLAT'] } as const;

const priceComponent = {
  type: 'object', required: ['type', 'price'], additionalProperties: false,
  properties: {
    type: dimension, price: { ...decimal, description: 'Excluding VAT: per kWh, per hour, per hour of parking or per session' },
    vatRate: { ...nullableDecimal, description: 'Percent; null or absent: the version\'s vatRate' },
    stepSize: { type: 'integer', minimum: 1, maximum: 2_147_483_647, default: 1, description: 'Wh for ENERGY, seconds for TIME and PARKING_TIME, 1 for FLAT' },
  },
} as const;

const hhmm = { type: ['string', 'null'], maxLength: 5, description: 'HH:MM, local time of the version\'s timeZone' } as const;
const day = { type: ['string', 'null'], maxLength: 10, description: 'YYYY-MM-DD, local date' } as const;

const restrictions = {
  type: ['object', 'null'], additionalProperties: false, description: 'OCPI TariffRestrictions; absent fields do not restrict',
  properties: {
    startTime: hhmm, endTime: hhmm, startDate: day, endDate: day,
    minKwh: nullableNumber, maxKwh: nullableNumber, minPowerKw: nullableNumber, maxPowerKw: nullableNumber,
    minCurrentA: nullableNumber, maxCurrentA: nullableNumber, minDurationSeconds: nullableNumber, maxDurationSeconds: nullableNumber,
    dayOfWeek: { type: ['array', 'null'], items: { type: 'string', enum: [...DAYS_OF_WEEK] }, maxItems: 7 },
  },
} as const;

const element = {
  type: 'object', required: ['priceComponents'], additionalProperties: false,
  properties: { priceComponents: { type: 'array', items: priceComponent, maxItems: 16 }, restrictions },
} as const;

/** What every version states; a new version takes what it leaves out from the newest one. */
const versionFields = {
  currency: { type: 'string', minLength: 3, maxLength: 3, description: 'ISO 4217; a tariff keeps its currency in every version' },
  timeZone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA time zone in which time, day and date restrictions are read' },
  vatRate: { ...decimal, description: 'Percent, for components without their own' },
  minPrice: { ...nullableDecimal, description: 'Excluding VAT' },
  maxPrice: { ...nullableDecimal, description: 'Excluding VAT' },
  idlePowerThresholdW: { ...nullableNumber, description: 'Below this power the vehicle counts as idle (PARKING_TIME)' },
  elements: { type: 'array', items: element, minItems: 1, maxItems: 64 },
  validFrom: { ...time, description: 'From when this version prices sessions; default now' },
  correction: {
    type: 'boolean', default: false,
    description: 'Required to start a version in the past: it then corrects prices already applied, and a re-rating works from it',
  },
} as const;

const energyExample = {
  currency: 'EUR', timeZone: 'Europe/Amsterdam', vatRate: '21',
  elements: [{ priceComponents: [{ type: 'ENERGY', price: '0.35', stepSize: 1 }, { type: 'FLAT', price: '0.50' }] }],
};

export const newTariffBody = {
  type: 'object', required: ['id', 'currency', 'timeZone', 'vatRate', 'elements'], additionalProperties: false,
  properties: { id: tariffIdString, name: { type: ['string', 'null'], minLength: 1, maxLength: 100 }, ...versionFields },
  examples: [{ id: 'standard-ac', name: 'Standard AC', ...energyExample }],
} as const;

export const newVersionBody = {
  type: 'object', required: ['elements'], additionalProperties: false,
  properties: versionFields,
  examples: [
    { elements: [{ priceComponents: [{ type: 'ENERGY', price: '0.39' }] }], validFrom: '2025-03-01T00:00:00Z' },
    { ...energyExample, validFrom: '2025-01-01T00:00:00Z', correction: true },
  ],
} as const;

const priceComponentView = {
  type: 'object', properties: { type: dimension, price: str, vatRate: nullableStr, stepSize: { type: 'integer' } },
} as const;

export const tariffVersionView = {
  type: 'object',
  properties: {
    id: str, version: { type: 'integer' }, validFrom: time, currency: str, timeZone: str, vatRate: str,
    minPrice: nullableStr, maxPrice: nullableStr, idlePowerThresholdW: nullableNumber,
    elements: {
      type: 'array',
      items: { type: 'object', properties: { priceComponents: { type: 'array', items: priceComponentView }, restrictions: { ...restrictions, additionalProperties: true } } },
    },
  },
} as const;

export const tariffView = {
  type: 'object', required: ['id', 'name', 'currency', 'currentVersion', 'versions', 'updatedAt', 'updatedBy'],
  properties: {
    id: str, name: nullableStr, currency: str,
    currentVersion: { type: 'integer', description: 'The highest version number' },
    versions: { type: 'array', items: tariffVersionView }, updatedAt: time, updatedBy: nullableStr,
  },
  examples: [{
    id: 'standard-ac', name: 'Standard AC', currency: 'EUR', currentVersion: 1, updatedAt: '2025-01-15T10:00:00.000Z', updatedBy: 'key:ops',
    versions: [{
      id: 'standard-ac', version: 1, validFrom: '2025-01-15T10:00:00.000Z', currency: 'EUR', timeZone: 'Europe/Amsterdam', vatRate: '21',
      minPrice: null, maxPrice: null, idlePowerThresholdW: null,
      elements: [{ priceComponents: [{ type: 'ENERGY', price: '0.35', vatRate: null, stepSize: 1 }], restrictions: null }],
    }],
  }],
} as const;

export const tariffScope = {
  type: 'string', enum: ['Default', 'Station', 'Evse', 'IdTokenGroup'],
  description: 'A session takes the tariff of its id token\'s group, else its EVSE\'s, else its station\'s, else the default',
} as const;

export const assignmentBody = {
  type: 'object', required: ['scope', 'tariffId'], additionalProperties: false,
  properties: {
    scope: tariffScope,
    chargePointId: { ...chargePointIdString, description: 'Station and Evse scopes' },
    evseId: { type: 'integer', minimum: 0, maximum: 2_147_483_647, description: 'Evse scope: the OCPP 2.0.1 EVSE id, or the 1.6 connector id' },
    groupIdToken: { ...idTokenString, description: 'IdTokenGroup scope: the id tags\' parent (1.6 parentIdTag, 2.0.1 groupIdToken)' },
    tariffId: tariffIdString,
  },
  examples: [
    { scope: 'Default', tariffId: 'standard-ac' },
    { scope: 'Station', chargePointId: 'CP001', tariffId: 'fast-dc' },
    { scope: 'Evse', chargePointId: 'CP001', evseId: 2, tariffId: 'fast-dc' },
    { scope: 'IdTokenGroup', groupIdToken: 'FLEET-A', tariffId: 'fleet' },
  ],
} as const;

export const assignmentView = {
  type: 'object', required: ['key', 'scope', 'chargePointId', 'evseId', 'groupIdToken', 'tariffId', 'updatedAt', 'updatedBy'],
  properties: {
    key: { ...str, description: 'default, station:<chargePointId>, evse:<chargePointId>:<evseId> or group:<groupIdToken>' },
    scope: tariffScope, chargePointId: nullableStr, evseId: nullableInt, groupIdToken: nullableStr, tariffId: str,
    updatedAt: time, updatedBy: nullableStr,
  },
  examples: [{
    key: 'station:CP001', scope: 'Station', chargePointId: 'CP001', evseId: null, groupIdToken: null, tariffId: 'fast-dc',
    updatedAt: '2025-01-15T10:00:00.000Z', updatedBy: 'key:ops',
  }],
} as const;
