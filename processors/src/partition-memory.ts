// Decider states of one ocpp.inbound partition, and the overlay a batch writes into: the
// overlay is merged into memory only after the Kafka transaction commits, so an aborted
// batch leaves memory exactly as it was.
import type { DeciderName } from './router.ts';
import { initialStates, type DeciderStates } from './deciders/registry.ts';

export type StateMaps = { readonly [K in DeciderName]: Map<string, DeciderStates[K]> };

export interface PartitionMemory {
  /** Transaction ids handed out so far on this partition (see transactionIdCandidate). */
  counter: number;
  /**
   * The ocpp.inbound offset of the first record these states do not reflect. A partition's new
   * owner can be handed records below it, to be skipped rather than decided twice: kafkajs reads
   * the group's committed offset before the owner fences its predecessor, whose last transaction
   * may commit after that read; and a transaction whose outcome was unknown may have committed.
   */
  nextOffset: bigint;
  readonly states: StateMaps;
}

export interface Overlay {
  readonly base: PartitionMemory;
  counter: number;
  nextOffset: bigint;
  readonly states: StateMaps;
}

function emptyStateMaps(): StateMaps {
  return { station: new Map(), authorization: new Map(), sessions: new Map() };
}

export function emptyPartitionMemory(): PartitionMemory {
  return { counter: 0, nextOffset: 0n, states: emptyStateMaps() };
}

export function createOverlay(base: PartitionMemory): Overlay {
  return { base, counter: base.counter, nextOffset: base.nextOffset, states: emptyStateMaps() };
}

export function readState<K extends DeciderName>(overlay: Overlay, decider: K, key: string): DeciderStates[K] {
  const maps: StateMaps[K] = overlay.states[decider];
  const baseMaps: StateMaps[K] = overlay.base.states[decider];
  return maps.get(key) ?? baseMaps.get(key) ?? initialStates[decider];
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

export function applyOverlay(overlay: Overlay): void {
  overlay.base.counter = overlay.counter;
  overlay.base.nextOffset = overlay.nextOffset;
  mergeInto(overlay.base.states, overlay.states, 'station');
  mergeInto(overlay.base.states, overlay.states, 'authorization');
  mergeInto(overlay.base.states, overlay.states, 'sessions');
}
