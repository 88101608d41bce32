import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KafkaMessage } from 'kafkajs';
import { compactedTableApplier } from './compacted-table.ts';
import { createLogger } from './logger.ts';

function record(key: string, value: string | null, offset: number): KafkaMessage {
  return { key: Buffer.from(key), value: value === null ? null : Buffer.from(value), offset: String(offset), timestamp: '0', attributes: 0, headers: {} };
}

/** A decoder at the table's I/O port: JSON, or a failure chosen by the test. */
function setUp(failure: () => Error | null = () => null) {
  const values = new Map<string, { revoked: boolean }>();
  const skipped: string[] = [];
  const apply = compactedTableApplier(values, {
    topic: 'csms.config.api-keys', logger: createLogger('compacted-table-test', 'silent'),
    decode: async (bytes) => {
      const error = failure();
      if (error !== null) throw error;
      return JSON.parse(bytes.toString('utf8')) as { revoked: boolean };
    },
    onUndecodable: (key) => { skipped.push(key); },
  });
  return { values, skipped, apply };
}

describe('a compacted table', () => {
  it('skips a value it cannot decode, keeps the key\'s previous value, and goes on to the next record', async () => {
    const { values, skipped, apply } = setUp();
    await apply(0, record('k1', '{"revoked":false}', 0));
    await apply(0, record('k1', 'not a record', 1));
    assert.deepEqual(values.get('k1'), { revoked: false });
    assert.deepEqual(skipped, ['k1']);
    // A later revocation still takes effect.
    await apply(0, record('k1', '{"revoked":true}', 2));
    assert.deepEqual(values.get('k1'), { revoked: true });
    await apply(0, record('k1', null, 3));
    assert.equal(values.has('k1'), false, 'a tombstone deletes');
  });

  it('throws a transient failure, so the record is read again rather than skipped', async () => {
    const unreachable = Object.assign(new Error('registry unreachable'), { code: 'ECONNREFUSED' });
    const { values, skipped, apply } = setUp(() => unreachable);
    await assert.rejects(apply(0, record('k1', '{"revoked":true}', 0)), (error: unknown) => error === unreachable);
    assert.deepEqual(skipped, []);
    assert.equal(values.size, 0);
  });
});
