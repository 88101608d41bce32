// The CALL that sets a station's HTTP Basic password, in the protocol the station speaks, with
// the password sealed for that station and that setting: the gateway opens it only there, as it
// writes the frame (contracts' station-password-settings.ts names the settings for both).
import { passwordCall, STATION_PASSWORD_SETTINGS, type PasswordCall, type TableVersion } from '@csms/contracts';
import type { SecretSealer } from '@csms/infra';

/**
 * In the version the station's commands go in (command-actions.ts commandVersion). A station that
 * reconnects in the other version before the CALL goes out answers it with a CALLERROR: the
 * rotation fails and is undone, and nothing leaks (the gateway opens the seal only in its place).
 */
export function sealedPasswordCall(version: TableVersion, chargePointId: string, password: string, sealer: SecretSealer): PasswordCall {
  return passwordCall(version, sealer.seal(password, { chargePointId, key: STATION_PASSWORD_SETTINGS[version] }));
}
