// Reads of transactions and meter_values, shaped for the api.
import { toIso, type Db } from '../db.ts';
import type { Page, PageRequest } from '../page.ts';
import { dateOrUndefined, whereOf, type Where } from '../where.ts';

export type TransactionStatus = 'Active' | 'Completed';

export interface TransactionView {
  readonly transactionId: number;
  readonly chargePointId: string;
  readonly connectorId: number | null;
  readonly idTag: string | null;
  readonly idTagStatus: string | null;
  readonly reservationId: number | null;
  readonly meterStartWh: number | null;
  readonly meterStopWh: number | null;
  readonly energyWh: number | null;
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
  readonly durationSeconds: number | null;
  readonly stopReason: string | null;
  readonly status: TransactionStatus;
  // OCPP 2.0.1 (TransactionEvent); null for a 1.6 transaction.
  /** The transaction id the station chose; transactionId is the CSMS's number for it. */
  readonly stationTransactionId: string | null;
  /** The connector within the EVSE whose id is connectorId. */
  readonly evseConnectorId: number | null;
  readonly idTokenType: string | null;
  readonly remoteStartId: number | null;
  /** The highest seqNo received, and the seqNos below it not received (yet). */
  readonly lastSeqNo: number | null;
  readonly missingSeqNos: number[] | null;
  /** What the event with the highest seqNo said: its triggerReason, and the latest chargingState reported. */
  readonly triggerReason: string | null;
  readonly chargingState: string | null;
  /** Whether any of its events was sent while the station was offline. */
  readonly offline: boolean | null;
}

/** The meter's signature of a reading (OCPP 2.0.1 SignedMeterValueType). */
export interface SignedMeterValueView {
  readonly signedMeterData: string;
  readonly signingMethod: string;
  readonly encodingMethod: string;
  readonly publicKey: string;
}

export interface MeterValueView {
  readonly sampledAt: string;
  readonly connectorId: number | null;
  readonly measurand: string;
  readonly value: string;
  readonly unit: string | null;
  readonly context: string | null;
  readonly phase: string | null;
  readonly location: string | null;
  readonly format: string | null;
  /** OCPP 2.0.1: the connector within the EVSE whose id is connectorId. */
  readonly evseConnectorId: number | null;
  /** OCPP 2.0.1: the meter's signature of the reading, when it sent one. */
  readonly signedMeterValue: SignedMeterValueView | null;
}

export interface TransactionRow {
  transaction_id: number; charge_point_id: string; connector_id: number | null; id_tag: string | null;
  id_tag_status: string | null; reservation_id: number | null; meter_start_wh: number | null;
  meter_stop_wh: number | null; energy_wh: number | null; started_at: Date | null; stopped_at: Date | null;
  duration_seconds: number | null; stop_reason: string | null; status: TransactionStatus;
  station_transaction_id: string | null; evse_connector_id: number | null; id_token_type: string | null;
  remote_start_id: number | null; last_seq_no: number | null; missing_seq_nos: number[] | null;
  trigger_reason: string | null; charging_state: string | null; offline: boolean | null;
}

export interface MeterValueRow {
  sampled_at: Date; connector_id: number | null; measurand: string; value: string; unit: string | null;
  context: string | null; phase: string | null; location: string | null; format: string | null;
  evse_connector_id: number | null; signed_meter_data: string | null; signing_method: string | null;
  encoding_method: string | null; public_key: string | null;
}

export function toTransactionView(row: TransactionRow): TransactionView {
  return {
    transactionId: row.transaction_id, chargePointId: row.charge_point_id, connectorId: row.connector_id,
    idTag: row.id_tag, idTagStatus: row.id_tag_status, reservationId: row.reservation_id,
    meterStartWh: row.meter_start_wh, meterStopWh: row.meter_stop_wh, energyWh: row.energy_wh,
    startedAt: toIso(row.started_at), stoppedAt: toIso(row.stopped_at), durationSeconds: row.duration_seconds,
    stopReason: row.stop_reason, status: row.status,
    stationTransactionId: row.station_transaction_id, evseConnectorId: row.evse_connector_id, idTokenType: row.id_token_type,
    remoteStartId: row.remote_start_id, lastSeqNo: row.last_seq_no, missingSeqNos: row.missing_seq_nos,
    triggerReason: row.trigger_reason, chargingState: row.charging_state, offline: row.offline,
  };
}

