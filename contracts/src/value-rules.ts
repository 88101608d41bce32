// What the CSMS can carry, beyond what the OCPP schemas allow. A value valid under the
// official schema can still break what lies behind the edge: OCPP integers feed Avro `int`
// and SQL `integer`; PostgreSQL text refuses NUL; a lone surrogate has no UTF-8 encoding.
// The gateway (what stations send and answer) and the api (command bodies) apply these
// rules, through ajv keywords added to every schema (schema-value-rules.ts).

export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;

/**
 * OCPP decimals are energies (Wh), powers, currents, prices and limits: a lifetime energy
 * register of 1 GWh is 1e9. 1e15 leaves six orders of magnitude of headroom while keeping
 * every whole value exact in a double (2^53 ≈ 9.0e15) and a ×1000 unit change (Wh → mWh)
 * within an SQL bigint (9.2e18); JSON's 1e400 (Infinity) and 1e300 are refused.
 */
export const MAX_DECIMAL_MAGNITUDE = 1e15;

/**
 * Date-times as the station wrote them, from 1970 up to (not including) 2100. A station whose
 * clock was reset sends 1970 dates and its transaction messages must still be accepted (DESIGN
 * invariant 5); one at epoch 0 that writes local time west of UTC writes 1969-12-31, so that
 * day is accepted too. Year 9999 is a broken clock or an attack, and so is year 0.
 */
export const EARLIEST_DATE = '1969-12-31';
export const FIRST_YEAR_REFUSED = 2100;

/** The rules, each an ajv keyword name. */
export type ValueRule = 'int32' | 'decimal' | 'text' | 'dateTimeRange' | 'jsonValue';
export const VALUE_RULES: readonly ValueRule[] = ['int32', 'decimal', 'text', 'dateTimeRange', 'jsonValue'];

/** How each rule reads in an error description, after the field's path. */
export const VALUE_RULE_MESSAGES: Readonly<Record<Exclude<ValueRule, 'jsonValue'>, string>> = {
  int32: `must be an integer within ${INT32_MIN}..${INT32_MAX} (int32)`,
  decimal: `must be a finite number within ±${MAX_DECIMAL_MAGNITUDE.toExponential().replace('+', '')}`,
  text: 'must not contain control characters other than TAB, LF, CR, nor lone surrogates',
  dateTimeRange: `must be a date-time from 1970-01-01 up to ${FIRST_YEAR_REFUSED}-01-01`,
};

// C0 controls except TAB (09), LF (0A) and CR (0D); with the u flag \p{Cs} matches only
// surrogates that are not part of a pair.
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|\p{Cs}/u;
const UNSAFE_TEXT_GLOBAL = new RegExp(UNSAFE_TEXT.source, 'gu');
const LEADING_DATE = /^(\d{4})-\d{2}-\d{2}/;

export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

export function isSaneDecimal(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= MAX_DECIMAL_MAGNITUDE;
}

export function isSafeText(text: string): boolean {
  return !UNSAFE_TEXT.test(text);
}

/**
 * True for a date-time whose written date is within range; also true for text that is not a
 * date-time at all, which the `date-time` format (checked first) refuses as a type problem.
 */
export function isDateTimeInRange(text: string): boolean {
  const match = LEADING_DATE.exec(text);
  if (match === null) return true;
  // YYYY-MM-DD compares as text.
  return match[0] >= EARLIEST_DATE && Number(match[1]) < FIRST_YEAR_REFUSED;
}

/** Text made safe to show and store: unsafe characters become U+FFFD, cut to `maxChars` code points. */
export function toSafeText(text: string, maxChars: number): string {
  const safe = text.replace(UNSAFE_TEXT_GLOBAL, '\uFFFD');
  const codePoints = Array.from(safe);
  return codePoints.length <= maxChars ? safe : `${codePoints.slice(0, maxChars - 1).join('')}…`;
}

export interface ValueViolation {
  /** JSON pointer below the value checked, e.g. `/vendorData/0`. */
  readonly path: string;
  readonly rule: Exclude<ValueRule, 'int32' | 'dateTimeRange' | 'jsonValue'>;
}

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * The first string (value or key) or number anywhere in a JSON value that breaks the text
 * or decimal rule, for parts of a payload no schema types (free-form data, custom data).
 * Iterative, so no depth can overflow the stack.
 */
export function firstValueViolation(value: unknown): ValueViolation | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (!isSafeText(current)) return { path, rule: 'text' };
    } else if (typeof current === 'number') {
      if (!isSaneDecimal(current)) return { path, rule: 'decimal' };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1) stack.push({ value: current[i], path: pointer(path, i) });
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i]!;
        // Reported at the object: the key itself is not fit to be shown.
        if (!isSafeText(key)) return { path, rule: 'text' };
        stack.push({ value: child, path: pointer(path, key) });
      }
    }
  }
  return null;
}
