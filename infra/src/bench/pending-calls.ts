// Calls waiting for their answer, by message id, each given up after a bounded wait so that a
// reply that never comes counts as a timeout instead of stalling its station for the whole run.

/** What became of a call: answered (a CALLRESULT, or the floor's echo), refused, or neither. */
export type Reply =
  | { readonly kind: 'result'; readonly payload: unknown }
  | { readonly kind: 'error'; readonly code: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'closed' };

export interface PendingCalls {
  wait(messageId: string): Promise<Reply>;
  /** False for an id nobody waits for (a late answer after its timeout). */
  settle(messageId: string, reply: Reply): boolean;
  /** The connection is gone: every waiting call ends so. */
  closeAll(): void;
}

export function pendingCalls(timeoutMs: number): PendingCalls {
  const waiting = new Map<string, { resolve: (reply: Reply) => void; timer: NodeJS.Timeout }>();
  const settle = (messageId: string, reply: Reply): boolean => {
    const entry = waiting.get(messageId);
    if (entry === undefined) return false;
    waiting.delete(messageId);
    clearTimeout(entry.timer);
    entry.resolve(reply);
    return true;
  };
  return {
    wait: (messageId) => new Promise((resolve) => {
      const timer = setTimeout(() => settle(messageId, { kind: 'timeout' }), timeoutMs);
      waiting.set(messageId, { resolve, timer });
    }),
    settle,
    closeAll() {
      for (const id of [...waiting.keys()]) settle(id, { kind: 'closed' });
    },
  };
}
