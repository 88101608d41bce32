// Every CSMS call of the 2.0.1 table, with a valid request and the outcome the simulated station
// gives it, in an order that takes each through an interesting case (a remote start then its
// stop, a reset scheduled behind a transaction, a list update with a stale version…). Played
// against the simulator's handlers by a unit test and against the whole system end to end.
import type { Ocpp201 } from '@csms/contracts';
import { hashDataOf } from '../src/simulator/ocpp201/security-handlers.ts';
import type { Csms201Action, StationModel201 } from '../src/simulator/index.ts';

export type Outcome = 'Accepted' | 'Rejected';

export interface Command201Case {
  readonly action: Csms201Action;
  /** The request, from what the station holds now (a running transaction's id). */
  readonly body: (station: StationModel201) => object;
  readonly outcome: Outcome;
  /** Why the outcome is what it is, when that is not plain. */
  readonly because?: string;
}

export const COMMAND_TOKEN: Ocpp201.IdTokenType = { idToken: 'E2E201-CMD', type: 'ISO14443' };
const certificate = '-----BEGIN CERTIFICATE-----\nU0lNVUxBVEVEIENFUlRJRklDQVRF\n-----END CERTIFICATE-----\n';
const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();
const runningOn = (evseId: number) => (station: StationModel201) =>
  ({ transactionId: [...station.transactions.values()].find((t) => t.evseId === evseId)?.transactionId ?? 'none-running' });
const heartbeatInterval = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };

const c = (action: Csms201Action, body: Command201Case['body'], outcome: Outcome, because?: string): Command201Case =>
  ({ action, body, outcome, ...(because === undefined ? {} : { because }) });

export const every201Command: readonly Command201Case[] = [
  c('RequestStartTransaction', () => ({ idToken: COMMAND_TOKEN, evseId: 2, remoteStartId: 7001 }), 'Accepted'),
  c('GetTransactionStatus', runningOn(2), 'Accepted'),
  c('RequestStartTransaction', () => ({ idToken: COMMAND_TOKEN, evseId: 2, remoteStartId: 7002 }), 'Rejected', 'EVSE 2 is busy'),
  c('Reset', () => ({ type: 'OnIdle' }), 'Accepted', 'Scheduled behind the transaction'),
  c('ChangeAvailability', () => ({ operationalStatus: 'Inoperative', evse: { id: 2 } }), 'Accepted', 'Scheduled behind the transaction'),
  c('UnlockConnector', () => ({ evseId: 2, connectorId: 1 }), 'Rejected', 'OngoingAuthorizedTransaction'),
  c('TriggerMessage', () => ({ requestedMessage: 'TransactionEvent', evse: { id: 2 } }), 'Accepted'),
  c('RequestStopTransaction', runningOn(2), 'Accepted'),
  c('RequestStopTransaction', () => ({ transactionId: 'no-such-transaction' }), 'Rejected'),
  c('GetVariables', () => ({ getVariableData: [heartbeatInterval, { component: { name: 'NoSuchCtrlr' }, variable: { name: 'X' } }] }), 'Accepted'),
  c('SetVariables', () => ({ setVariableData: [{ ...heartbeatInterval, attributeValue: '120' }] }), 'Accepted'),
  c('GetBaseReport', () => ({ requestId: 1, reportBase: 'ConfigurationInventory' }), 'Accepted'),
  c('GetReport', () => ({ requestId: 2, componentVariable: [{ component: { name: 'OCPPCommCtrlr' } }] }), 'Accepted'),
  c('GetReport', () => ({ requestId: 3, componentVariable: [{ component: { name: 'NoSuchCtrlr' } }] }), 'Rejected', 'EmptyResultSet'),
  c('SetNetworkProfile', () => ({ configurationSlot: 1, connectionData: {
    ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: 'wss://csms.example/ocpp', messageTimeout: 30, securityProfile: 2, ocppInterface: 'Wired0',
  } }), 'Accepted'),
  c('ClearCache', () => ({}), 'Accepted'),
  c('SendLocalList', () => ({ versionNumber: 3, updateType: 'Full',
    localAuthorizationList: [{ idToken: { idToken: 'LOCAL-1', type: 'ISO14443' }, idTokenInfo: { status: 'Accepted' } }] }), 'Accepted'),
  c('SendLocalList', () => ({ versionNumber: 2, updateType: 'Differential',
    localAuthorizationList: [{ idToken: { idToken: 'LOCAL-2', type: 'ISO14443' } }] }), 'Rejected', 'VersionMismatch'),
  c('GetLocalListVersion', () => ({}), 'Accepted'),
  c('TriggerMessage', () => ({ requestedMessage: 'Heartbeat' }), 'Accepted'),
  c('TriggerMessage', () => ({ requestedMessage: 'StatusNotification', evse: { id: 1, connectorId: 1 } }), 'Accepted'),
  c('TriggerMessage', () => ({ requestedMessage: 'FirmwareStatusNotification' }), 'Rejected', 'NotImplemented'),
  c('UnlockConnector', () => ({ evseId: 1, connectorId: 1 }), 'Accepted', 'Unlocked'),
  c('ChangeAvailability', () => ({ operationalStatus: 'Inoperative', evse: { id: 1 } }), 'Accepted'),
  c('ChangeAvailability', () => ({ operationalStatus: 'Operative', evse: { id: 1 } }), 'Accepted'),
  c('ReserveNow', () => ({ id: 42, expiryDateTime: inOneHour(), idToken: COMMAND_TOKEN, evseId: 1 }), 'Accepted'),
  c('CancelReservation', () => ({ reservationId: 42 }), 'Accepted'),
  c('CancelReservation', () => ({ reservationId: 4242 }), 'Rejected'),
  c('CostUpdated', () => ({ totalCost: 1.12, transactionId: 'no-such-transaction' }), 'Accepted', 'an empty answer: nothing to refuse'),
  c('DataTransfer', () => ({ vendorId: 'com.example', messageId: 'ping', data: 'hello' }), 'Accepted'),
  c('InstallCertificate', () => ({ certificateType: 'CSMSRootCertificate', certificate }), 'Accepted'),
  c('GetInstalledCertificateIds', () => ({ certificateType: ['CSMSRootCertificate'] }), 'Accepted'),
  c('DeleteCertificate', () => ({ certificateHashData: hashDataOf(certificate) }), 'Accepted'),
  c('DeleteCertificate', () => ({ certificateHashData: hashDataOf(certificate) }), 'Rejected', 'NotFound'),
  c('CertificateSigned', () => ({ certificateChain: certificate }), 'Accepted'),
  c('Reset', () => ({ type: 'Immediate' }), 'Accepted'),
];
