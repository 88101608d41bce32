// What a simulated station reports of its device model for GetBaseReport (B07) and GetReport
// (B08): which variables each request selects, as the ReportData a NotifyReport carries.
import type { Ocpp201 } from '@csms/contracts';
import { actualValue, sameComponent, sameVariable, type DeviceModel, type DeviceVariable } from './device-model.ts';

const summaryVariables = new Set(['AvailabilityState', 'Available', 'Problem']);

/** B07: a full inventory is everything; a configuration inventory what can be set; a summary the availability and problems. */
export function baseReportSelection(model: DeviceModel, base: Ocpp201.ReportBaseEnumType): DeviceVariable[] {
  switch (base) {
    case 'FullInventory': return model.variables;
    case 'ConfigurationInventory': return model.variables.filter((v) => v.attributes.some((a) => a.mutability !== 'ReadOnly'));
    case 'SummaryInventory': return model.variables.filter((v) => summaryVariables.has(v.variable.name));
    default: { const unknown: never = base; return unknown; }
  }
}

/**
 * B08: the variables of the listed component variables (a component without a variable stands for
 * all of its variables) whose component meets every criterion; a component meets one when it has
 * a variable of that name (Active, Available, Enabled, Problem) whose actual value is true.
 */
export function customReportSelection(model: DeviceModel, request: Pick<Ocpp201.GetReportRequest, 'componentVariable' | 'componentCriteria'>): DeviceVariable[] {
  const listed = (v: DeviceVariable) => request.componentVariable === undefined || request.componentVariable.some((cv) =>
    sameComponent(cv.component, v.component) && (cv.variable === undefined || sameVariable(cv.variable, v.variable)));
  const meets = (v: DeviceVariable) => (request.componentCriteria ?? []).every((criterion) =>
    actualValue(model, v.component, { name: criterion }) === 'true');
  return model.variables.filter((v) => listed(v) && meets(v));
}

/** One variable as a report names it; a WriteOnly value is left out, as in GetVariables. */
export function reportDataOf(v: DeviceVariable): Ocpp201.ReportDataType {
  const attributes = v.attributes.map((a) => ({
    type: a.type, mutability: a.mutability, persistent: a.persistent, constant: a.constant,
    ...(a.mutability === 'WriteOnly' ? {} : { value: a.value }),
  }));
  return {
    component: v.component, variable: v.variable, variableCharacteristics: v.characteristics,
    variableAttribute: attributes as Ocpp201.ReportDataType['variableAttribute'],
  };
}
