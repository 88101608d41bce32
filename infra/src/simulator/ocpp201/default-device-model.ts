// What a simulated station's device model holds at power-up: the standardized components and
// variables (OCPP 2.0.1 appendices) that the blocks the CSMS speaks use, and per EVSE and
// connector their availability.
import type { Ocpp201 } from '@csms/contracts';
import type { DeviceAttribute, DeviceModel, DeviceVariable } from './device-model.ts';

export interface EvseLayout {
  readonly id: number;
  readonly connectors: number;
}

type Characteristics = Omit<Ocpp201.VariableCharacteristicsType, 'supportsMonitoring'>;

function actual(value: string, mutability: Ocpp201.MutabilityEnumType): DeviceAttribute {
  return { type: 'Actual', value, mutability, persistent: true, constant: mutability === 'ReadOnly' };
}

function entry(
  component: Ocpp201.ComponentType, variable: string | Ocpp201.VariableType, characteristics: Characteristics, ...attributes: DeviceAttribute[]
): DeviceVariable {
  return { component, variable: typeof variable === 'string' ? { name: variable } : variable,
    characteristics: { ...characteristics, supportsMonitoring: false }, attributes };
}

const integer = (minLimit?: number, maxLimit?: number): Characteristics =>
  ({ dataType: 'integer', ...(minLimit === undefined ? {} : { minLimit }), ...(maxLimit === undefined ? {} : { maxLimit }) });
const bool: Characteristics = { dataType: 'boolean' };
const text = (maxLimit?: number): Characteristics => ({ dataType: 'string', ...(maxLimit === undefined ? {} : { maxLimit }) });
const options = (dataType: 'OptionList' | 'MemberList' | 'SequenceList', valuesList: string): Characteristics => ({ dataType, valuesList });
const measurands = 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage,SoC';

