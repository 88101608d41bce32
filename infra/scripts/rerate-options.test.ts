import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rerateOptions } from './rerate-options.ts';

describe("npm run rerate's command line", () => {
  it('Given a tariff and a period, then it re-rates sessions in it for real, with a default reason', () => {
    const options = rerateOptions(['--tariff', 'AC', '--from', '2026-11-01', '--to', '2026-11-02T06:00:00+01:00']);
    assert.deepEqual(options, {
      tariffId: 'AC', from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 10, 2, 5), dryRun: false, reason: 'tariff AC re-rated', timeoutSeconds: 300,
    });
  });

  it('Given --dry-run and a reason, then both are kept', () => {
    const options = rerateOptions(['--tariff', 'AC', '--from', '2026-11-01', '--to', '2026-12-01', '--dry-run', '--reason', 'price typo']);
    assert.deepEqual([options.dryRun, options.reason], [true, 'price typo']);
  });

  it('Given a local time without its offset, a period ending before it starts, or no tariff, then it refuses with the flag named', () => {
    assert.throws(() => rerateOptions(['--tariff', 'AC', '--from', '2026-11-01T06:00', '--to', '2026-12-01']), /--from must be a date/);
    assert.throws(() => rerateOptions(['--tariff', 'AC', '--from', '2026-12-01', '--to', '2026-11-01']), /--to must be after --from/);
    assert.throws(() => rerateOptions(['--from', '2026-11-01', '--to', '2026-12-01']), /--tariff is required/);
    assert.throws(() => rerateOptions(['--tariff', 'AC', '--from', '2026-11-01']), /--to is required/);
    assert.throws(() => rerateOptions(['--tariff', 'AC', '--from', '2026-13-01', '--to', '2026-12-01']), /--from must be a date/);
  });
});
