import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorText, floorErrorLog } from './floor-errors.ts';

describe('the Kafka floor\'s failures', () => {
  it('names the last of the errors a retrying client\'s error wraps', () => {
    const retried = new AggregateError([new Error('timeout'), new Error('Cannot connect to any broker.')], 'send failed 2 times.');
    assert.equal(errorText(retried), 'send failed 2 times. (Cannot connect to any broker.)');
    assert.equal(errorText(new Error('abort failed', { cause: new Error('fenced') })), 'abort failed (fenced)');
    assert.equal(errorText('gone'), 'gone');
  });

  it('writes the first few and then counts the rest', () => {
    const lines: string[] = [];
    const log = floorErrorLog((line) => lines.push(line), 2);
    for (const n of [1, 2, 3, 4]) log.report(new Error(`failure ${n}`));
    log.close();
    assert.deepEqual(lines, ['kafka floor: failure 1', 'kafka floor: failure 2', 'kafka floor: 2 more failures like these']);
  });

  it('has nothing to add when none were held back', () => {
    const lines: string[] = [];
    const log = floorErrorLog((line) => lines.push(line), 2);
    log.report(new Error('failure'));
    log.close();
    assert.deepEqual(lines, ['kafka floor: failure']);
  });
});
