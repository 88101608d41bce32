// Which TransactionEvents of a 2.0.1 transaction have arrived, by seqNo. A station numbers a
// transaction's events from 0 (Started) up, so the CSMS can tell a resent event (a seqNo it has
// applied; stations resend with a new messageId) from a late one (below the highest, never seen:
// queued while offline, E11/E12) and see which never came (a full offline queue may drop Updated
// events). DESIGN invariant 2 deduplicates 2.0.1 transaction messages on transactionId + seqNo.
//
// Memory is bounded whatever a station sends: the seqNos up to the highest, less the missing ones
// kept as inclusive ranges, at most MISSING_RANGES_LIMIT of them (the highest kept). A seqNo dropped
// from the ranges counts as arrived: a late event for it gets its reply and changes nothing.

export const MISSING_RANGES_LIMIT = 100;
/** At most this many missing seqNos (the highest) go out on a fact. */
export const MISSING_SEQNOS_REPORTED = 1_000;

export type SeqNoRange = readonly [first: number, last: number];

export interface SeqNos {
  readonly highest: number;
  /** Ascending, disjoint, each below highest. */
  readonly missing: readonly SeqNoRange[];
}

/** The first event the CSMS sees of a transaction: the seqNos before it, from 0, are missing. */
export function seqNosFrom(seqNo: number): SeqNos {
  return { highest: seqNo, missing: seqNo > 0 ? [[0, seqNo - 1]] : [] };
}

export function hasArrived(seqNos: SeqNos, seqNo: number): boolean {
  return seqNo <= seqNos.highest && !seqNos.missing.some(([first, last]) => first <= seqNo && seqNo <= last);
}

function keepHighest(ranges: readonly SeqNoRange[]): readonly SeqNoRange[] {
  return ranges.length > MISSING_RANGES_LIMIT ? ranges.slice(ranges.length - MISSING_RANGES_LIMIT) : ranges;
}

/** Returns the same object when the seqNo had arrived. */
export function withArrived(seqNos: SeqNos, seqNo: number): SeqNos {
  if (hasArrived(seqNos, seqNo)) return seqNos;
  if (seqNo > seqNos.highest) {
    const gap: SeqNoRange[] = seqNo > seqNos.highest + 1 ? [[seqNos.highest + 1, seqNo - 1]] : [];
    return { highest: seqNo, missing: keepHighest([...seqNos.missing, ...gap]) };
  }
  const missing = seqNos.missing.flatMap(([first, last]): SeqNoRange[] => {
    if (seqNo < first || seqNo > last) return [[first, last]];
    return [...(first < seqNo ? [[first, seqNo - 1] as const] : []), ...(seqNo < last ? [[seqNo + 1, last] as const] : [])];
  });
  return { highest: seqNos.highest, missing: keepHighest(missing) };
}

/** The missing seqNos, ascending: the highest MISSING_SEQNOS_REPORTED of them. */
export function missingSeqNos(seqNos: SeqNos): number[] {
  const found: number[] = [];
  for (let i = seqNos.missing.length - 1; i >= 0 && found.length < MISSING_SEQNOS_REPORTED; i -= 1) {
    const [first, last] = seqNos.missing[i] ?? [0, -1];
    for (let n = last; n >= first && found.length < MISSING_SEQNOS_REPORTED; n -= 1) found.push(n);
  }
  return found.reverse();
}
