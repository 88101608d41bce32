import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReport, problemsOf, rebuildTotals, reportJson, type RebuildBenchReport } from './rebuild-report.ts';

const report: RebuildBenchReport = {
  startedAt: '2025-03-01T12:00:00.000Z',
  settings: { events: 1_000_000, stations: 1_000, topicPrefix: 'rebuildbench-x.', database: 'rebuildbench_x', lanes: 4 },
  write: { events: 1_000_000, seconds: 10, byTopic: { chargePoints: 1_000, idTags: 100, stations: 400_000, sessions: 598_900 } },
  rebuild: [
    { name: 'charge-points', topics: ['stations', 'chargePoints'], records: 401_000, seconds: 20, deadLetters: 0 },
    { name: 'transactions', topics: ['sessions'], records: 598_900, seconds: 30, deadLetters: 2 },
    { name: 'rerates', topics: ['rerates'], records: 0, seconds: 0, deadLetters: 0 },
  ],
  readModels: [{ table: 'transactions', expected: 39_926, found: 39_926 }],
};

describe('the rebuild benchmark\'s report', () => {
  it('adds the projections up, and measures the events written against the whole rebuild\'s time', () => {
    assert.deepEqual(rebuildTotals(report), {
      records: 999_900, seconds: 50, recordsPerSecond: 19_998, eventsPerSecond: 20_000,
      // 10 million at 20,000 events/s.
      secondsForTarget: 500, deadLetters: 2,
    });
  });

  it('keeps each step\'s rate in the JSON, and none for a step that took no time', () => {
    const json = reportJson(report) as { write: { eventsPerSecond: number }; rebuild: { projections: { recordsPerSecond: number | null }[] } };
    assert.equal(json.write.eventsPerSecond, 100_000);
    assert.deepEqual(json.rebuild.projections.map((step) => step.recordsPerSecond), [20_050, 19_963.333333333332, null]);
  });

  it('prints the write, a row per projection, the total and the target', () => {
    const text = formatReport(report);
    assert.match(text, /^wrote 1,000,000 events in 10\.0 s: 100,000 events\/s \(chargePoints 1,000, idTags 100, stations 400,000, sessions 598,900\)$/m);
    assert.match(text, /^transactions\s+598,900\s+30\.0\s+19,963\s+2$/m);
    assert.match(text, /^rerates\s+0\s+0\.0\s+-\s+0$/m);
    assert.match(text, /^total\s+999,900\s+50\.0\s+19,998\s+2$/m);
    assert.match(text, /^rebuild: 1,000,000 events in 50\.0 s, 20,000 events\/s \(target: 10,000,000 in ≤ 600 s; at this rate 500 s\)$/m);
    assert.match(text, /^read models: transactions 39,926 of 39,926$/m);
  });

  it('calls a run suspect when records were set aside or a read model falls short of the plan', () => {
    assert.deepEqual(problemsOf(report), ['transactions set 2 records aside as dead letters']);
    const clean = { rebuild: report.rebuild.map((step) => ({ ...step, deadLetters: 0 })), readModels: report.readModels };
    assert.deepEqual(problemsOf(clean), []);
    assert.deepEqual(problemsOf({ ...clean, readModels: [{ table: 'charge_points', expected: 1_000, found: 999 }] }), ['charge_points holds 999 rows, not 1000']);
  });
});
