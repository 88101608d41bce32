// Row mapping from VariablesReported to device_variables, and how a fact changes a row that is
// already there (pure). The projector reads the rows a fact names, folds it with foldVariables
// and writes back what changed, so the same fold runs in tests and in PostgreSQL.
import type { VariableAttributeReport, VariablesReported, VariablesSource } from '@csms/contracts';
import { toDate } from '../db.ts';

export type VariableRow = {
  readonly charge_point_id: string;
  readonly variable_key: string;
  readonly component: string;
  readonly component_instance: string | null;
  readonly evse_id: number | null;
  readonly connector_id: number | null;
  readonly variable: string;
  readonly variable_instance: string | null;
  readonly attribute_type: string;
  readonly value: string | null;
  readonly mutability: string | null;
  readonly persistent: boolean | null;
  readonly constant: boolean | null;
  readonly data_type: string | null;
  readonly unit: string | null;
  readonly values_list: string | null;
  readonly min_limit: number | null;
  readonly max_limit: number | null;
  readonly last_status: string | null;
  readonly updated_at: Date;
  readonly source: VariablesSource;
};

/**
 * Which variable attribute a report is about. Component and variable names and instances are
 * case-insensitive (OCPP 2.0.1 Part 2, ComponentType / VariableType), so they are folded.
 */
export function variableKey(report: VariableAttributeReport): string {
  return JSON.stringify([
    report.component, report.componentInstance, report.evseId, report.connectorId, report.variable, report.variableInstance,
    report.attributeType,
  ]).toLowerCase();
}

export function variableRow(event: VariablesReported, report: VariableAttributeReport): VariableRow {
  return {
    charge_point_id: event.chargePointId,
    variable_key: variableKey(report),
    component: report.component,
    component_instance: report.componentInstance,
    evse_id: report.evseId,
    connector_id: report.connectorId,
    variable: report.variable,
    variable_instance: report.variableInstance,
    attribute_type: report.attributeType,
    value: report.value,
    mutability: report.mutability,
    persistent: report.persistent,
    constant: report.constant,
    data_type: report.dataType,
    unit: report.unit,
    values_list: report.valuesList,
    min_limit: report.minLimit,
    max_limit: report.maxLimit,
    last_status: report.status,
    updated_at: toDate(event.at),
    source: event.source,
  };
}

/**
 * A NotifyReport (B07, B08) says what the station holds now, characteristics included: it
 * replaces the row, but for the status of the last GetVariables / SetVariables answer. Such an
 * answer says less: a status, and a value only where it established one (a value read, or one
 * set that the station took: the device model decider says which); no characteristics. What it
 * does not say is kept, and so is the spelling of the names a report gave.
 */
export function mergeVariable(existing: VariableRow | undefined, incoming: VariableRow): VariableRow {
  if (existing === undefined) return incoming;
  if (incoming.source === 'NotifyReport') return { ...incoming, last_status: incoming.last_status ?? existing.last_status };
  return {
    ...incoming,
    // The names as the station's report spelled them: an operator's GetVariables may spell them otherwise.
    component: existing.component,
    component_instance: existing.component_instance,
    variable: existing.variable,
    variable_instance: existing.variable_instance,
    attribute_type: existing.attribute_type,
    value: incoming.value ?? existing.value,
    mutability: incoming.mutability ?? existing.mutability,
    persistent: incoming.persistent ?? existing.persistent,
    constant: incoming.constant ?? existing.constant,
    data_type: incoming.data_type ?? existing.data_type,
    unit: incoming.unit ?? existing.unit,
    values_list: incoming.values_list ?? existing.values_list,
    min_limit: incoming.min_limit ?? existing.min_limit,
    max_limit: incoming.max_limit ?? existing.max_limit,
  };
}

/** The rows a fact leaves, given the rows it names as they stand (by variable_key). */
export function foldVariables(existing: ReadonlyMap<string, VariableRow>, event: VariablesReported): VariableRow[] {
  const changed = new Map<string, VariableRow>();
  for (const report of event.variables) {
    const incoming = variableRow(event, report);
    const key = incoming.variable_key;
    changed.set(key, mergeVariable(changed.get(key) ?? existing.get(key), incoming));
  }
  return [...changed.values()];
}
