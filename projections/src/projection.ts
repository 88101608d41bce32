// What a projection is: the topics it folds, the rows it owns and how one record changes them.
import type { ValueOf } from '@csms/contracts';
import type { Db } from './db.ts';

export type ProjectedTopic = 'stations' | 'sessions' | 'idTags' | 'chargePoints' | 'commands';
export type ProjectionName =
  | 'charge-points' | 'connections' | 'transactions' | 'id-tags' | 'commands' | 'reservations' | 'local-lists'
  | 'charging-profiles' | 'configuration';

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
  /** Deletes every row this projection owns; its offsets are deleted by the runtime. */
  reset(db: Db): Promise<void>;
  apply(db: Db, record: ProjectionRecord, position: Position): Promise<void>;
}
