import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kafkaClientCheckOptions } from './kafka-client-check-options.ts';

test('defaults check kafkajs with 600 transactions over 3 partitions', () => {
  assert.deepEqual(kafkaClientCheckOptions([]), { client: 'kafkajs', transactions: 600, partitions: 3, timeoutSeconds: 120 });
});

test('each flag is read', () => {
  assert.deepEqual(
    kafkaClientCheckOptions(['--client', 'platformatic', '--transactions', '50', '--partitions', '6', '--timeout-seconds', '30']),
    { client: 'platformatic', transactions: 50, partitions: 6, timeoutSeconds: 30 },
  );
});

test('an unknown client, a count out of range or an unknown flag is refused by name', () => {
  assert.throws(() => kafkaClientCheckOptions(['--client', 'rdkafka']), /--client must be one of kafkajs, platformatic/);
  assert.throws(() => kafkaClientCheckOptions(['--transactions', '0']), /--transactions must be an integer/);
  assert.throws(() => kafkaClientCheckOptions(['--partitions', '65']), /--partitions must be an integer in 1..64/);
  assert.throws(() => kafkaClientCheckOptions(['--seconds', '5']), /Unknown option '--seconds'/);
});
