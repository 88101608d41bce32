import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { Consumer, GroupDescription } from 'kafkajs';
import { watchGroupMembership } from './group-watch.ts';

type Answer = Pick<GroupDescription, 'state' | 'members'> | Error;

/** A consumer whose group coordinator answers from a script, and a hand on the watch's checks. */
function scripted(answers: Answer[]) {
  const events = new EventEmitter();
  const consumer = {
    events: { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' },
    on: (event: string, listener: (e: unknown) => void) => { events.on(event, listener); return () => undefined; },
    describeGroup: async () => {
      const answer = answers.shift()!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as Consumer;
  let check: () => void = () => undefined;
  const lost: string[] = [];
  watchGroupMembership({ consumer, misses: 3, onLost: (reason) => lost.push(reason), repeat: (run) => { check = run; return () => undefined; } });
  return {
    lost,
    join: (memberId: string) => events.emit('consumer.group_join', { payload: { memberId } }),
    async checks(n: number) {
      for (let i = 0; i < n; i += 1) { check(); await new Promise(setImmediate); }
    },
  };
}

const member = (memberId: string) => ({ memberId }) as GroupDescription['members'][number];
const unreachable = new Error('connect ECONNREFUSED');

describe('watchGroupMembership', () => {
  it('gives up after three settled answers without this member', async () => {
    const watch = scripted([{ state: 'Stable', members: [member('other')] }, { state: 'Stable', members: [] }, { state: 'Empty', members: [] }]);
    watch.join('me');
    await watch.checks(3);
    assert.equal(watch.lost.length, 1);
    assert.match(watch.lost[0]!, /not a member of its group for 3 checks \(group Empty\)/);
  });

  it('waits out an outage of any length, and the rebalance when the broker is back, without giving up', async () => {
    const outage = Array.from({ length: 20 }, () => unreachable);
    const rejoining = [{ state: 'PreparingRebalance', members: [] }, { state: 'CompletingRebalance', members: [member('new')] }];
    const watch = scripted([...outage, ...rejoining, { state: 'Stable', members: [member('new')] }] as Answer[]);
    watch.join('me');
    await watch.checks(22);
    watch.join('new');
    await watch.checks(1);
    assert.deepEqual(watch.lost, []);
  });

  it('starts counting afresh when it is a member again', async () => {
    const away = { state: 'Stable', members: [] } as Answer;
    const watch = scripted([away, away, { state: 'Stable', members: [member('me')] }, away, away]);
    watch.join('me');
    await watch.checks(5);
    assert.deepEqual(watch.lost, []);
  });
});
