// Reading and writing a simulated station's device model as GetVariables (B06) and SetVariables
// (B05) do: one result per requested component variable, with the status the station gives it.
import type { Ocpp201 } from '@csms/contracts';
import { lookUp, type DeviceModel, type DeviceVariable } from './device-model.ts';

function located(entry: { component: Ocpp201.ComponentType; variable: Ocpp201.VariableType; attributeType?: Ocpp201.AttributeEnumType }) {
  return {
    component: entry.component, variable: entry.variable,
    ...(entry.attributeType === undefined ? {} : { attributeType: entry.attributeType }),
  };
}

export function getVariable(model: DeviceModel, request: Ocpp201.GetVariableDataType): Ocpp201.GetVariableResultType {
  const where = located(request);
  const found = lookUp(model, request.component, request.variable);
  if (found.kind === 'unknownComponent') return { ...where, attributeStatus: 'UnknownComponent' };
  if (found.kind === 'unknownVariable') return { ...where, attributeStatus: 'UnknownVariable' };
  const attribute = found.entry.attributes.find((a) => a.type === (request.attributeType ?? 'Actual'));
  if (attribute === undefined) return { ...where, attributeStatus: 'NotSupportedAttributeType' };
  // A WriteOnly value (a password) is never read back.
  if (attribute.mutability === 'WriteOnly') return { ...where, attributeStatus: 'Rejected' };
  return { ...where, attributeStatus: 'Accepted', attributeValue: attribute.value };
}

export function setVariable(model: DeviceModel, request: Ocpp201.SetVariableDataType): Ocpp201.SetVariableResultType {
  const where = located(request);
  const found = lookUp(model, request.component, request.variable);
  if (found.kind === 'unknownComponent') return { ...where, attributeStatus: 'UnknownComponent' };
  if (found.kind === 'unknownVariable') return { ...where, attributeStatus: 'UnknownVariable' };
  const attribute = found.entry.attributes.find((a) => a.type === (request.attributeType ?? 'Actual'));
  if (attribute === undefined) return { ...where, attributeStatus: 'NotSupportedAttributeType' };
  if (attribute.mutability === 'ReadOnly' || !fitsCharacteristics(found.entry, request.attributeValue)) {
    return { ...where, attributeStatus: 'Rejected' };
  }
  attribute.value = request.attributeValue;
  return { ...where, attributeStatus: 'Accepted' };
}

const members = (list: string): string[] => list.split(',').map((m) => m.trim()).filter((m) => m !== '');

/** Whether a value may be set, by the variable's dataType, limits and valuesList (VariableCharacteristicsType). */
export function fitsCharacteristics({ characteristics: c }: Pick<DeviceVariable, 'characteristics'>, value: string): boolean {
  const within = (n: number) => (c.minLimit === undefined || n >= c.minLimit) && (c.maxLimit === undefined || n <= c.maxLimit);
  const allowed = members(c.valuesList ?? '');
  switch (c.dataType) {
    case 'integer': return /^-?\d+$/.test(value) && within(Number(value));
    case 'decimal': return value.trim() !== '' && Number.isFinite(Number(value)) && within(Number(value));
    case 'boolean': return value === 'true' || value === 'false';
    case 'dateTime': return !Number.isNaN(Date.parse(value));
    // For a string, maxLimit is its greatest length.
    case 'string': return c.maxLimit === undefined || value.length <= c.maxLimit;
    case 'OptionList': return allowed.includes(value);
    case 'MemberList':
    case 'SequenceList': return members(value).length > 0 && members(value).every((m) => allowed.includes(m));
    default: { const unknown: never = c.dataType; return unknown; }
  }
}
