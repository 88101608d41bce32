// Whether a failure may go away by itself (the broker, the schema registry or the database
// being away or busy) rather than being a property of the record at hand. Transient failures
// are retried without limit; anything else is the record's (or a bug's) and is dead-lettered
// after a bounded number of tries, so no record can stop its stream (DESIGN: the trust boundary).
// Judged by codes and flags the libraries set, never by message text.

/** Node and axios network failures. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH',
  'ENETUNREACH', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** HTTP statuses that say "try again" or "this service is misconfigured", not "this record is wrong". */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([401, 403, 407, 408, 429]);

/**
 * The database lacks a table, column or function our SQL names (a migration not yet applied, a
 * table a projection did not list as its own in a rebuild): the service's fault, not the row's.
 */
const MISSING_OBJECT_SQL_STATES: ReadonlySet<string> = new Set(['42P01', '42703', '42883']);

/** PostgreSQL SQLSTATE classes and codes that say "try again", not "this row is wrong". */
function isTransientSqlState(code: string): boolean {
  if (code.length !== 5) return false;
  const cls = code.slice(0, 2);
  // 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown,
  // cancel), 58 system error, 40001 serialization failure, 40P01 deadlock.
  return cls === '08' || cls === '53' || cls === '57' || cls === '58' || code === '40001' || code === '40P01'
    || MISSING_OBJECT_SQL_STATES.has(code);
}

function fields(error: unknown): Record<string, unknown> | null {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : null;
}

function isTransientHere(error: Record<string, unknown>): boolean {
  // kafkajs marks its errors retriable or not.
  if (error.retriable === true) return true;
  const { code, status } = error;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || isTransientSqlState(code))) return true;
  // The schema registry's RestError and axios responses carry the HTTP status. 401, 403 and
  // 407 (RFC 9110 §15.5.2, §15.5.4, §15.5.8) are the service's credentials or permissions, not
  // the record: blaming the record would dead-letter every valid one until someone fixes them.
  if (typeof status === 'number' && (status >= 500 || TRANSIENT_STATUSES.has(status))) return true;
  // axios: a request that got no response at all.
  return error.isAxiosError === true && error.response === undefined;
}

export function isTransientError(error: unknown, depth = 0): boolean {
  const here = fields(error);
  if (here === null || depth > 5) return false;
  if (isTransientHere(here)) return true;
  // kafkajs wraps the error that exhausted its retries.
  return isTransientError(here.cause, depth + 1) || isTransientError(here.originalError, depth + 1);
}
