// Decider states as records of the compacted snapshot topic, keyed `${decider}:${chargePointId}`,
// plus per-partition records: the transaction-id counter and the next offset of each source topic
// (`offset:inbound`, `offset:commandRequests`).
// Written in the same Kafka transaction as the outputs and offsets they correspond to.
import type { ProcessorSnapshot } from '@csms/contracts';
import { deciderNames, isDeciderName, type DeciderStates } from './deciders/registry.ts';
import { restoredSessionsState } from './deciders/sessions-state.ts';
import { sourceTopics, type Overlay, type PartitionMemory, type SourceTopic, type StateMaps } from './partition-memory.ts';
import type { DeciderName } from './route.ts';

export const COUNTER_DECIDER = 'counter';
export const COUNTER_KEY = 'transactionId';
export const OFFSET_DECIDER = 'offset';

export interface SnapshotRecord {
  readonly key: string;
  readonly value: ProcessorSnapshot;
}

function snapshotKey(decider: string, key: string): string {
  return `${decider}:${key}`;
}

function changedStates<K extends DeciderName>(states: StateMaps, decider: K): SnapshotRecord[] {
  const maps: StateMaps[K] = states[decider];
  return [...maps].map(([key, state]) => ({
    key: snapshotKey(decider, key), value: { decider, key, state: JSON.stringify(state) },
  }));
}

function partitionRecord(decider: string, key: string, state: object): SnapshotRecord {
  return { key: snapshotKey(decider, key), value: { decider, key, state: JSON.stringify(state) } };
}

/** The snapshot of every decider state these maps hold: what one record, or a whole batch, changed. */
export function stateSnapshotsOf(states: StateMaps): SnapshotRecord[] {
  return deciderNames.flatMap((decider) => changedStates(states, decider));
}

/** The partition's own records that the overlay moved: the transaction-id counter and the next offsets. */
export function partitionSnapshotsOf(overlay: Overlay): SnapshotRecord[] {
  const records: SnapshotRecord[] = [];
  if (overlay.counter !== overlay.base.counter) {
    records.push(partitionRecord(COUNTER_DECIDER, COUNTER_KEY, { counter: overlay.counter }));
  }
  for (const topic of sourceTopics) {
    const next = overlay.nextOffsets[topic];
    if (next !== overlay.base.nextOffsets[topic]) records.push(partitionRecord(OFFSET_DECIDER, topic, { next: next.toString() }));
  }
  return records;
}

/** Every state the overlay changed, and the counter and next offsets that moved. */
export function snapshotsOf(overlay: Overlay): SnapshotRecord[] {
  return [...stateSnapshotsOf(overlay.states), ...partitionSnapshotsOf(overlay)];
}

function restoreState<K extends DeciderName>(memory: PartitionMemory, decider: K, key: string, json: string | null): void {
  const maps: StateMaps[K] = memory.states[decider];
  // Snapshots are written only by this code from the same types.
  if (json === null) maps.delete(key);
  else maps.set(key, JSON.parse(json) as DeciderStates[K]);
}

function isSourceTopic(name: string): name is SourceTopic {
  return sourceTopics.some((topic) => topic === name);
}

/** Folds one snapshot record (null value = tombstone) into partition memory. Unknown deciders are skipped. */
export function restoreSnapshot(memory: PartitionMemory, recordKey: string, value: ProcessorSnapshot | null): void {
  const separator = recordKey.indexOf(':');
  if (separator < 0) return;
  const decider = recordKey.slice(0, separator);
  const key = recordKey.slice(separator + 1);
  if (decider === COUNTER_DECIDER) {
    if (value !== null) memory.counter = (JSON.parse(value.state) as { counter: number }).counter;
    return;
  }
  if (decider === OFFSET_DECIDER) {
    if (value !== null && isSourceTopic(key)) memory.nextOffsets[key] = BigInt((JSON.parse(value.state) as { next: string }).next);
    return;
  }
  if (isDeciderName(decider)) restoreState(memory, decider, key, value === null ? null : value.state);
}

/**
 * Snapshot migrations, run once every snapshot record of the partition has been restored.
 *
 * Before the reservations decider had its own state, the commands state kept the active reservations; a
 * charge point with such a legacy copy and no `reservations:` snapshot gets its reservations state
 * from it, so an upgrade loses no reservation (no expiry, no "Used"). A `reservations:` snapshot
 * always wins: one is written whenever that state changes, after which the legacy copy is stale.
 *
 * A sessions state written before OCPP 2.0.1 has no 2.0.1 transactions: it gets an empty list.
 */
export function finishRestore(memory: PartitionMemory): void {
  for (const [key, commands] of memory.states.commands) {
    const legacy = commands.reservations ?? [];
    if (legacy.length > 0 && !memory.states.reservations.has(key)) memory.states.reservations.set(key, { reservations: legacy });
  }
  for (const [key, sessions] of memory.states.sessions) memory.states.sessions.set(key, restoredSessionsState(sessions));
}
