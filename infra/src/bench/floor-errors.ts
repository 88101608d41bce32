// What went wrong inside the Kafka floor, for the bench's stderr. A failed relay transaction or a
// consumer's failure is charged to no call (its calls only time out), so these lines say why; the
// first few in full, then only how many more, so that a broker gone for the whole run does not
// bury the report.

/** An error's message with the last of the errors it wraps (kafkajs's and platformatic's retries wrap them). */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = (error as { errors?: unknown }).errors ?? (error.cause === undefined ? undefined : [error.cause]);
  return Array.isArray(inner) && inner.length > 0 ? `${error.message} (${errorText(inner[inner.length - 1])})` : error.message;
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
      if (count <= shown) write(`kafka floor: ${errorText(error)}`);
    },
    close() {
      if (count > shown) write(`kafka floor: ${count - shown} more failures like these`);
    },
  };
}
