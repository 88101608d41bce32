// Which tariff prices a session, fixed when it starts (TariffAssignment's rule): the tariff of its
// id tag's group, else of its EVSE (2.0.1 EVSE id, 1.6 connector id), else of its station, else the
// default. None at all: the session is not billed.
import type { IdTag, TariffAssignment } from '@csms/contracts';
import type { Lookup } from './context.ts';

export interface TariffChoice {
  readonly tariffId: string;
  /** The id tag's parent (1.6 parentIdTag, 2.0.1 groupIdToken) when the table knows one; a CDR names it. */
  readonly groupIdToken: string | null;
}

export interface SessionScope {
  readonly chargePointId: string;
  /** Null for a stop whose start the CSMS never saw: no EVSE to look up. */
  readonly connectorId: number | null;
  readonly idTag: string | null;
}

export interface TariffTables {
  readonly idTags: Lookup<IdTag>;
  readonly tariffAssignments: Lookup<TariffAssignment>;
}

/** The assignment keys in precedence order, as the tariffAssignments topic keys them. */
export function scopeKeys(scope: SessionScope, groupIdToken: string | null): string[] {
  const { chargePointId, connectorId } = scope;
  return [
    ...(groupIdToken === null ? [] : [`group:${groupIdToken}`]),
    ...(connectorId === null ? [] : [`evse:${chargePointId}:${connectorId}`]),
    `station:${chargePointId}`,
    'default',
  ];
}

export function resolveTariff(scope: SessionScope, tables: TariffTables): TariffChoice | null {
  // An empty idTag is a 2.0.1 transaction started without a token: it has no group.
  const groupIdToken = scope.idTag === null || scope.idTag === '' ? null : tables.idTags.get(scope.idTag)?.parentIdTag ?? null;
  for (const key of scopeKeys(scope, groupIdToken)) {
    const assignment = tables.tariffAssignments.get(key);
    if (assignment !== undefined) return { tariffId: assignment.tariffId, groupIdToken };
  }
  return null;
}
