import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isProducerFenced, PartitionLostError } from './partition-lost.ts';

// The shapes kafkajs 2.2.4 throws: a KafkaJSProtocolError carries the broker error's `type`;
// its retrier wraps a non-retriable one in a KafkaJSNonRetriableError whose `cause` is the
// protocol error (src/retry/index.js), and the fenced error's message is not to be relied on.
function protocolError(type: string): Error {
  return Object.assign(new Error('some broker message'), { name: 'KafkaJSProtocolError', type, retriable: false });
}

function wrapped(cause: Error): Error {
  return Object.assign(new Error(cause.message, { cause }), { name: 'KafkaJSNonRetriableError', retriable: false });
}

describe('isProducerFenced', () => {
  it('recognises the broker saying a newer producer holds the transactional id, however deeply wrapped', () => {
    assert.equal(isProducerFenced(protocolError('INVALID_PRODUCER_EPOCH')), true);
    assert.equal(isProducerFenced(protocolError('PRODUCER_FENCED')), true);
    assert.equal(isProducerFenced(wrapped(wrapped(protocolError('INVALID_PRODUCER_EPOCH')))), true);
    assert.equal(isProducerFenced(Object.assign(new Error('aggregate'), { errors: [new Error('x'), protocolError('INVALID_PRODUCER_EPOCH')] })), true);
  });

  it('leaves every other failure alone, whatever its message says', () => {
    assert.equal(isProducerFenced(wrapped(protocolError('REQUEST_TIMED_OUT'))), false);
    assert.equal(isProducerFenced(new Error('INVALID_PRODUCER_EPOCH: Producer attempted an operation with an old epoch')), false);
    assert.equal(isProducerFenced('INVALID_PRODUCER_EPOCH'), false);
    assert.equal(isProducerFenced(null), false);
  });
});

describe('PartitionLostError', () => {
  it('is retriable for kafkajs, so the consumer re-fetches instead of stopping for good', () => {
    const cause = protocolError('INVALID_PRODUCER_EPOCH');
    const error = new PartitionLostError(4, 'fenced', { cause });
    assert.equal(error.retriable, true);
    assert.equal(error.code, 'PARTITION_LOST');
    assert.equal(error.partition, 4);
    assert.equal(error.cause, cause);
  });
});
