// A planned record's kind as the fleet plan counts it, read from the record itself: what the
// tests compare the plan's counts and the bench's coverage against.
import type { PlannedKind, PlannedRecord } from './planned-record.ts';

export function kindOf(record: PlannedRecord): PlannedKind {
  switch (record.topic) {
    case 'stations':
    case 'sessions':
      return record.value.type;
    case 'chargePoints':
      return 'ChargePoint';
    case 'idTags':
      return 'IdTag';
    default: {
      const _exhaustive: never = record;
      throw new Error(`unexpected record ${JSON.stringify(_exhaustive)}`);
    }
  }
}