/** The signature columns, all set or none (SignedMeterValueType has four required fields). */
function signatureOf(row: MeterValueRow): SignedMeterValueView | null {
  const { signed_meter_data: signedMeterData, signing_method: signingMethod, encoding_method: encodingMethod, public_key: publicKey } = row;
  if (signedMeterData === null || signingMethod === null || encodingMethod === null || publicKey === null) return null;
  return { signedMeterData, signingMethod, encodingMethod, publicKey };
}

export function toMeterValueView(row: MeterValueRow): MeterValueView {
  return {
    sampledAt: row.sampled_at.toISOString(), connectorId: row.connector_id, measurand: row.measurand, value: row.value,
    unit: row.unit, context: row.context, phase: row.phase, location: row.location, format: row.format,
    evseConnectorId: row.evse_connector_id, signedMeterValue: signatureOf(row),
  };
}

export interface TransactionFilter extends PageRequest {
  readonly chargePointId?: string;
  readonly status?: TransactionStatus;
  /** Inclusive lower bound on started_at (ISO date-time). */
  readonly from?: string;
  /** Exclusive upper bound on started_at (ISO date-time). */
  readonly to?: string;
  /** OCPP 2.0.1: the transaction a RequestStartTransaction with this remoteStartId started. */
  readonly remoteStartId?: number;
  /** OCPP 2.0.1: the id the station gave the transaction (unique per station, not across stations). */
  readonly stationTransactionId?: string;
}

/** The WHERE clause of a filter, with its values numbered from $1 (pure, for tests). */
export function transactionWhere(filter: TransactionFilter): Where {
  return whereOf([
    ['charge_point_id = ?', filter.chargePointId], ['status = ?', filter.status],
    ['started_at >= ?', dateOrUndefined(filter.from)], ['started_at < ?', dateOrUndefined(filter.to)],
    ['remote_start_id = ?', filter.remoteStartId], ['station_transaction_id = ?', filter.stationTransactionId],
  ]);
}

export async function listTransactions(db: Db, filter: TransactionFilter): Promise<Page<TransactionView>> {
  const where = transactionWhere(filter);
  const n = where.values.length;
  const { rows } = await db.query<TransactionRow>(
    `SELECT * FROM transactions ${where.sql} ORDER BY started_at DESC NULLS LAST, transaction_id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...where.values, filter.limit, filter.offset],
  );
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM transactions ${where.sql}`, where.values);
  return { items: rows.map(toTransactionView), total: count.rows[0]?.total ?? 0 };
}

export async function findTransaction(db: Db, transactionId: number): Promise<TransactionView | undefined> {
  const { rows } = await db.query<TransactionRow>('SELECT * FROM transactions WHERE transaction_id = $1', [transactionId]);
  return rows[0] === undefined ? undefined : toTransactionView(rows[0]);
}

/** What makes two rows the same reading: a station that resends MeterValues after a lost reply is recorded twice. */
const SAME_READING = 'sampled_at, connector_id, evse_connector_id, measurand, phase, location, context, unit, value';

/** A transaction's samples in the order recorded, each reading once (its first record). */
export async function listMeterValues(db: Db, transactionId: number): Promise<MeterValueView[]> {
  const { rows } = await db.query<MeterValueRow>(
    `SELECT * FROM (
       SELECT DISTINCT ON (${SAME_READING}) * FROM meter_values WHERE transaction_id = $1
       ORDER BY ${SAME_READING}, source_partition, source_offset, sample_index
     ) reading
     ORDER BY sampled_at, source_partition, source_offset, sample_index`,
    [transactionId],
  );
  return rows.map(toMeterValueView);
}
