// Where a CSMS CALL may carry a sealed station password, per protocol, and the setting the seal
// names (its associated data's `key`, sealed-secrets.ts): the api seals with the same names.
// Names compare case-insensitively: 1.6 configuration keys and 2.0.1 component and variable
// names are CiString50Type (1.6 §9; 2.0.1 Part 2 ComponentType, VariableType).
import { isSealed } from '@csms/infra';

export interface SealedSetting {
  /** The setting the value was sealed for. */
  readonly key: string;
  /** The sealed text. */
  readonly value: string;
  /** The payload with the value in clear in its place. */
  readonly withValue: (plain: string) => Record<string, unknown>;
}

/** OCPP 1.6 Security Whitepaper: the configuration key that sets the Basic auth password. */
export const AUTHORIZATION_KEY = 'AuthorizationKey';
/** OCPP 2.0.1 A01: the variable that sets it, named component.variable as Part 2 does. */
export const BASIC_AUTH_PASSWORD = 'SecurityCtrlr.BasicAuthPassword';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameName(value: unknown, name: string): boolean {
  return typeof value === 'string' && value.toLowerCase() === name.toLowerCase();
}

/** ChangeConfiguration {key: AuthorizationKey, value: sealed}. */
function authorizationKey(payload: Record<string, unknown>): SealedSetting | null {
  const { key, value } = payload;
  if (!sameName(key, AUTHORIZATION_KEY) || typeof value !== 'string' || !isSealed(value)) return null;
  return { key: AUTHORIZATION_KEY, value, withValue: (plain) => ({ ...payload, value: plain }) };
}

/**
 * The SecurityCtrlr.BasicAuthPassword entry: the station-wide component and variable (no evse,
 * no instance), its Actual value (the only attribute A01 sets; a Target or MinSet is not the password).
 */
function isBasicAuthPassword(entry: Record<string, unknown>): boolean {
  const { component, variable, attributeType } = entry;
  if (!isRecord(component) || !isRecord(variable)) return false;
  const [componentName, variableName] = BASIC_AUTH_PASSWORD.split('.') as [string, string];
  return sameName(component.name, componentName) && component.evse === undefined && component.instance === undefined
    && sameName(variable.name, variableName) && variable.instance === undefined
    && (attributeType === undefined || attributeType === 'Actual');
}

/** SetVariables whose one sealed value is the attributeValue of a SecurityCtrlr.BasicAuthPassword entry. */
function basicAuthPassword(payload: Record<string, unknown>): SealedSetting | null {
  const { setVariableData } = payload;
  if (!Array.isArray(setVariableData)) return null;
  const index = setVariableData.findIndex((entry) => isRecord(entry) && typeof entry.attributeValue === 'string'
    && isSealed(entry.attributeValue) && isBasicAuthPassword(entry));
  if (index < 0) return null;
  const entry = setVariableData[index] as Record<string, unknown> & { attributeValue: string };
  return {
    key: BASIC_AUTH_PASSWORD, value: entry.attributeValue,
    withValue: (plain) => ({ ...payload, setVariableData: setVariableData.map((e, i) => (i === index ? { ...entry, attributeValue: plain } : e)) }),
  };
}

/** The setting whose value a CALL may carry sealed, by its action; null for any other CALL. */
export function sealedSettingOf(action: string, payload: unknown): SealedSetting | null {
  if (!isRecord(payload)) return null;
  switch (action) {
    case 'ChangeConfiguration':
      return authorizationKey(payload);
    case 'SetVariables':
      return basicAuthPassword(payload);
    default:
      return null;
  }
}
