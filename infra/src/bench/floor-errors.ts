// What went wrong inside the Kafka floor, for the bench's stderr. A failed relay transaction or a
// consumer's failure is charged to no call (its calls only time out), so these lines say why; the
// first few in full, then only how many more, so that a broker gone for the whole run does not
// bury the report.

/**
 * An error's message with the last of the errors it wraps (kafkajs's and platformatic's retries
 * wrap them), said once where the wrapper only repeats it (kafkajs's retries-exceeded error takes
 * its cause's message).
 */
export function floorErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const wrapped = (error as { errors?: unknown }).errors ?? (error.cause === undefined ? undefined : [error.cause]);
  if (!Array.isArray(wrapped) || wrapped.length === 0) return error.message;
  const inner: unknown = wrapped[wrapped.length - 1];
  if (inner instanceof Error && inner.message === error.message) return floorErrorText(inner);
  return `${error.message} (${floorErrorText(inner)})`;
}

export interface FloorErrorLog {
  report(error: unknown): void;
  /** The count of those not written, if any. */
  close(): void;
}

export function floorErrorLog(write: (line: string) => void, shown = 5): FloorErrorLog {
  let count = 0;
  return {
    report(error) {
      count += 1;
      if (count <= shown) write(`kafka floor: ${floorErrorText(error)}`);
    },
    close() {
      if (count > shown) write(`kafka floor: ${count - shown} more failures like these`);
    },
  };
}
