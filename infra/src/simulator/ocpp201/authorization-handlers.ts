// Blocks C and D as a station answers them: clearing its authorization cache (C11) and its local
// authorization list, sent whole or as differences (D01), and its version (D02).
import type { Ocpp201 } from '@csms/contracts';
import type { StationContext } from './station-context.ts';

export function authorizationHandlers({ model }: StationContext) {
  return {
    ClearCache: (): Ocpp201.ClearCacheResponse => ({ status: 'Accepted' }),
    // D01: a differential update must move the version on; an entry without idTokenInfo is removed.
    SendLocalList: (p: Ocpp201.SendLocalListRequest): Ocpp201.SendLocalListResponse => {
      if (p.updateType === 'Differential' && p.versionNumber <= model.localList.version) return { status: 'VersionMismatch' };
      if (p.updateType === 'Full') model.localList.entries.clear();
      for (const entry of p.localAuthorizationList ?? []) {
        if (entry.idTokenInfo === undefined) model.localList.entries.delete(entry.idToken.idToken);
        else model.localList.entries.set(entry.idToken.idToken, entry);
      }
      model.localList.version = p.versionNumber;
      return { status: 'Accepted' };
    },
    GetLocalListVersion: (): Ocpp201.GetLocalListVersionResponse => ({ versionNumber: model.localList.version }),
  };
}
