// A record the rebuild benchmark writes, as a processor or the api would have written it: the
// logical topic, the Kafka key and the value, encoded by the real serde (so the registry holds
// the schemas the projections decode with).
import type { ChargePoint, IdTag, Serde, SessionEvent, StationEvent } from '@csms/contracts';

export type PlannedRecord =
  | { readonly topic: 'stations'; readonly key: string; readonly value: StationEvent }
  | { readonly topic: 'sessions'; readonly key: string; readonly value: SessionEvent }
  | { readonly topic: 'chargePoints'; readonly key: string; readonly value: ChargePoint }
  | { readonly topic: 'idTags'; readonly key: string; readonly value: IdTag };

export type PlannedTopic = PlannedRecord['topic'];
export const PLANNED_TOPICS: readonly PlannedTopic[] = ['chargePoints', 'idTags', 'stations', 'sessions'];

/** Each topic's kinds of record: its event types, or the name of the compacted topic's one record. */
export interface PlannedKinds {
  readonly stations: StationEvent['type'];
  readonly sessions: SessionEvent['type'];
  readonly chargePoints: 'ChargePoint';
  readonly idTags: 'IdTag';
}

export type PlannedKind = PlannedKinds[PlannedTopic];

/** The serde's encode, per topic: its signature ties a value's type to its topic, which a union cannot say. */
export function encodeRecord(serde: Pick<Serde, 'encode'>, record: PlannedRecord): Promise<Buffer> {
  switch (record.topic) {
    case 'stations': return serde.encode('stations', record.value);
    case 'sessions': return serde.encode('sessions', record.value);
    case 'chargePoints': return serde.encode('chargePoints', record.value);
    case 'idTags': return serde.encode('idTags', record.value);
    default: {
      const _exhaustive: never = record;
      throw new Error(`unexpected record ${JSON.stringify(_exhaustive)}`);
    }
  }
}
