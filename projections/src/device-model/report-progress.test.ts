import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T0 } from '../test-events.ts';
import {
  foldReportPart, isComplete, missingParts, reportPartOf, reportRow, toReportProgress, type ReportPart, type ReportProgress, type ReportRow,
} from './report-progress.ts';
import { reportPart, variablesAnswered } from '../test-ocpp201-events.ts';

function part(seqNo: number, tbc: boolean, at = T0 + seqNo): ReportPart {
  return { chargePointId: 'CP201', requestId: 7, seqNo, tbc, at };
}

function folded(parts: readonly ReportPart[]): ReportProgress {
  let progress: ReportProgress | undefined;
  for (const each of parts) progress = foldReportPart(progress, each);
  return progress!;
}

test('only NotifyReport parts with a requestId and seqNo count towards a report', () => {
  assert.deepEqual(reportPartOf(reportPart('CP201', 7, 3, true, [], T0)), { chargePointId: 'CP201', requestId: 7, seqNo: 3, tbc: true, at: T0 });
  assert.equal(reportPartOf(variablesAnswered('CP201', 'GetVariables', [], T0)), null);
});

test('twenty parts in order make a complete report, as one part does', () => {
  const twenty = folded(Array.from({ length: 20 }, (_, seqNo) => part(seqNo, seqNo < 19)));
  const one = folded([part(0, false)]);
  assert.deepEqual([isComplete(twenty), twenty.seqNos.length, twenty.finalSeqNo], [true, 20, 19]);
  assert.deepEqual([isComplete(one), one.seqNos.length, one.finalSeqNo], [true, 1, 0]);
  assert.deepEqual(missingParts(twenty, 100), { count: 0, first: [] });
  assert.deepEqual([twenty.firstPartAt, twenty.lastPartAt], [T0, T0 + 19]);
});

test('a report is incomplete while parts are to come, or the last came but one before it is missing', () => {
  const coming = folded([part(0, true), part(1, true)]);
  assert.equal(isComplete(coming), false);
  assert.deepEqual(missingParts(coming, 100), { count: 0, first: [] }, 'nothing missing yet: more parts are announced');
  const gap = folded([part(0, true), part(2, true), part(4, false)]);
  assert.equal(isComplete(gap), false);
  assert.deepEqual(missingParts(gap, 100), { count: 2, first: [1, 3] });
  assert.equal(isComplete(foldReportPart(foldReportPart(gap, part(3, true)), part(1, true))), true, 'late parts fill the gaps');
});

test('a resent part counts once', () => {
  const progress = folded([part(0, true), part(0, true), part(1, false)]);
  assert.deepEqual([progress.seqNos, isComplete(progress)], [[0, 1], true]);
});

test('missing parts are counted, not listed, beyond the limit: a station may name any seqNo', () => {
  const far = folded([part(0, true), part(2_000_000_000, false)]);
  assert.deepEqual(missingParts(far, 3), { count: 1_999_999_999, first: [1, 2, 3] });
  assert.equal(isComplete(far), false);
});

test('a row round-trips and says whether the report is complete', () => {
  const progress = folded([part(0, true), part(1, false)]);
  const row = reportRow(progress);
  assert.equal(row.complete, true);
  assert.deepEqual(toReportProgress(row as unknown as ReportRow), progress);
});
