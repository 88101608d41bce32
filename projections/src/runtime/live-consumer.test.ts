import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aheadProblems } from './live-consumer.ts';

describe('read models ahead of their topic, as /health lists them', () => {
  it('gives one line per projection, its partitions in order per topic, and the rebuild that mends it', () => {
    const problems = aheadProblems(new Map([
      ['csms.sessions:3', ['transactions', 'id-tags'] as const],
      ['csms.stations:11', ['charging-profiles'] as const],
      ['csms.sessions:0', ['transactions', 'charging-profiles'] as const],
    ]));
    assert.deepEqual(problems, [
      'charging-profiles: ahead of csms.stations (partitions 11), csms.sessions (partitions 0): its read model holds records this Kafka does not; rebuild it: npm run rebuild-projection -- charging-profiles',
      'id-tags: ahead of csms.sessions (partitions 3): its read model holds records this Kafka does not; rebuild it: npm run rebuild-projection -- id-tags',
      'transactions: ahead of csms.sessions (partitions 0, 3): its read model holds records this Kafka does not; rebuild it: npm run rebuild-projection -- transactions',
    ]);
  });

  it('is empty while no projection is ahead', () => {
    assert.deepEqual(aheadProblems(new Map()), []);
  });

  it('reads a topic name holding colons up to its last one', () => {
    assert.match(aheadProblems(new Map([['tenant:a.csms.sessions:7', ['transactions'] as const]]))[0]!, /^transactions: ahead of tenant:a\.csms\.sessions \(partitions 7\)/);
  });
});
