import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  hasArrived, MISSING_RANGES_LIMIT, MISSING_SEQNOS_REPORTED, missingSeqNos, seqNosFrom, withArrived, type SeqNos,
} from './seq-nos.ts';

function arrive(...seqNos: number[]): SeqNos {
  const [first = 0, ...rest] = seqNos;
  return rest.reduce(withArrived, seqNosFrom(first));
}

describe('seqNos of a 2.0.1 transaction', () => {
  it('has nothing missing when the events come in order from 0', () => {
    const seqNos = arrive(0, 1, 2);
    assert.deepEqual(seqNos, { highest: 2, missing: [] });
    assert.ok([0, 1, 2].every((n) => hasArrived(seqNos, n)));
    assert.equal(hasArrived(seqNos, 3), false);
  });

  it('reports a gap until it is filled, a late seqNo at a time', () => {
    const gap = arrive(0, 4);
    assert.deepEqual(missingSeqNos(gap), [1, 2, 3]);
    assert.deepEqual(missingSeqNos(withArrived(gap, 2)), [1, 3]);
    assert.deepEqual(missingSeqNos(arrive(0, 4, 2, 1, 3)), []);
    assert.equal(hasArrived(withArrived(gap, 2), 2), true);
  });

  it('counts the seqNos before the first one seen as missing: a transaction starts at 0', () => {
    assert.deepEqual(missingSeqNos(seqNosFrom(3)), [0, 1, 2]);
    assert.deepEqual(missingSeqNos(seqNosFrom(0)), []);
  });

  it('returns the same object for a seqNo that has arrived', () => {
    const seqNos = arrive(0, 1);
    assert.equal(withArrived(seqNos, 1), seqNos);
  });

  it('stays small whatever a station sends: a huge jump is one range and reports the highest missing only', () => {
    const seqNos = arrive(0, 2_000_000_000);
    assert.deepEqual(seqNos.missing, [[1, 1_999_999_999]]);
    const reported = missingSeqNos(seqNos);
    assert.equal(reported.length, MISSING_SEQNOS_REPORTED);
    assert.deepEqual([reported[0], reported.at(-1)], [2_000_000_000 - MISSING_SEQNOS_REPORTED, 1_999_999_999]);
  });

  it('keeps the highest gaps beyond the limit; a seqNo of a dropped gap counts as arrived', () => {
    const everyOther = Array.from({ length: MISSING_RANGES_LIMIT + 10 }, (_, i) => 2 * (i + 1));
    const seqNos = arrive(0, ...everyOther);
    assert.equal(seqNos.missing.length, MISSING_RANGES_LIMIT);
    assert.equal(hasArrived(seqNos, 1), true, 'forgotten: a late event for it changes nothing');
    assert.equal(hasArrived(seqNos, 2 * (MISSING_RANGES_LIMIT + 10) - 1), false);
  });
});
