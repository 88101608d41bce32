// Reads of the OCPP 2.0.1 device model, shaped for the api: the variable attributes a station
// reported, filtered and paged, and how far its latest report has come.
import type { VariablesSource } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { PageRequest } from '../page.ts';
import { whereOf, type Where } from '../where.ts';
import { isComplete, missingParts, toReportProgress, type ReportRow } from './report-progress.ts';
import type { VariableRow } from './rows.ts';

/** How many missing seqNos a report status lists (it counts them all). */
export const LISTED_MISSING_PARTS = 100;

export interface VariableView {
  readonly component: string;
  readonly componentInstance: string | null;
  readonly evseId: number | null;
  readonly connectorId: number | null;
  readonly variable: string;
  readonly variableInstance: string | null;
  /** Actual, Target, MinSet or MaxSet. */
  readonly attributeType: string;
  readonly value: string | null;
  readonly mutability: string | null;
  readonly persistent: boolean | null;
  readonly constant: boolean | null;
  readonly dataType: string | null;
  readonly unit: string | null;
  readonly valuesList: string | null;
  readonly minLimit: number | null;
  readonly maxLimit: number | null;
  /** The attributeStatus of the latest GetVariables / SetVariables answer about it. */
  readonly lastStatus: string | null;
  readonly updatedAt: string;
  readonly source: VariablesSource;
}

export interface ReportStatusView {
  /** The GetBaseReport / GetReport requestId the NotifyReport parts answer. */
  readonly requestId: number;
  /** The last part (tbc=false) arrived and no part before it is missing. */
  readonly complete: boolean;
  readonly partsReceived: number;
  readonly lastPartReceived: boolean;
  readonly missingCount: number;
  /** The lowest missing seqNos, at most LISTED_MISSING_PARTS. */
  readonly missingSeqNos: readonly number[];
  readonly startedAt: string;
  readonly updatedAt: string;
}

export interface DeviceModelView {
  /** Whether the latest report is complete; false while there is none. */
  readonly complete: boolean;
  /** The report whose first part came last; null when the station never sent one. */
  readonly report: ReportStatusView | null;
  readonly variables: VariableView[];
  /** How many variable attributes match the filter, over all pages. */
  readonly total: number;
}

export interface VariableFilter extends PageRequest {
  /** Component and variable names, compared case-insensitively as OCPP 2.0.1 does. */
  readonly component?: string;
  readonly variable?: string;
}

export function toVariableView(row: VariableRow): VariableView {
  return {
    component: row.component, componentInstance: row.component_instance, evseId: row.evse_id, connectorId: row.connector_id,
    variable: row.variable, variableInstance: row.variable_instance, attributeType: row.attribute_type, value: row.value,
    mutability: row.mutability, persistent: row.persistent, constant: row.constant, dataType: row.data_type, unit: row.unit,
    valuesList: row.values_list, minLimit: row.min_limit, maxLimit: row.max_limit, lastStatus: row.last_status,
    updatedAt: row.updated_at.toISOString(), source: row.source,
  };
}

export function toReportStatusView(row: ReportRow): ReportStatusView {
  const progress = toReportProgress(row);
  const missing = missingParts(progress, LISTED_MISSING_PARTS);
  return {
    requestId: row.request_id, complete: isComplete(progress), partsReceived: progress.seqNos.length,
    lastPartReceived: progress.finalSeqNo !== null, missingCount: missing.count, missingSeqNos: missing.first,
    startedAt: row.first_part_at.toISOString(), updatedAt: row.last_part_at.toISOString(),
  };
}

/** The WHERE clause of a charge point's variables, with its values numbered from $1 (pure, for tests). */
export function variableWhere(chargePointId: string, filter: VariableFilter): Where {
  return whereOf([
    ['charge_point_id = ?', chargePointId],
    ['lower(component) = lower(?)', filter.component], ['lower(variable) = lower(?)', filter.variable],
  ]);
}

async function latestReport(db: Db, chargePointId: string): Promise<ReportStatusView | null> {
  const { rows } = await db.query<ReportRow>(
    'SELECT * FROM device_model_reports WHERE charge_point_id = $1 ORDER BY first_part_at DESC, request_id DESC LIMIT 1',
    [chargePointId],
  );
  return rows[0] === undefined ? null : toReportStatusView(rows[0]);
}

export async function findDeviceModel(db: Db, chargePointId: string, filter: VariableFilter): Promise<DeviceModelView> {
  const where = variableWhere(chargePointId, filter);
  const n = where.values.length;
  const { rows } = await db.query<VariableRow>(
    `SELECT * FROM device_variables ${where.sql} ORDER BY variable_key LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...where.values, filter.limit, filter.offset],
  );
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM device_variables ${where.sql}`, where.values);
  const report = await latestReport(db, chargePointId);
  return { complete: report?.complete ?? false, report, variables: rows.map(toVariableView), total: count.rows[0]?.total ?? 0 };
}
