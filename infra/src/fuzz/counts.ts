// Named counters for the fuzz report, and the label an error is counted under.

/** Occurrences by label; labels come from bounded sets (codes, statuses, families). */
export type Counts = Record<string, number>;

export function increment(counts: Counts, label: string, by = 1): void {
  counts[label] = (counts[label] ?? 0) + by;
}

export function total(counts: Counts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** An OCPP-J error code, an errno code (ECONNREFUSED), a ws code (WS_ERR_…) or the error's class: never its message. */
export function errorLabel(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const { rpcErrorCode, code } = error as Error & { rpcErrorCode?: unknown; code?: unknown };
  if (typeof rpcErrorCode === 'string') return rpcErrorCode;
  if (typeof code === 'string') return code;
  return error.constructor.name;
}
