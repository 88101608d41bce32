// Decider states of one keyed partition p (partition p of ocpp.inbound and of
// csms.command-requests, which are co-partitioned), and the overlay a batch writes into: the
// overlay is merged into memory only after the Kafka transaction commits, so an aborted
// batch leaves memory exactly as it was. Each record of the batch writes into an overlay of
// its own on top of the batch's, merged only once the record's outputs are encoded, so a
// record that is dead-lettered leaves no trace in the state.
import type { DeciderName } from './route.ts';
import { deciderNames, initialStates, type DeciderStates } from './deciders/registry.ts';

/** The topics the processors consume, by logical name; partition p of each shares one memory. */
export type SourceTopic = 'inbound' | 'commandRequests';
export const sourceTopics: readonly SourceTopic[] = ['inbound', 'commandRequests'];

export type StateMaps = { readonly [K in DeciderName]: Map<string, DeciderStates[K]> };

/**
 * Per source topic, the offset of the first record these states do not reflect. A partition's
 * new owner can be handed records below it, to be skipped rather than decided twice: kafkajs reads
 * the group's committed offset before the owner fences its predecessor, whose last transaction
 * may commit after that read; and a transaction whose outcome was unknown may have committed.
 */
export type NextOffsets = Record<SourceTopic, bigint>;

export interface PartitionMemory {
  /** Transaction ids handed out so far on this partition (see transactionIdCandidate). */
  counter: number;
  readonly nextOffsets: NextOffsets;
  readonly states: StateMaps;
}

export interface Overlay {
  readonly base: PartitionMemory;
  /** The batch's overlay, for a record's; null for the batch's own. */
  readonly parent: Overlay | null;
  counter: number;
  readonly nextOffsets: NextOffsets;
  readonly states: StateMaps;
}

function emptyStateMaps(): StateMaps {
  return Object.fromEntries(deciderNames.map((decider) => [decider, new Map()])) as unknown as StateMaps;
}

export function emptyPartitionMemory(): PartitionMemory {
  return { counter: 0, nextOffsets: { inbound: 0n, commandRequests: 0n }, states: emptyStateMaps() };
}

export function createOverlay(base: PartitionMemory): Overlay {
  return { base, parent: null, counter: base.counter, nextOffsets: { ...base.nextOffsets }, states: emptyStateMaps() };
}

/** An overlay for one record of the batch, on top of the batch's. */
export function createRecordOverlay(batch: Overlay): Overlay {
  return { base: batch.base, parent: batch, counter: batch.counter, nextOffsets: batch.nextOffsets, states: emptyStateMaps() };
}

function lookup<K extends DeciderName>(overlay: Overlay, decider: K, key: string): DeciderStates[K] | undefined {
  const maps: StateMaps[K] = overlay.states[decider];
  const found = maps.get(key);
  if (found !== undefined) return found;
  if (overlay.parent !== null) return lookup(overlay.parent, decider, key);
  const baseMaps: StateMaps[K] = overlay.base.states[decider];
  return baseMaps.get(key);
}

export function readState<K extends DeciderName>(overlay: Overlay, decider: K, key: string): DeciderStates[K] {
  return lookup(overlay, decider, key) ?? initialStates[decider];
}

export function writeState<K extends DeciderName>(overlay: Overlay, decider: K, key: string, state: DeciderStates[K]): void {
  const maps: StateMaps[K] = overlay.states[decider];
  maps.set(key, state);
}

function mergeInto<K extends DeciderName>(target: StateMaps, source: StateMaps, decider: K): void {
  const into: StateMaps[K] = target[decider];
  const from: StateMaps[K] = source[decider];
  for (const [key, state] of from) into.set(key, state);
}

function mergeAll(target: StateMaps, source: StateMaps): void {
  for (const decider of deciderNames) mergeInto(target, source, decider);
}

/** A record went through: what it changed becomes part of its batch. */
export function mergeRecordOverlay(record: Overlay): void {
  const batch = record.parent;
  if (batch === null) throw new Error('not a record overlay');
  batch.counter = record.counter;
  mergeAll(batch.states, record.states);
}

export function applyOverlay(overlay: Overlay): void {
  overlay.base.counter = overlay.counter;
  for (const topic of sourceTopics) overlay.base.nextOffsets[topic] = overlay.nextOffsets[topic];
  mergeAll(overlay.base.states, overlay.states);
}
