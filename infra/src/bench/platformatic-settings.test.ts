import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoff, clientBase } from './platformatic-settings.ts';

const delays = (retryDelay: ReturnType<typeof backoff>['retryDelay'], attempts: number): number[] =>
  Array.from({ length: attempts }, (_, i) => retryDelay({}, 'send', i + 1, attempts, new Error('retriable')));

describe('@platformatic/kafka with kafkajs\'s settings', () => {
  it('waits as kafkajs does: the first wait, then twice as long each time, up to the longest', () => {
    const relay = backoff(30, 5, 500);
    assert.equal(relay.retries, 30);
    assert.deepEqual(delays(relay.retryDelay, 9), [5, 10, 20, 40, 80, 160, 320, 500, 500]);
  });

  it('gives every client kafkajs\'s defaults: 5 retries from 300 ms, metadata kept 5 minutes', () => {
    const base = clientBase({ brokers: ['127.0.0.1:9092'], clientId: 'csms-bench-floor' });
    assert.deepEqual({ ...base, retryDelay: delays(base.retryDelay, base.retries) }, {
      clientId: 'csms-bench-floor', bootstrapBrokers: ['127.0.0.1:9092'], metadataMaxAge: 300_000, retries: 5, retryDelay: [300, 600, 1200, 2400, 4800],
    });
  });
});
