// Which tariff prices a session, fixed when it starts (TariffAssignment's rule): the tariff of its
// id tag's group, else of its EVSE (2.0.1 EVSE id, 1.6 connector id), else of its station, else the
// default. None at all: the session is not billed.
import { tariffAssignmentKey, type IdTag, type TariffAssignment } from '@csms/contracts';
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

/** The assignment keys in precedence order: group, EVSE (the domain's connectorId), station, default. */
function scopeKeys(scope: SessionScope, groupIdToken: string | null): string[] {
  const { chargePointId, connectorId } = scope;
  const none = { chargePointId: null, evseId: null, groupIdToken: null };
  return [
    ...(groupIdToken === null ? [] : [tariffAssignmentKey({ ...none, scope: 'IdTokenGroup', groupIdToken })]),
    ...(connectorId === null ? [] : [tariffAssignmentKey({ ...none, scope: 'Evse', chargePointId, evseId: connectorId })]),
    tariffAssignmentKey({ ...none, scope: 'Station', chargePointId }),
    tariffAssignmentKey({ ...none, scope: 'Default' }),
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
