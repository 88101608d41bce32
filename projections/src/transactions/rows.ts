// Row mapping from session events to transactions and meter_values (pure).
import type { MeterValuesSampled, SampledValue, TransactionStarted, TransactionStopped } from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Position } from '../projection.ts';
import type { Row } from '../upsert.ts';

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
  };
}

interface SampleContext {
  readonly chargePointId: string;
  readonly connectorId: number | null;
  readonly transactionId: number | null;
}

/** One row per sampled value, keyed by its source record so a replay overwrites, never adds. */
export function sampleRows(context: SampleContext, samples: readonly SampledValue[], position: Position): Row[] {
  return samples.map((sample, index) => ({
    source_partition: position.partition,
    source_offset: position.offset,
    sample_index: index,
    charge_point_id: context.chargePointId,
    connector_id: context.connectorId,
    transaction_id: context.transactionId,
    sampled_at: toDate(sample.timestamp),
    measurand: sample.measurand,
    value: sample.value,
    unit: sample.unit,
    context: sample.context,
    phase: sample.phase,
    location: sample.location,
    format: sample.format,
  }));
}

export function meterValueRows(event: MeterValuesSampled, position: Position): Row[] {
  return sampleRows(event, event.samples, position);
}

/** StopTransaction's transactionData (OCPP 1.6 §6.49) are meter values of that transaction. */
export function transactionDataRows(event: TransactionStopped, position: Position): Row[] {
  return sampleRows(event, event.transactionData, position);
}