function controllers(id: string): DeviceVariable[] {
  const c = (name: string): Ocpp201.ComponentType => ({ name });
  return [
    entry(c('ChargingStation'), 'AvailabilityState', options('OptionList', 'Available,Occupied,Reserved,Unavailable,Faulted'), actual('Available', 'ReadOnly')),
    entry(c('ChargingStation'), 'Available', bool, actual('true', 'ReadOnly')),
    entry(c('ChargingStation'), 'Problem', bool, actual('false', 'ReadOnly')),
    entry(c('SecurityCtrlr'), 'BasicAuthPassword', text(40), actual('', 'WriteOnly')),
    entry(c('SecurityCtrlr'), 'Identity', text(48), actual(id, 'ReadOnly')),
    entry(c('SecurityCtrlr'), 'OrganizationName', text(), actual('CSMS Simulator', 'ReadWrite')),
    entry(c('SecurityCtrlr'), 'SecurityProfile', integer(1, 3), actual('1', 'ReadOnly')),
    entry(c('OCPPCommCtrlr'), 'HeartbeatInterval', { ...integer(1, 86_400), unit: 's' }, actual('60', 'ReadWrite')),
    entry(c('OCPPCommCtrlr'), { name: 'MessageTimeout', instance: 'Default' }, { ...integer(1, 600), unit: 's' }, actual('30', 'ReadOnly')),
    entry(c('OCPPCommCtrlr'), 'NetworkConfigurationPriority', options('SequenceList', '0,1,2'), actual('0', 'ReadWrite')),
    entry(c('OCPPCommCtrlr'), 'NetworkProfileConnectionAttempts', integer(1, 10), actual('3', 'ReadWrite')),
    entry(c('OCPPCommCtrlr'), 'OfflineThreshold', { ...integer(0), unit: 's' }, actual('60', 'ReadWrite')),
    entry(c('OCPPCommCtrlr'), 'ResetRetries', integer(0, 5), actual('2', 'ReadWrite')),
    entry(c('OCPPCommCtrlr'), 'FileTransferProtocols', options('MemberList', 'FTP,FTPS,HTTP,HTTPS,SFTP'), actual('HTTPS', 'ReadOnly')),
    entry(c('AuthCtrlr'), 'Enabled', bool, actual('true', 'ReadWrite')),
    entry(c('AuthCtrlr'), 'AuthorizeRemoteStart', bool, actual('false', 'ReadWrite')),
    entry(c('AuthCtrlr'), 'LocalAuthorizeOffline', bool, actual('true', 'ReadWrite')),
    entry(c('AuthCtrlr'), 'LocalPreAuthorize', bool, actual('false', 'ReadWrite')),
    entry(c('LocalAuthListCtrlr'), 'Enabled', bool, actual('true', 'ReadWrite')),
    entry(c('LocalAuthListCtrlr'), 'ItemsPerMessage', integer(1), actual('100', 'ReadOnly')),
    entry(c('ReservationCtrlr'), 'Enabled', bool, actual('true', 'ReadWrite')),
    entry(c('TxCtrlr'), 'EVConnectionTimeOut', { ...integer(0), unit: 's' }, actual('60', 'ReadWrite')),
    entry(c('TxCtrlr'), 'StopTxOnEVSideDisconnect', bool, actual('true', 'ReadWrite')),
    entry(c('TxCtrlr'), 'StopTxOnInvalidId', bool, actual('true', 'ReadWrite')),
    entry(c('TxCtrlr'), 'TxStartPoint', options('MemberList', 'ParkingBayOccupancy,EVConnected,Authorized,PowerPathClosed,EnergyTransfer'), actual('Authorized,EVConnected', 'ReadWrite')),
    entry(c('TxCtrlr'), 'TxStopPoint', options('MemberList', 'ParkingBayOccupancy,EVConnected,Authorized,PowerPathClosed,EnergyTransfer'), actual('EVConnected,Authorized', 'ReadWrite')),
    entry(c('SampledDataCtrlr'), 'TxUpdatedInterval', { ...integer(0), unit: 's' }, actual('60', 'ReadWrite')),
    entry(c('SampledDataCtrlr'), 'TxUpdatedMeasurands', options('MemberList', measurands), actual('Energy.Active.Import.Register,Power.Active.Import', 'ReadWrite')),
    entry(c('SampledDataCtrlr'), 'TxStartedMeasurands', options('MemberList', measurands), actual('Energy.Active.Import.Register', 'ReadWrite')),
    entry(c('SampledDataCtrlr'), 'TxEndedMeasurands', options('MemberList', measurands), actual('Energy.Active.Import.Register', 'ReadWrite')),
  ];
}

function evseVariables({ id, connectors }: EvseLayout): DeviceVariable[] {
  const evse: Ocpp201.ComponentType = { name: 'EVSE', evse: { id } };
  const availability = options('OptionList', 'Available,Occupied,Reserved,Unavailable,Faulted');
  const own = [
    entry(evse, 'AvailabilityState', availability, actual('Available', 'ReadOnly')),
    entry(evse, 'Available', bool, actual('true', 'ReadOnly')),
    entry(evse, 'Power', { dataType: 'decimal', unit: 'W', maxLimit: 22_000 }, actual('0', 'ReadOnly'),
      { type: 'MaxSet', value: '22000', mutability: 'ReadOnly', persistent: true, constant: true }),
  ];
  const ofConnectors = Array.from({ length: connectors }, (_, i) => {
    const connector: Ocpp201.ComponentType = { name: 'Connector', evse: { id, connectorId: i + 1 } };
    return [
      entry(connector, 'AvailabilityState', availability, actual('Available', 'ReadOnly')),
      entry(connector, 'Available', bool, actual('true', 'ReadOnly')),
      entry(connector, 'ConnectorType', text(20), actual('cType2', 'ReadOnly')),
    ];
  });
  return [...own, ...ofConnectors.flat()];
}

export function defaultDeviceModel(id: string, evses: readonly EvseLayout[]): DeviceModel {
  return { variables: [...controllers(id), ...evses.flatMap(evseVariables)] };
}
