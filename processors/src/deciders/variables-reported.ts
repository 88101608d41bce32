// The OCPP 2.0.1 device model as facts (B07, B08 reports; B06 GetVariables; B05 SetVariables): one
// entry per variable attribute, addressed by component (with its EVSE and connector) and variable.
import { VARIABLE_SET_STATUSES, type Ocpp201, type VariableAttributeReport, type VariablesReported } from '@csms/contracts';

type Address = Pick<VariableAttributeReport, 'component' | 'componentInstance' | 'evseId' | 'connectorId' | 'variable' | 'variableInstance'>;
type Characteristics = Pick<
  VariableAttributeReport, 'mutability' | 'persistent' | 'constant' | 'dataType' | 'unit' | 'valuesList' | 'minLimit' | 'maxLimit'
>;

interface Addressed {
  readonly component: Ocpp201.ComponentType;
  readonly variable: Ocpp201.VariableType;
}

/** An attribute without a type is the Actual one (the schemas' attributeType: "When absent, default Actual is assumed"). */
const DEFAULT_ATTRIBUTE_TYPE = 'Actual';

/** GetVariables and SetVariables answers say nothing of a variable's characteristics. */
const noCharacteristics: Characteristics = {
  mutability: null, persistent: null, constant: null, dataType: null, unit: null, valuesList: null, minLimit: null, maxLimit: null,
};

function addressOf({ component, variable }: Addressed): Address {
  return {
    component: component.name, componentInstance: component.instance ?? null, evseId: component.evse?.id ?? null,
    connectorId: component.evse?.connectorId ?? null, variable: variable.name, variableInstance: variable.instance ?? null,
  };
}

/** What a report omits stays null: the spec's defaults (ReadWrite, not persistent, not constant) are the reader's to apply. */
function reportedEntries(data: Ocpp201.ReportDataType): VariableAttributeReport[] {
  const characteristics = data.variableCharacteristics;
  return data.variableAttribute.map((attribute) => ({
    ...addressOf(data), attributeType: attribute.type ?? DEFAULT_ATTRIBUTE_TYPE, value: attribute.value ?? null, status: null,
    mutability: attribute.mutability ?? null, persistent: attribute.persistent ?? null, constant: attribute.constant ?? null,
    dataType: characteristics?.dataType ?? null, unit: characteristics?.unit ?? null, valuesList: characteristics?.valuesList ?? null,
    minLimit: characteristics?.minLimit ?? null, maxLimit: characteristics?.maxLimit ?? null,
  }));
}

type Base = Pick<VariablesReported, 'chargePointId' | 'at'>;

/** One part of a report (B07/B08): the station sends parts seqNo 0, 1, ... while tbc. */
export function notifyReported(base: Base, payload: Ocpp201.NotifyReportRequest): VariablesReported {
  return {
    type: 'VariablesReported', ...base, source: 'NotifyReport', requestId: payload.requestId, seqNo: payload.seqNo,
    tbc: payload.tbc ?? false, variables: (payload.reportData ?? []).flatMap(reportedEntries),
  };
}

function answered(base: Base, source: 'GetVariables' | 'SetVariables', variables: VariableAttributeReport[]): VariablesReported {
  return { type: 'VariablesReported', ...base, source, requestId: null, seqNo: null, tbc: false, variables };
}

/** B06: each result with its attributeStatus; a value only where the station gave one. */
export function getVariablesReported(base: Base, response: Ocpp201.GetVariablesResponse): VariablesReported {
  return answered(base, 'GetVariables', response.getVariableResult.map((result) => ({
    ...addressOf(result), attributeType: result.attributeType ?? DEFAULT_ATTRIBUTE_TYPE, value: result.attributeValue ?? null,
    status: result.attributeStatus, ...noCharacteristics,
  })));
}

function attributeKey(item: Addressed & { readonly attributeType?: string }): string {
  return JSON.stringify([Object.values(addressOf(item)), item.attributeType ?? DEFAULT_ATTRIBUTE_TYPE]);
}


/** B05: each result with its attributeStatus, and the value the request set, where the station took it. */
export function setVariablesReported(
  base: Base, request: Ocpp201.SetVariablesRequest, response: Ocpp201.SetVariablesResponse,
): VariablesReported {
  const requested = new Map(request.setVariableData.map((data) => [attributeKey(data), data.attributeValue]));
  return answered(base, 'SetVariables', response.setVariableResult.map((result) => ({
    ...addressOf(result), attributeType: result.attributeType ?? DEFAULT_ATTRIBUTE_TYPE,
    value: VARIABLE_SET_STATUSES.has(result.attributeStatus) ? requested.get(attributeKey(result)) ?? null : null,
    status: result.attributeStatus, ...noCharacteristics,
  })));
}
