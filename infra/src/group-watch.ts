// Watches that a consumer is still a member of its group. kafkajs has been seen to leave a
// consumer outside its group (its session expired while a call hung) while still looking
// alive; a process in that state consumes nothing, so it should say so and be restarted.
// Only an answer from the coordinator counts: while the broker is unreachable, or while the
// group rebalances (as it does when the broker comes back), a check says nothing either way,
// so an outage of any length is waited out and kafkajs rejoins by itself.
import type { Consumer, GroupDescription } from 'kafkajs';
import { repeatUnref, type RepeatUnref } from './repeat.ts';

export interface GroupWatchOptions {
  readonly consumer: Consumer;
  /** How often to ask the group coordinator. */
  readonly intervalMs?: number;
  /** Consecutive answers without this member, from a settled group, before giving up. */
  readonly misses?: number;
  readonly onLost: (reason: string) => void;
  /** Runs the checks; setInterval unless a test drives them. */
  readonly repeat?: RepeatUnref;
}

export interface GroupWatch {
  stop(): void;
}

/** A group that is mid-rebalance has no settled membership to judge. */
const settled = (group: GroupDescription): boolean => group.state === 'Stable' || group.state === 'Empty';

export function watchGroupMembership(options: GroupWatchOptions): GroupWatch {
  const { consumer, intervalMs = 30_000, misses = 3, onLost, repeat = repeatUnref } = options;
  let memberId: string | null = null;
  let missed = 0;
  let crashed = false;
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => { memberId = payload.memberId; missed = 0; });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart) return;
    crashed = true;
    onLost(`consumer crashed: ${payload.error.name}`);
  });
  const stop = repeat(() => {
    if (memberId === null || crashed) return;
    consumer.describeGroup().then(
      (group) => {
        if (group.members.some((member) => member.memberId === memberId)) missed = 0;
        else if (settled(group)) missed += 1;
        if (missed >= misses) onLost(`not a member of its group for ${misses} checks (group ${group.state})`);
      },
      // Unreachable: nothing learnt about the membership.
      () => undefined,
    );
  }, intervalMs);
  return { stop };
}
