// The TransactionEvents of one transaction (E01-E07, J02), built from what the station knows:
// Started carries the EVSE, the id token and the energy register at Transaction.Begin; Updated a
// periodic sample; Ended the register at Transaction.End and why it stopped. seqNo and times come
// in, so a test can replay, reorder or backdate events. Pure.
import type { Ocpp201 } from '@csms/contracts';

type Event = Ocpp201.TransactionEventRequest;

export interface TransactionRef {
  readonly transactionId: string;
  readonly evseId: number;
  readonly connectorId: number;
}

interface EventTiming {
  readonly seqNo: number;
  readonly timestamp: string;
  /** E12: sent after being offline. */
  readonly offline?: boolean;
}

function register(timestamp: string, wh: number, context: Ocpp201.ReadingContextEnumType, powerW?: number): [Ocpp201.MeterValueType] {
  const energy: Ocpp201.SampledValueType = { value: wh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } };
  const power: Ocpp201.SampledValueType[] = powerW === undefined ? []
    : [{ value: powerW, context, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } }];
  return [{ timestamp, sampledValue: [energy, ...power] }];
}

const offlineFlag = (t: EventTiming) => (t.offline ? { offline: true } : {});

export interface StartedDetail extends EventTiming {
  readonly meterWh: number;
  readonly idToken: Ocpp201.IdTokenType;
  readonly triggerReason?: Ocpp201.TriggerReasonEnumType;
  readonly remoteStartId?: number;
  readonly reservationId?: number;
}

export function transactionStarted(tx: TransactionRef, d: StartedDetail): Event {
  return {
    eventType: 'Started', timestamp: d.timestamp, seqNo: d.seqNo, triggerReason: d.triggerReason ?? 'Authorized', ...offlineFlag(d),
    transactionInfo: { transactionId: tx.transactionId, chargingState: 'Charging', ...(d.remoteStartId === undefined ? {} : { remoteStartId: d.remoteStartId }) },
    evse: { id: tx.evseId, connectorId: tx.connectorId }, idToken: d.idToken,
    ...(d.reservationId === undefined ? {} : { reservationId: d.reservationId }),
    meterValue: register(d.timestamp, d.meterWh, 'Transaction.Begin'),
  };
}

export interface UpdatedDetail extends EventTiming {
  readonly meterWh: number;
  readonly powerW?: number;
  readonly triggerReason?: Ocpp201.TriggerReasonEnumType;
  readonly chargingState?: Ocpp201.ChargingStateEnumType;
}

export function transactionUpdated(tx: TransactionRef, d: UpdatedDetail): Event {
  const context: Ocpp201.ReadingContextEnumType = d.triggerReason === 'Trigger' ? 'Trigger' : 'Sample.Periodic';
  return {
    eventType: 'Updated', timestamp: d.timestamp, seqNo: d.seqNo, triggerReason: d.triggerReason ?? 'MeterValuePeriodic', ...offlineFlag(d),
    transactionInfo: { transactionId: tx.transactionId, ...(d.chargingState === undefined ? {} : { chargingState: d.chargingState }) },
    meterValue: register(d.timestamp, d.meterWh, context, d.powerW),
  };
}

export interface EndedDetail extends EventTiming {
  readonly meterWh: number;
  readonly stoppedReason: Ocpp201.ReasonEnumType;
  readonly triggerReason?: Ocpp201.TriggerReasonEnumType;
  /** E07: the token presented to stop it, when one was. */
  readonly idToken?: Ocpp201.IdTokenType;
}

export function transactionEnded(tx: TransactionRef, d: EndedDetail): Event {
  return {
    eventType: 'Ended', timestamp: d.timestamp, seqNo: d.seqNo, triggerReason: d.triggerReason ?? 'EVDeparted', ...offlineFlag(d),
    transactionInfo: { transactionId: tx.transactionId, chargingState: 'Idle', stoppedReason: d.stoppedReason },
    ...(d.idToken === undefined ? {} : { idToken: d.idToken }),
    meterValue: register(d.timestamp, d.meterWh, 'Transaction.End'),
  };
}
