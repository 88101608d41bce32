// JSON schemas shared by the routes; they validate requests, shape responses and feed OpenAPI.
import { SECURITY_EVENT_TYPES } from '@csms/projections/security-events/queries.ts';
import { CHARGE_POINT_ID_PATTERN, CHARGE_POINT_ID_RULE, MAX_CHARGE_POINT_ID_LENGTH } from '@csms/contracts';
import { STATION_PASSWORD_MAX, STATION_PASSWORD_MIN } from '@csms/infra';
import { errorCatalogue, type ErrorCode } from './errors.ts';
import { MAX_ID_TOKEN_LENGTH } from './id-token-types.ts';
import { siteViewSchema } from './station-site.ts';

export const str = { type: 'string' } as const;
export const nullableStr = { type: ['string', 'null'] } as const;
export const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;
export const nullableInt = { type: ['integer', 'null'] } as const;

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object', required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(errorCatalogue) }, message: str,
        problems: {
          type: 'array',
          description: 'Where the body is wrong: a JSON pointer and a stable code (TARIFF_INVALID: validateTariff\'s codes; a command\'s VALIDATION_FAILED: the JSON Schema keyword, with a message)',
          items: { type: 'object', required: ['path', 'code'], properties: { path: str, code: str, message: str } },
        },
      },
    },
  },
} as const;

/** Response schemas for the error codes a route can answer with (plus 400 for validation). */
export function errorResponses(...codes: ErrorCode[]): Record<number, typeof errorSchema> {
  const responses: Record<number, typeof errorSchema> = { 400: errorSchema };
  for (const code of codes) responses[errorCatalogue[code].status] = errorSchema;
  return responses;
}

/** The largest offset a page may start at: PostgreSQL's integer range, far past any real listing. */
export const MAX_OFFSET = 2_147_483_647;

export const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
} as const;

/** A page of `item`; an item schema with examples gives the page one too (for OpenAPI). */
export function pageOf(item: object): object {
  const examples = 'examples' in item && Array.isArray(item.examples) ? item.examples : undefined;
  return {
    type: 'object', required: ['items', 'total', 'limit', 'offset'],
    properties: { items: { type: 'array', items: item }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } },
    ...(examples === undefined ? {} : { examples: [{ items: examples, total: examples.length, limit: 50, offset: 0 }] }),
  };
}

/**
 * An id tag as the api takes it: up to an OCPP 2.0.1 IdTokenType.idToken (36); one without an
 * idTokenType keeps to the 1.6 length (id-token-types.ts).
 */
export const idTokenString = { type: 'string', minLength: 1, maxLength: MAX_ID_TOKEN_LENGTH } as const;
/** The identity rule the gateway applies at the upgrade (contracts: charge-point-id.ts), so the api names no station that could never connect. */
export const chargePointIdString = {
  type: 'string', minLength: 1, maxLength: MAX_CHARGE_POINT_ID_LENGTH, pattern: CHARGE_POINT_ID_PATTERN,
  description: `The charge point identity: ${CHARGE_POINT_ID_RULE}`,
} as const;
/** OCPP security profile (1.6 Security Whitepaper §2): 0 none, 1 Basic auth, 2 TLS + Basic auth, 3 TLS client certificates. */
export const securityProfile = { type: 'integer', minimum: 0, maximum: 3 } as const;
/** Write-only: hashed on arrival, never answered, logged or stored in clear. */
export const basicAuthPassword = {
  type: 'string', minLength: STATION_PASSWORD_MIN, maxLength: STATION_PASSWORD_MAX, writeOnly: true,
  description: `The station's HTTP Basic password (security profiles 1 and 2): ${STATION_PASSWORD_MIN} to ${STATION_PASSWORD_MAX} printable ASCII characters, no spaces`,
} as const;
export const registrationStatus = { type: 'string', enum: ['Accepted', 'Pending', 'Rejected'] } as const;
export const idTagStatus = { type: 'string', enum: ['Accepted', 'Blocked', 'Expired', 'Invalid'] } as const;

