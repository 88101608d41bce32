// What the gateway knows of the stations it may admit: their configured security profile
// (csms.config.charge-points) and their hashed Basic password (csms.config.station-credentials),
// both compacted topics followed in memory. A station absent or tombstoned in the registry is
// unknown; a registered station without a credential record has no password.
import type { ChargePoint } from '@csms/contracts';
import type { KnownStation, StoredCredential } from './auth-decision.ts';

export interface StationDirectory {
  /** True once both topics were read up to where they ended at start-up: until then nobody can be judged. */
  ready(): boolean;
  /** Null: not registered. */
  station(chargePointId: string): KnownStation | null;
}

interface StationTablesView {
  readonly chargePoints: ReadonlyMap<string, Pick<ChargePoint, 'securityProfile'>>;
  readonly credentials: ReadonlyMap<string, StoredCredential>;
  readonly ready: () => boolean;
}

export function stationDirectory(view: StationTablesView): StationDirectory {
  return {
    ready: view.ready,
    station(chargePointId) {
      const registered = view.chargePoints.get(chargePointId);
      if (registered === undefined) return null;
      return { securityProfile: registered.securityProfile, credential: view.credentials.get(chargePointId) ?? null };
    },
  };
}
