// Realistic facts of OCPP 2.0.1 stations, shared by the unit and integration tests: a
// TransactionEvent sequence, signed meter values, connector statuses per EVSE connector and
// device model reports.
import type {
  ConnectorStatusChanged, MeterValuesSampled, SampledValue, StationConnected, TransactionStarted, TransactionStopped,
  TransactionUpdated, VariableAttributeReport, VariablesReported, VariablesSource,
} from '@csms/contracts';
import { sample, statusChanged } from './test-events.ts';

export function connected201(chargePointId: string, connectionId: string, at: number): StationConnected {
  return { type: 'StationConnected', chargePointId, at, node: 0, connectionId, protocol: 'ocpp2.0.1', remoteAddress: '10.0.0.8', securityProfile: 2 };
}

/** TransactionEvent(Started) on EVSE 1, connector 2, from a RequestStartTransaction. */
export function started201(
  chargePointId: string, transactionId: number, startedAt: number, remoteStartId: number | null = null,
  detail: Partial<Pick<TransactionStarted, 'seqNo' | 'missingSeqNos'>> = {},
): TransactionStarted {
  return {
    type: 'TransactionStarted', chargePointId, at: startedAt + 200, transactionId, connectorId: 1, idTag: 'EMAID-0001',
    idTagStatus: 'Accepted', meterStartWh: 500, startedAt, reservationId: null, evseConnectorId: 2,
    stationTransactionId: `tx-${transactionId}`, idTokenType: 'eMAID', seqNo: 0,
    triggerReason: remoteStartId === null ? 'Authorized' : 'RemoteStart', offline: false, remoteStartId, missingSeqNos: [],
    chargingState: 'EVConnected', ...detail,
  };
}

export function updated201(
  chargePointId: string, transactionId: number, seqNo: number, at: number,
  detail: Partial<Pick<TransactionUpdated, 'triggerReason' | 'chargingState' | 'offline' | 'missingSeqNos' | 'idTag' | 'idTokenType'>> = {},
): TransactionUpdated {
  return {
    type: 'TransactionUpdated', chargePointId, at, transactionId, stationTransactionId: `tx-${transactionId}`, seqNo,
    triggerReason: 'ChargingStateChanged', timestamp: at - 100, offline: false, chargingState: 'Charging', idTag: null,
    idTokenType: null, missingSeqNos: [], ...detail,
  };
}

export function stopped201(
  chargePointId: string, transactionId: number, seqNo: number, stoppedAt: number, startedAt: number, missingSeqNos: number[] = [],
): TransactionStopped {
  return {
    type: 'TransactionStopped', chargePointId, at: stoppedAt + 200, transactionId, connectorId: 1, idTag: 'EMAID-0001',
    meterStopWh: 12_500, stoppedAt, reason: 'EVDisconnected', energyWh: 12_000, durationSeconds: (stoppedAt - startedAt) / 1000,
    transactionData: [], stationTransactionId: `tx-${transactionId}`, seqNo, triggerReason: 'EVCommunicationLost', offline: false,
    missingSeqNos, chargingState: 'Idle',
  };
}

export function signedSample(timestamp: number, value: string): SampledValue {
  return {
    ...sample(timestamp, 'Energy.Active.Import.Register', value, 'Wh'),
    context: 'Transaction.Begin',
    signedMeterValue: { signedMeterData: 'AP///////wEAAA==', signingMethod: 'ECDSA-secp256r1-SHA256', encodingMethod: 'OCMF', publicKey: 'MFkwEwYHKoZIzj0CAQ==' },
  };
}

export function signedSampled(chargePointId: string, transactionId: number, at: number): MeterValuesSampled {
  return {
    type: 'MeterValuesSampled', chargePointId, at, connectorId: 1, transactionId,
    samples: [signedSample(at - 100, '500'), sample(at - 100, 'Power.Active.Import', '11000', 'W')], evseConnectorId: 2,
  };
}

/** A 2.0.1 StatusNotification: connectorId is the EVSE, evseConnectorId the connector within it. */
export function evseStatusChanged(chargePointId: string, evseId: number, connectorId: number, status: string, at: number): ConnectorStatusChanged {
  return { ...statusChanged(chargePointId, evseId, status, at), errorCode: 'NoError', evseConnectorId: connectorId };
}

export function attribute(component: string, variable: string, value: string | null, detail: Partial<VariableAttributeReport> = {}): VariableAttributeReport {
  return {
    component, componentInstance: null, evseId: null, connectorId: null, variable, variableInstance: null, attributeType: 'Actual',
    value, status: null, mutability: 'ReadWrite', persistent: true, constant: false, dataType: 'integer', unit: null,
    valuesList: null, minLimit: null, maxLimit: null, ...detail,
  };
}

/** One NotifyReport part (B07/B08): seqNo from 0, tbc=true while parts follow. */
export function reportPart(
  chargePointId: string, requestId: number, seqNo: number, tbc: boolean, variables: VariableAttributeReport[], at: number,
): VariablesReported {
  return { type: 'VariablesReported', chargePointId, at, source: 'NotifyReport', requestId, seqNo, tbc, variables };
}

/** A GetVariables or SetVariables answer: each attribute with its attributeStatus. */
export function variablesAnswered(
  chargePointId: string, source: Exclude<VariablesSource, 'NotifyReport'>, variables: VariableAttributeReport[], at: number,
): VariablesReported {
  return { type: 'VariablesReported', chargePointId, at, source, requestId: null, seqNo: null, tbc: false, variables };
}

/** What a station might report of itself: three controllers and an EVSE connector. */
export function deviceModel(): VariableAttributeReport[] {
  return [
    attribute('OCPPCommCtrlr', 'HeartbeatInterval', '300', { unit: 's', minLimit: 1, maxLimit: 86_400 }),
    attribute('OCPPCommCtrlr', 'NetworkProfileConnectionAttempts', '3'),
    attribute('SampledDataCtrlr', 'TxUpdatedMeasurands', 'Energy.Active.Import.Register', {
      dataType: 'MemberList', valuesList: 'Energy.Active.Import.Register,Power.Active.Import',
    }),
    attribute('AuthCtrlr', 'AuthorizeRemoteStart', 'true', { dataType: 'boolean' }),
    attribute('Connector', 'ConnectorType', 'cCCS2', { evseId: 1, connectorId: 2, mutability: 'ReadOnly', dataType: 'string' }),
    attribute('SecurityCtrlr', 'BasicAuthPassword', null, { mutability: 'WriteOnly', dataType: 'string' }),
  ];
}
