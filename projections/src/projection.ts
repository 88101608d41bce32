// What a projection is: the topics it folds, the rows it owns and how one record changes them.
// A projection names a handler per event type it cares about; every other type is none of its
// business, so there is nothing to list and nothing to forget when a topic gains an event.
import type {
  BillingEvent, ChargePoint, CommandEvent, DeadLetterRecord, IdTag, RerateRecord, SecurityRecord, SessionEvent, StationCredential,
  StationEvent, Tariff, TariffAssignment, ValueOf,
} from '@csms/contracts';
import type { ProjectionDb } from './db.ts';

export type ProjectedTopic =
  | 'stations' | 'sessions' | 'idTags' | 'chargePoints' | 'commands' | 'security' | 'deadLetter' | 'stationCredentials'
  | 'billing' | 'rerates' | 'tariffs' | 'tariffAssignments';
export type ProjectionName =
  | 'charge-points' | 'connections' | 'transactions' | 'id-tags' | 'commands' | 'reservations' | 'local-lists'
  | 'charging-profiles' | 'configuration' | 'security-events' | 'dead-letters' | 'station-credentials' | 'device-model'
  | 'billing' | 'rerates' | 'tariffs';

/** Where a record sits in Kafka; rows derived from a record may be keyed by it. */
export interface Position {
  readonly topic: ProjectedTopic;
  readonly partition: number;
  readonly offset: number;
}

/** A decoded record; value null is a tombstone (compacted topics). */
export type ProjectionRecord = {
  [T in ProjectedTopic]: { readonly topic: T; readonly key: string | null; readonly value: ValueOf<T> | null };
}[ProjectedTopic];

export interface Projection {
  readonly name: ProjectionName;
  readonly topics: readonly ProjectedTopic[];
  /** The tables it owns: every row in them comes from its topics, and no other projection writes them. */
  readonly tables: readonly string[];
  apply(db: ProjectionDb, record: ProjectionRecord, position: Position): Promise<void>;
}

/** A handler for each event type a projection folds, typed by that type's record. */
export type EventHandlers<E extends { readonly type: string }> = {
  readonly [K in E['type']]?: (db: ProjectionDb, event: Extract<E, { type: K }>, position: Position) => Promise<void>;
};

/** A compacted topic's latest value for a key; null is a tombstone. */
export type LatestValueHandler<V> = (db: ProjectionDb, key: string, value: V | null) => Promise<void>;

export interface ProjectionSpec {
  readonly name: ProjectionName;
  readonly tables: readonly string[];
  readonly stations?: EventHandlers<StationEvent>;
  readonly sessions?: EventHandlers<SessionEvent>;
  readonly commands?: EventHandlers<CommandEvent>;
  readonly security?: EventHandlers<SecurityRecord>;
  readonly deadLetter?: EventHandlers<DeadLetterRecord>;
  readonly billing?: EventHandlers<BillingEvent>;
  readonly rerates?: EventHandlers<RerateRecord>;
  readonly idTags?: LatestValueHandler<IdTag>;
  readonly chargePoints?: LatestValueHandler<ChargePoint>;
  readonly stationCredentials?: LatestValueHandler<StationCredential>;
  readonly tariffs?: LatestValueHandler<Tariff>;
  readonly tariffAssignments?: LatestValueHandler<TariffAssignment>;
}

const projectedTopics: readonly ProjectedTopic[] = [
  'stations', 'sessions', 'commands', 'security', 'idTags', 'chargePoints', 'deadLetter', 'stationCredentials',
  'billing', 'rerates', 'tariffs', 'tariffAssignments',
];

function dispatch<E extends { readonly type: string }>(
  handlers: EventHandlers<E> | undefined, db: ProjectionDb, event: E | null, position: Position,
): Promise<void> | undefined {
  if (!handlers || event === null) return undefined;
  const handler = handlers[event.type as E['type']] as ((db: ProjectionDb, event: E, position: Position) => Promise<void>) | undefined;
  return handler?.(db, event, position);
}

async function applyRecord(spec: ProjectionSpec, db: ProjectionDb, record: ProjectionRecord, position: Position): Promise<void> {
  switch (record.topic) {
    case 'stations': return dispatch(spec.stations, db, record.value, position);
    case 'sessions': return dispatch(spec.sessions, db, record.value, position);
    case 'commands': return dispatch(spec.commands, db, record.value, position);
    case 'security': return dispatch(spec.security, db, record.value, position);
    case 'deadLetter': return dispatch(spec.deadLetter, db, record.value, position);
    case 'billing': return dispatch(spec.billing, db, record.value, position);
    case 'rerates': return dispatch(spec.rerates, db, record.value, position);
    case 'idTags': {
      const key = record.value?.idTag ?? record.key;
      return key === null ? undefined : spec.idTags?.(db, key, record.value);
    }
    case 'chargePoints': {
      const key = record.value?.id ?? record.key;
      return key === null ? undefined : spec.chargePoints?.(db, key, record.value);
    }
    case 'stationCredentials': {
      const key = record.value?.chargePointId ?? record.key;
      return key === null ? undefined : spec.stationCredentials?.(db, key, record.value);
    }
    case 'tariffs': {
      const key = record.value?.id ?? record.key;
      return key === null ? undefined : spec.tariffs?.(db, key, record.value);
    }
    case 'tariffAssignments': {
      // The topic's key alone: compaction keeps one value per Kafka key, and a tombstone names
      // only that key, so the row must be the key's (the processors' table is keyed the same).
      // A compacted topic refuses a keyless record, so there is none to fold.
      const key = record.key;
      return key === null ? undefined : spec.tariffAssignments?.(db, key, record.value);
    }
    default: {
      const _exhaustive: never = record;
      throw new Error(`unexpected record ${JSON.stringify(_exhaustive)}`);
    }
  }
}

/** A projection from its handlers; it consumes exactly the topics it has handlers for. */
export function defineProjection(spec: ProjectionSpec): Projection {
  return {
    name: spec.name,
    topics: projectedTopics.filter((topic) => spec[topic] !== undefined),
    tables: spec.tables,
    apply: (db, record, position) => applyRecord(spec, db, record, position),
  };
}
