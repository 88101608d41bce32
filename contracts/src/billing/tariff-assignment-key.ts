// The key of csms.config.tariff-assignments: one assignment per scope, so a new one for the same
// scope replaces the old in the compacted topic. The api writes by it, the processors look up by
// it in precedence order, the projection keys its rows by it.
import type { TariffAssignment } from '../generated/avro-types.ts';

export type TariffScopeOf = Pick<TariffAssignment, 'scope' | 'chargePointId' | 'evseId' | 'groupIdToken'>;

/** default, station:<chargePointId>, evse:<chargePointId>:<evseId> or group:<groupIdToken>. */
export function tariffAssignmentKey(a: TariffScopeOf): string {
  switch (a.scope) {
    case 'Default': return 'default';
    case 'Station': return `station:${a.chargePointId ?? ''}`;
    case 'Evse': return `evse:${a.chargePointId ?? ''}:${a.evseId ?? ''}`;
    case 'IdTokenGroup': return `group:${a.groupIdToken ?? ''}`;
    default: {
      const _exhaustive: never = a.scope;
      throw new Error(`unexpected scope ${String(_exhaustive)}`);
    }
  }
}
