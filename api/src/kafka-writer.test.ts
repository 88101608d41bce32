import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageSender } from '@csms/infra';
import { nextUpdatedAt } from './config-writes.ts';
import { ApiError } from './errors.ts';
import { kafkaWriter } from './kafka-writer.ts';

describe('kafkaWriter', () => {
  it('sends one acknowledged record to the prefixed topic', async () => {
    const sent: unknown[] = [];
    const producer: MessageSender = { send: async (messages) => { sent.push(messages); } };
    await kafkaWriter(producer, 'p.').write({ topic: 'idTags', key: 'T1', value: null });
    assert.deepEqual(sent, [[{ topic: 'p.csms.config.id-tags', key: 'T1', value: null }]]);
  });

  it('turns a failed send into WRITE_FAILED, and says which topic failed', async () => {
    const producer: MessageSender = { send: async () => { throw new Error('broker down'); } };
    const failed: string[] = [];
    await assert.rejects(kafkaWriter(producer, '', (topic) => failed.push(topic)).write({ topic: 'chargePoints', key: 'CP', value: null }),
      (error: unknown) => error instanceof ApiError && error.code === 'WRITE_FAILED');
    assert.deepEqual(failed, ['csms.config.charge-points']);
  });
});

describe('nextUpdatedAt', () => {
  it('is now for a new record, and strictly after the row it replaces', () => {
    assert.equal(nextUpdatedAt(1000, null), 1000);
    assert.equal(nextUpdatedAt(1000, new Date(5000).toISOString()), 5001);
    assert.equal(nextUpdatedAt(9000, new Date(5000).toISOString()), 9000);
  });
});
