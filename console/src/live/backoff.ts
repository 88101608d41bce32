// How long to wait before reconnecting to /live: 1 s, doubling to at most 30 s, so a restarting
// api is not hammered by every open console.
export const FIRST_RETRY_MS = 1_000;
export const LAST_RETRY_MS = 30_000;

/** The delay before attempt `failures` (1: the first retry). */
export function retryDelayMs(failures: number): number {
  if (failures <= 1) return FIRST_RETRY_MS;
  return Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
}
