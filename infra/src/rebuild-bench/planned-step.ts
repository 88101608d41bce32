// One fact of a station's sequence (its setup, a session's cycle), made a set time after the
// sequence begins. Its kind and topic are said beside its builder, so the plan counts the facts
// without building any.
import type { PlannedKind, PlannedKinds, PlannedRecord, PlannedTopic } from './planned-record.ts';

/** What a sequence runs for: every fact of it is the station's, keyed by its id as the processors and the api key them. */
export interface StepSubject {
  readonly chargePointId: string;
}

export interface PlannedStep<S extends StepSubject> {
  readonly kind: PlannedKind;
  readonly topic: PlannedTopic;
  /** Seconds after the sequence begins that the CSMS receives it. */
  readonly atS: number;
  build(subject: S, at: number): PlannedRecord;
}

/** The value a record of kind K on topic T holds: the event of that type, or the compacted topic's one record. */
type ValueOf<T extends PlannedTopic, K extends PlannedKinds[T]> =
  Extract<PlannedRecord, { topic: T }>['value'] extends infer V ? (V extends { readonly type: string } ? Extract<V, { type: K }> : V) : never;

/** K is the kind given, not inferred from the builder too (NoInfer), so a builder of another event type is refused. */
export function step<S extends StepSubject, T extends PlannedTopic, K extends PlannedKinds[T]>(
  topic: T, kind: K, atS: number, value: (subject: S, at: number) => ValueOf<T, NoInfer<K>>,
): PlannedStep<S> {
  return {
    kind, topic, atS,
    // TypeScript does not narrow the union by a generic topic; ValueOf has tied the value to it.
    build: (subject, at) => ({ topic, key: subject.chargePointId, value: value(subject, at) }) as PlannedRecord,
  };
}
