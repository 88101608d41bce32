import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scratchDatabaseName } from './scratch-database.ts';

describe('the rebuild benchmark\'s database', () => {
  it('is named after the run\'s topic prefix, in the characters PostgreSQL takes unquoted', () => {
    assert.equal(scratchDatabaseName('rebuildbench-lx2k9.'), 'rebuildbench_lx2k9');
    assert.equal(scratchDatabaseName('Bench.Run-2__'), 'bench_run_2');
    assert.equal(scratchDatabaseName('x'.repeat(100)).length, 63);
  });
});