export const idTagView = {
  type: 'object', required: ['idTag', 'status', 'expiryDate', 'parentIdTag', 'updatedAt', 'idTokenType'],
  properties: {
    idTag: str, status: idTagStatus, expiryDate: nullableTime, parentIdTag: nullableStr, updatedAt: { type: 'string', format: 'date-time' },
    idTokenType: { ...nullableStr, description: 'The OCPP 2.0.1 IdTokenEnumType the token must be presented as; null: any type' },
  },
} as const;

const connectorView = {
  type: 'object',
  properties: {
    connectorId: { type: 'integer', description: 'The OCPP 1.6 connector (0: the station as a whole), or the OCPP 2.0.1 EVSE (evseId)' },
    evseConnectorId: { ...nullableInt, description: 'OCPP 2.0.1: the connector within that EVSE (StatusNotification connectorId); null for 1.6' },
    status: str, errorCode: str, info: nullableStr, vendorId: nullableStr,
    vendorErrorCode: nullableStr, statusAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const connectionView = {
  type: 'object',
  properties: {
    chargePointId: str, connected: { type: 'boolean' }, node: { type: 'integer' }, connectionId: str, protocol: nullableStr,
    remoteAddress: nullableStr,
    securityProfile: { ...nullableInt, description: 'The security profile the connection proved at the upgrade (0-3); null when unknown' },
    connectedAt: nullableTime, disconnectedAt: nullableTime, closeCode: nullableInt, closeReason: nullableStr,
  },
} as const;

const chargePointProperties = {
  id: str, registered: { type: 'boolean' }, name: nullableStr, location: nullableStr, site: siteViewSchema,
  registrationStatus: { type: ['string', 'null'] }, updatedAt: nullableTime,
  vendor: nullableStr, model: nullableStr, serialNumber: nullableStr, chargeBoxSerialNumber: nullableStr,
  firmwareVersion: nullableStr, iccid: nullableStr, imsi: nullableStr, meterType: nullableStr, meterSerialNumber: nullableStr,
  heartbeatInterval: nullableInt, lastBootStatus: nullableStr, lastBootAt: nullableTime, lastHeartbeatAt: nullableTime,
  lastSeenAt: nullableTime, firmwareStatus: nullableStr,
  firmwareRequestId: { ...nullableInt, description: 'The SignedUpdateFirmware the firmware status is about (SignedFirmwareStatusNotification)' },
  firmwareStatusAt: nullableTime, diagnosticsStatus: nullableStr, diagnosticsStatusAt: nullableTime, diagnosticsFileName: nullableStr,
  logStatus: { ...nullableStr, description: 'The latest LogStatusNotification: how the upload GetLog asked for goes' },
  logStatusRequestId: { ...nullableInt, description: 'The GetLog requestId it reports on' },
  logStatusAt: nullableTime,
  securityProfile: { ...nullableInt, description: 'The least security profile the station must connect with (null: not registered)' },
  passwordSet: { type: 'boolean', description: 'Whether the station has a password (security profiles 1 and 2)' },
  passwordSetAt: nullableTime, passwordSetBy: nullableStr,
  previousPasswordValidUntil: { ...nullableTime, description: 'Until when the password it replaced still opens a connection' },
  protocol: { ...nullableStr, description: 'The OCPP version the station speaks: the subprotocol of its latest connection (ocpp1.6, ocpp2.0.1); null before it first connected' },
} as const;

export const chargePointView = { type: 'object', properties: chargePointProperties } as const;

export const chargePointDetail = {
  type: 'object',
  properties: {
    ...chargePointProperties,
    connectors: { type: 'array', items: connectorView },
    connection: { anyOf: [connectionView, { type: 'null' }] },
  },
} as const;

/** OCPP 2.0.1 SignedMeterValueType: the meter's signature of a reading, for the driver to verify. */
const signedMeterValue = {
  type: ['object', 'null'],
  description: 'OCPP 2.0.1: the meter\'s signature of the reading (signedMeterValue), when it sent one',
  properties: { signedMeterData: str, signingMethod: str, encodingMethod: str, publicKey: str },
} as const;

const meterValueView = {
  type: 'object',
  properties: {
    sampledAt: { type: 'string', format: 'date-time' }, connectorId: nullableInt, measurand: str, value: str, unit: nullableStr,
    context: nullableStr, phase: nullableStr, location: nullableStr, format: nullableStr,
    evseConnectorId: { ...nullableInt, description: 'OCPP 2.0.1: the connector within the EVSE (connectorId)' },
    signedMeterValue,
  },
} as const;

const transactionProperties = {
  transactionId: { type: 'integer' }, chargePointId: str, connectorId: nullableInt, idTag: nullableStr, idTagStatus: nullableStr,
  reservationId: nullableInt, meterStartWh: nullableInt, meterStopWh: nullableInt, energyWh: nullableInt,
  startedAt: nullableTime, stoppedAt: nullableTime, durationSeconds: nullableInt, stopReason: nullableStr,
  status: { type: 'string', enum: ['Active', 'Completed'] },
  // OCPP 2.0.1 (TransactionEvent); null for a 1.6 transaction.
  stationTransactionId: { ...nullableStr, description: 'OCPP 2.0.1: the transaction id the station chose (transactionId is the CSMS\'s number for it); RequestStopTransaction and GetTransactionStatus name this one' },
  evseConnectorId: { ...nullableInt, description: 'OCPP 2.0.1: the connector within the EVSE, whose id is connectorId' },
  idTokenType: { ...nullableStr, description: 'OCPP 2.0.1: the IdTokenEnumType of idTag' },
  remoteStartId: { ...nullableInt, description: 'OCPP 2.0.1: the remoteStartId of the RequestStartTransaction that started it' },
  lastSeqNo: { ...nullableInt, description: 'OCPP 2.0.1: the highest TransactionEvent seqNo received' },
  missingSeqNos: { type: ['array', 'null'], items: { type: 'integer' }, description: 'OCPP 2.0.1: the seqNos below lastSeqNo not received (yet)' },
  triggerReason: { ...nullableStr, description: 'OCPP 2.0.1: the triggerReason of the event with the highest seqNo' },
  chargingState: { ...nullableStr, description: 'OCPP 2.0.1: the latest chargingState reported (Charging, EVConnected, SuspendedEV, SuspendedEVSE, Idle)' },
  offline: { type: ['boolean', 'null'], description: 'OCPP 2.0.1: whether any of its events was sent while the station was offline' },
} as const;

export const transactionView = { type: 'object', properties: transactionProperties } as const;
export const transactionDetail = {
  type: 'object', properties: { ...transactionProperties, meterValues: { type: 'array', items: meterValueView } },
} as const;

export const securityEventType = { type: 'string', enum: [...SECURITY_EVENT_TYPES] } as const;

/** One record of csms.security; the fields its type does not have are null. */
export const securityEventView = {
  type: 'object',
  properties: {
    id: { ...str, description: 'Its position in csms.security (partition:offset), the same after a rebuild' },
    chargePointId: { ...str, description: 'For a refused connection: the identity the caller claimed' },
    type: securityEventType,
    at: { type: 'string', format: 'date-time', description: 'When the CSMS saw it' },
    eventType: { ...nullableStr, description: 'SecurityEventReported: the station\'s event type, e.g. FirmwareUpdated, InvalidCentralSystemCertificate' },
    stationTimestamp: { ...nullableTime, description: 'SecurityEventReported: when the station says it happened' },
    techInfo: nullableStr,
    node: { ...nullableInt, description: 'The gateway node that refused or replaced the connection' },
    remoteAddress: nullableStr, connectionId: nullableStr, previousConnectionId: nullableStr, previousRemoteAddress: nullableStr,
    presentedProfile: { ...nullableInt, description: 'The security profile the connection attempt amounted to' },
    requiredProfile: { ...nullableInt, description: 'The security profile the charge point is registered with' },
    reason: { ...nullableStr, description: 'Why a connection or a certificate signing request was refused (a stable code)' },
    detail: nullableStr,
    requestId: { ...nullableStr, description: 'The certificate signing request (SignCertificate) it is about' },
    commandId: { ...nullableStr, description: 'CertificateIssued: the CertificateSigned command that carried the certificate' },
    serialNumber: nullableStr, subject: nullableStr, notAfter: nullableTime,
  },
} as const;

/** A 202 body for a deletion the read model has not shown yet. */
export const deletionPending = {
  type: 'object', required: ['id', 'deleted'], properties: { id: str, deleted: { type: 'boolean' } },
} as const;
