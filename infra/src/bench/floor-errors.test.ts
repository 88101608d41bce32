import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { floorErrorLog, floorErrorText } from './floor-errors.ts';

describe('the Kafka floor\'s failures', () => {
  it('names the last of the errors a retrying client\'s error wraps', () => {
    const retried = new AggregateError([new Error('timeout'), new Error('Cannot connect to any broker.')], 'send failed 2 times.');
    assert.equal(floorErrorText(retried), 'send failed 2 times. (Cannot connect to any broker.)');
    assert.equal(floorErrorText(new Error('abort failed', { cause: new Error('fenced') })), 'abort failed (fenced)');
    assert.equal(floorErrorText('gone'), 'gone');
  });

  it('says a message once where the wrapper only repeats its cause\'s, and goes on to that cause\'s own', () => {
    // As kafkajs's KafkaJSNumberOfRetriesExceeded wraps the error it gave up on.
    const exceeded = new Error('The coordinator is loading', { cause: new Error('The coordinator is loading', { cause: new Error('ECONNRESET') }) });
    assert.equal(floorErrorText(exceeded), 'The coordinator is loading (ECONNRESET)');
    assert.equal(floorErrorText(new Error('broker gone', { cause: new Error('broker gone') })), 'broker gone');
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
