import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import kafkajs from 'kafkajs';
import { BatchRetryError, retriableByKafkajs, retriedByKafkajs } from './batch-retry.ts';

const { KafkaJSError, KafkaJSNonRetriableError } = kafkajs;

class MarkedError extends Error {
  readonly retriable = false;
}

describe('errors out of a batch, as kafkajs sees them', () => {
  it('wraps what would stop the consumer for good', () => {
    for (const error of [new MarkedError('too large'), new TypeError('bug'), new RangeError('bad'), 'a string']) {
      const handed = retriableByKafkajs(error);
      assert.ok(handed instanceof BatchRetryError);
      assert.equal(handed.retriable, true);
      assert.equal(handed.cause, error);
    }
  });

  it('passes retriable errors and kafkajs\'s own unchanged', () => {
    for (const error of [new Error('database away'), new KafkaJSError('rebalancing'), new KafkaJSNonRetriableError('fatal')]) {
      assert.equal(retriableByKafkajs(error), error);
    }
  });

  it('rethrows the work\'s failure the same way and returns its value otherwise', async () => {
    let retries = 0;
    assert.equal(await retriedByKafkajs(async () => 7, () => { retries += 1; }), 7);
    await assert.rejects(retriedByKafkajs(async () => { throw new TypeError('bug'); }, () => { retries += 1; }), BatchRetryError);
    assert.equal(retries, 1, 'told of the failed batch only');
  });
});
