// Row mapping from session events to transactions and meter_values (pure).
import type {
  MeterValuesSampled, SampledValue, TransactionStarted, TransactionStopped, TransactionUpdated,
} from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Position } from '../projection.ts';
import type { Row } from '../upsert.ts';

/**
 * What an OCPP 2.0.1 TransactionEvent adds to a transaction; every column null for a 1.6
 * message, which has no station transaction id (the facts' `offline` defaults to false there).
 */
function ocpp201Columns(event: TransactionStarted | TransactionStopped | TransactionUpdated): Row {
  const is201 = event.stationTransactionId !== null;
  return {
    station_transaction_id: event.stationTransactionId,
    last_seq_no: event.seqNo,
    trigger_reason: event.triggerReason,
    charging_state: event.chargingState,
    offline: is201 ? event.offline : null,
  };
}

export function startedRow(event: TransactionStarted): Row {
  return {
    transaction_id: event.transactionId,
    charge_point_id: event.chargePointId,
    connector_id: event.connectorId,
    id_tag: event.idTag,
    id_tag_status: event.idTagStatus,
    reservation_id: event.reservationId,
    meter_start_wh: event.meterStartWh,
    started_at: toDate(event.startedAt),
    status: 'Active',
    ...ocpp201Columns(event),
    evse_connector_id: event.evseConnectorId,
    id_token_type: event.idTokenType,
    remote_start_id: event.remoteStartId,
    // A 2.0.1 transaction first seen after seqNo 0 starts with the seqNos it lacks.
    missing_seq_nos: event.stationTransactionId === null ? null : [...event.missingSeqNos],
  };
}

export function stoppedRow(event: TransactionStopped): Row {
  return {
    transaction_id: event.transactionId,
    charge_point_id: event.chargePointId,
    connector_id: event.connectorId,
    id_tag: event.idTag,
    meter_stop_wh: event.meterStopWh,
    energy_wh: event.energyWh,
    stopped_at: toDate(event.stoppedAt),
    duration_seconds: event.durationSeconds,
    stop_reason: event.reason,
    status: 'Completed',
    ...ocpp201Columns(event),
    missing_seq_nos: event.stationTransactionId === null ? null : [...event.missingSeqNos],
  };
}

/**
 * TransactionEvent(Updated) (OCPP 2.0.1 E02-E07): only what it knows. A transaction whose
 * start the CSMS has not seen yet is Active until a stop says otherwise.
 */
export function updatedRow(event: TransactionUpdated): Row {
  return {
    transaction_id: event.transactionId,
    charge_point_id: event.chargePointId,
    status: 'Active',
    id_tag: event.idTag,
    id_token_type: event.idTokenType,
    ...ocpp201Columns(event),
    missing_seq_nos: [...event.missingSeqNos],
  };
}

interface SampleContext {
  readonly chargePointId: string;
  readonly connectorId: number | null;
  readonly evseConnectorId: number | null;
  readonly transactionId: number | null;
}

/** The meter's signature of a 2.0.1 reading (signedMeterValue), kept beside it. */
function signatureColumns(sample: SampledValue): Row {
  const signed = sample.signedMeterValue;
  return {
    signed_meter_data: signed?.signedMeterData ?? null,
    signing_method: signed?.signingMethod ?? null,
    encoding_method: signed?.encodingMethod ?? null,
    public_key: signed?.publicKey ?? null,
  };
}

/** One row per sampled value, keyed by its source record so a replay overwrites, never adds. */
export function sampleRows(context: SampleContext, samples: readonly SampledValue[], position: Position): Row[] {
  return samples.map((sample, index) => ({
    source_partition: position.partition,
    source_offset: position.offset,
    sample_index: index,
    charge_point_id: context.chargePointId,
    connector_id: context.connectorId,
    evse_connector_id: context.evseConnectorId,
    transaction_id: context.transactionId,
    sampled_at: toDate(sample.timestamp),
    measurand: sample.measurand,
    value: sample.value,
    unit: sample.unit,
    context: sample.context,
    phase: sample.phase,
    location: sample.location,
    format: sample.format,
    ...signatureColumns(sample),
  }));
}

export function meterValueRows(event: MeterValuesSampled, position: Position): Row[] {
  return sampleRows(event, event.samples, position);
}

/** StopTransaction's transactionData (OCPP 1.6 §6.49) are meter values of that transaction. */
export function transactionDataRows(event: TransactionStopped, position: Position): Row[] {
  return sampleRows({ ...event, evseConnectorId: null }, event.transactionData, position);
}
