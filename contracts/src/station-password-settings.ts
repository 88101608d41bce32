// The setting that holds a station's HTTP Basic password, one per protocol version, and where a
// CSMS call carries it:
// - OCPP 1.6: ChangeConfiguration {key: "AuthorizationKey", value} (Security Whitepaper ed. 3,
//   "Update Charge Point Password for HTTP Basic Authentication");
// - OCPP 2.0.1: SetVariables {setVariableData: [{component: {name: "SecurityCtrlr"}, variable:
//   {name: "BasicAuthPassword"}, attributeValue}]} (Part 2 A01).
// The api sends the password only sealed for its setting and refuses it in generic commands; the
// gateway opens a sealed value only in the setting's place. Names compare case-insensitively:
// 1.6 configuration keys and 2.0.1 component and variable names are CiString50Type (1.6 §9;
// 2.0.1 Part 2 ComponentType, VariableType).
import type { ChangeConfigurationRequest } from './generated/ocpp16-types.ts';
import type { SetVariablesRequest } from './generated/ocpp201-types.ts';
import { isRecord } from './is-record.ts';
import type { TableVersion } from './ocpp-tables.ts';

/** The 1.6 configuration key of the password. */
export const AUTHORIZATION_KEY = 'AuthorizationKey';
/** The 2.0.1 variable of the password, named component.variable as Part 2 does. */
export const BASIC_AUTH_PASSWORD = 'SecurityCtrlr.BasicAuthPassword';
const [SECURITY_CTRLR, BASIC_AUTH_PASSWORD_VARIABLE] = BASIC_AUTH_PASSWORD.split('.') as [string, string];

export type StationPasswordSetting = typeof AUTHORIZATION_KEY | typeof BASIC_AUTH_PASSWORD;

export const STATION_PASSWORD_SETTINGS: { readonly [V in TableVersion]: StationPasswordSetting } = {
  'ocpp1.6': AUTHORIZATION_KEY, 'ocpp2.0.1': BASIC_AUTH_PASSWORD,
};

export type PasswordCall =
  | { readonly action: 'ChangeConfiguration'; readonly payload: ChangeConfigurationRequest }
  | { readonly action: 'SetVariables'; readonly payload: SetVariablesRequest };

/** A password value in a CSMS call's payload, where its setting puts it. */
export interface PasswordValue {
  readonly setting: StationPasswordSetting;
  readonly value: string;
  /** The payload with `plain` in the value's place. */
  readonly withValue: (plain: string) => Record<string, unknown>;
}

function sameName(value: unknown, name: string): boolean {
  return typeof value === 'string' && value.toLowerCase() === name.toLowerCase();
}

/** The CALL that sets the password of a station speaking `version` to `value` (the api's, sealed). */
export function passwordCall(version: TableVersion, value: string): PasswordCall {
  switch (version) {
    case 'ocpp1.6':
      return { action: 'ChangeConfiguration', payload: { key: AUTHORIZATION_KEY, value } };
    case 'ocpp2.0.1':
      return {
        action: 'SetVariables',
        payload: { setVariableData: [{ component: { name: SECURITY_CTRLR }, variable: { name: BASIC_AUTH_PASSWORD_VARIABLE }, attributeValue: value }] },
      };
    default: {
      const _exhaustive: never = version;
      return _exhaustive;
    }
  }
}

/** A SetVariables entry whose component and variable are objects, as namesBasicAuthPassword checked. */
type NamedEntry = Record<string, unknown> & { readonly component: Record<string, unknown>; readonly variable: Record<string, unknown> };

/** Whether a SetVariables entry names the password variable, whatever else it says. */
function namesBasicAuthPassword(entry: unknown): entry is NamedEntry {
  return isRecord(entry) && isRecord(entry.component) && isRecord(entry.variable)
    && sameName(entry.component.name, SECURITY_CTRLR) && sameName(entry.variable.name, BASIC_AUTH_PASSWORD_VARIABLE);
}

/**
 * The password's own entry: the station-wide component and variable (no evse, no instance) and
 * its Actual value (the only attribute A01 sets; a Target or MinSet is not the password).
 */
function isBasicAuthPasswordEntry(entry: Record<string, unknown>): boolean {
  if (!namesBasicAuthPassword(entry)) return false;
  const { component, variable, attributeType } = entry;
  return component.evse === undefined && component.instance === undefined && variable.instance === undefined
    && (attributeType === undefined || attributeType === 'Actual');
}

/**
 * The password setting a CSMS call names, whatever value or attributes it gives: any
 * ChangeConfiguration of AuthorizationKey, any SetVariables with an entry of
 * SecurityCtrlr.BasicAuthPassword. Null for any other call.
 */
export function namedPasswordSetting(action: string, payload: unknown): StationPasswordSetting | null {
  if (!isRecord(payload)) return null;
  if (action === 'ChangeConfiguration' && sameName(payload.key, AUTHORIZATION_KEY)) return AUTHORIZATION_KEY;
  const { setVariableData } = payload;
  if (action === 'SetVariables' && Array.isArray(setVariableData) && setVariableData.some(namesBasicAuthPassword)) return BASIC_AUTH_PASSWORD;
  return null;
}

/** The string values of a CSMS call in exactly the password's place; none for any other call. */
export function passwordValues(action: string, payload: unknown): PasswordValue[] {
  if (!isRecord(payload)) return [];
  if (action === 'ChangeConfiguration') {
    const { key, value } = payload;
    if (!sameName(key, AUTHORIZATION_KEY) || typeof value !== 'string') return [];
    return [{ setting: AUTHORIZATION_KEY, value, withValue: (plain) => ({ ...payload, value: plain }) }];
  }
  const { setVariableData } = payload;
  if (action !== 'SetVariables' || !Array.isArray(setVariableData)) return [];
  return setVariableData.flatMap((entry: unknown, index) => {
    if (!isRecord(entry)) return [];
    const value = entry.attributeValue;
    if (typeof value !== 'string' || !isBasicAuthPasswordEntry(entry)) return [];
    const withValue = (plain: string): Record<string, unknown> => ({
      ...payload, setVariableData: setVariableData.map((e: unknown, i) => (i === index ? { ...entry, attributeValue: plain } : e)),
    });
    return [{ setting: BASIC_AUTH_PASSWORD, value, withValue }];
  });
}
