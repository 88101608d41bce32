// A simulated charging station's device model (OCPP 2.0.1 Part 1, and Part 2 block B): its
// components (the station, controllers, EVSEs, connectors), their variables, each with up to four
// attributes (Actual, Target, MinSet, MaxSet) and its characteristics. Plain data, no I/O.
import type { Ocpp201 } from '@csms/contracts';

export interface DeviceAttribute {
  readonly type: Ocpp201.AttributeEnumType;
  value: string;
  readonly mutability: Ocpp201.MutabilityEnumType;
  readonly persistent: boolean;
  readonly constant: boolean;
}

export interface DeviceVariable {
  readonly component: Ocpp201.ComponentType;
  readonly variable: Ocpp201.VariableType;
  readonly characteristics: Ocpp201.VariableCharacteristicsType;
  readonly attributes: DeviceAttribute[];
}

export interface DeviceModel {
  readonly variables: DeviceVariable[];
}

/** Components are told apart by name, instance and EVSE (with connector); variables by name and instance. */
export function sameComponent(a: Ocpp201.ComponentType, b: Ocpp201.ComponentType): boolean {
  return a.name === b.name && a.instance === b.instance && a.evse?.id === b.evse?.id && a.evse?.connectorId === b.evse?.connectorId;
}

export function sameVariable(a: Ocpp201.VariableType, b: Ocpp201.VariableType): boolean {
  return a.name === b.name && a.instance === b.instance;
}

export type Lookup =
  | { readonly kind: 'found'; readonly entry: DeviceVariable }
  | { readonly kind: 'unknownComponent' }
  | { readonly kind: 'unknownVariable' };

export function lookUp(model: DeviceModel, component: Ocpp201.ComponentType, variable: Ocpp201.VariableType): Lookup {
  const ofComponent = model.variables.filter((v) => sameComponent(v.component, component));
  if (ofComponent.length === 0) return { kind: 'unknownComponent' };
  const entry = ofComponent.find((v) => sameVariable(v.variable, variable));
  return entry === undefined ? { kind: 'unknownVariable' } : { kind: 'found', entry };
}

/** The Actual value of a variable, when the model has it. */
export function actualValue(model: DeviceModel, component: Ocpp201.ComponentType, variable: Ocpp201.VariableType): string | undefined {
  const found = lookUp(model, component, variable);
  return found.kind === 'found' ? found.entry.attributes.find((a) => a.type === 'Actual')?.value : undefined;
}
