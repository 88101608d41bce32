// When a supervised process that died is started again, as a pure decision: soon after a
// first death, later after each further one close behind it (so a process that cannot start
// does not spin), and never again once it died too often within a window (so a broken
// installation stops with its error instead of looping forever).
export interface RestartPolicy {
  /** Delay before the first restart; each further death in the window doubles it. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Deaths older than this are forgotten. */
  readonly windowMs: number;
  /** Deaths within the window at which the supervisor gives up. */
  readonly maxDeaths: number;
}

export const defaultRestartPolicy: RestartPolicy = { initialDelayMs: 1_000, maxDelayMs: 30_000, windowMs: 5 * 60_000, maxDeaths: 10 };

export type RestartDecision =
  | { readonly action: 'restart'; readonly delayMs: number; readonly deaths: readonly number[] }
  | { readonly action: 'give-up'; readonly deaths: readonly number[] };

/** What to do about a death at `now`, given the times of earlier deaths; `deaths` is the list to remember. */
export function afterDeath(policy: RestartPolicy, earlier: readonly number[], now: number): RestartDecision {
  const deaths = [...earlier.filter((at) => now - at < policy.windowMs), now];
  if (deaths.length >= policy.maxDeaths) return { action: 'give-up', deaths };
  const delayMs = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (deaths.length - 1));
  return { action: 'restart', delayMs, deaths };
}
