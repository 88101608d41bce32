import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReport, problemsOf, reportJson, type RebuildBenchReport } from './rebuild-report.ts';

const report: RebuildBenchReport = {
  startedAt: '2025-03-01T12:00:00.000Z',
  settings: { events: 1_000_000, stations: 1_000, topicPrefix: 'rebuildbench-x.', database: 'rebuildbench_x', lanes: 4 },
  write: { events: 1_000_000, seconds: 10, byTopic: { chargePoints: 1_000, idTags: 100, stations: 400_000, sessions: 598_900 } },
  rebuild: { seconds: 50, deadLetters: 2 },
  readModels: [{ table: 'transactions', expected: 39_926, found: 39_926 }],
};

describe('the rebuild benchmark\'s report', () => {
  it('keeps the write\'s rate, and the events written against the rebuild\'s time, in the JSON', () => {
    assert.deepEqual(reportJson(report), {
      ...report,
      write: { ...report.write, eventsPerSecond: 100_000 },
      // 10 million at 20,000 events/s.
      rebuild: { seconds: 50, deadLetters: 2, eventsPerSecond: 20_000, secondsForTarget: 500 },
      target: { events: 10_000_000, seconds: 600 },
    });
  });

  it('gives no rate for a rebuild that took no time', () => {
    const json = reportJson({ ...report, rebuild: { seconds: 0, deadLetters: 0 } }) as { rebuild: object };
    assert.deepEqual(json.rebuild, { seconds: 0, deadLetters: 0, eventsPerSecond: null, secondsForTarget: null });
  });

  it('prints the write, the rebuild against the target once, and the read models', () => {
    assert.equal(formatReport(report), [
      'wrote 1,000,000 events in 10.0 s: 100,000 events/s (chargePoints 1,000, idTags 100, stations 400,000, sessions 598,900)',
      'rebuild: 1,000,000 events in 50.0 s, 20,000 events/s (target: 10,000,000 in ≤ 600 s; at this rate 500 s); 2 dead letters',
      'read models: transactions 39,926 of 39,926',
      '',
    ].join('\n'));
  });

  it('calls a run suspect when records were set aside or a read model falls short of the plan', () => {
    assert.deepEqual(problemsOf(report), ['the rebuild set 2 records aside as dead letters']);
    const clean = { rebuild: { seconds: 50, deadLetters: 0 }, readModels: report.readModels };
    assert.deepEqual(problemsOf(clean), []);
    assert.deepEqual(problemsOf({ ...clean, readModels: [{ table: 'charge_points', expected: 1_000, found: 999 }] }), ['charge_points holds 999 rows, not 1000']);
  });
});
