// Watches that a consumer is still a member of its group. kafkajs has been seen to leave a
// consumer outside its group (its session expired while a call hung) while still looking
// alive; a process in that state consumes nothing, so it should say so and be restarted.
import type { Consumer } from 'kafkajs';

export interface GroupWatchOptions {
  readonly consumer: Consumer;
  /** How often to ask the group coordinator. */
  readonly intervalMs?: number;
  /** Consecutive checks without this member before giving up (a rebalance takes a moment). */
  readonly misses?: number;
  readonly onLost: (reason: string) => void;
}

export interface GroupWatch {
  stop(): void;
}

export function watchGroupMembership(options: GroupWatchOptions): GroupWatch {
  const { consumer, intervalMs = 30_000, misses = 3, onLost } = options;
  let memberId: string | null = null;
  let missed = 0;
  let crashed = false;
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => { memberId = payload.memberId; missed = 0; });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart) return;
    crashed = true;
    onLost(`consumer crashed: ${payload.error.name}`);
  });
  const timer = setInterval(() => {
    if (memberId === null || crashed) return;
    consumer.describeGroup().then(
      (group) => {
        missed = group.members.some((member) => member.memberId === memberId) ? 0 : missed + 1;
        if (missed >= misses) onLost(`not a member of its group for ${misses} checks (group ${group.state})`);
      },
      () => { missed += 1; },
    );
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
