// The CALL that sets a station's HTTP Basic password, in the protocol the station speaks, with
// the password sealed for that station and that setting (the gateway opens it as it writes the
// frame, gateway/src/sealed-settings.ts, which names the same settings):
// - OCPP 1.6: ChangeConfiguration(AuthorizationKey) (Security Whitepaper ed. 3, "Update Charge
//   Point Password for HTTP Basic Authentication");
// - OCPP 2.0.1: SetVariables(SecurityCtrlr.BasicAuthPassword) (Part 2 A01).
import type { Ocpp16, Ocpp201, TableVersion } from '@csms/contracts';
import type { SecretSealer } from '@csms/infra';
import { AUTHORIZATION_KEY } from './station-credentials.ts';

/** The 2.0.1 component and variable of the password, and the setting its seal names. */
const SECURITY_CTRLR = 'SecurityCtrlr';
const BASIC_AUTH_PASSWORD = 'BasicAuthPassword';
export const BASIC_AUTH_PASSWORD_SETTING = `${SECURITY_CTRLR}.${BASIC_AUTH_PASSWORD}`;

export type PasswordCall =
  | { readonly action: 'ChangeConfiguration'; readonly payload: Ocpp16.ChangeConfigurationRequest }
  | { readonly action: 'SetVariables'; readonly payload: Ocpp201.SetVariablesRequest };

/**
 * In the version the station's commands go in (command-actions.ts commandVersion). A station that
 * reconnects in the other version before the CALL goes out answers it with a CALLERROR: the
 * rotation fails and is undone, and nothing leaks (the gateway opens the seal only in its place).
 */
export function passwordCall(version: TableVersion, chargePointId: string, password: string, sealer: SecretSealer): PasswordCall {
  switch (version) {
    case 'ocpp1.6':
      return { action: 'ChangeConfiguration', payload: { key: AUTHORIZATION_KEY, value: sealer.seal(password, { chargePointId, key: AUTHORIZATION_KEY }) } };
    case 'ocpp2.0.1': {
      const attributeValue = sealer.seal(password, { chargePointId, key: BASIC_AUTH_PASSWORD_SETTING });
      return {
        action: 'SetVariables',
        payload: { setVariableData: [{ component: { name: SECURITY_CTRLR }, variable: { name: BASIC_AUTH_PASSWORD }, attributeValue }] },
      };
    }
    default: {
      const _exhaustive: never = version;
      return _exhaustive;
    }
  }
}
