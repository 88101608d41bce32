// Wall-clock time in a tariff's zone, through Intl (Node 20 ships full ICU). Restrictions are
// read in local time, and a band edge is an instant only once the zone's offset at that date
// is known: on a DST night "22:00–06:00" lasts 7 or 9 hours, not 8.
import { DAYS_OF_WEEK, type DayOfWeek } from './tariff.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface LocalTime {
  /** "YYYY-MM-DD" */
  readonly date: string;
  readonly msOfDay: number;
  readonly dayOfWeek: DayOfWeek;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'long',
    });
    formats.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall-clock reading of an instant, as epoch ms of the same reading in UTC. */
function wallClockMs(timeZone: string, instant: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal' && part.type !== 'weekday') fields[part.type] = Number(part.value);
  }
  const seconds = Date.UTC(fields.year ?? 0, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0);
  return seconds + (((instant % 1000) + 1000) % 1000);
}

function offsetMs(timeZone: string, instant: number): number {
  return wallClockMs(timeZone, instant) - instant;
}

export function localTime(timeZone: string, instant: number): LocalTime {
  const wall = wallClockMs(timeZone, instant);
  const msOfDay = ((wall % DAY_MS) + DAY_MS) % DAY_MS;
  const midnight = wall - msOfDay;
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday first, as OCPI lists days
  return {
    date: new Date(midnight).toISOString().slice(0, 10),
    msOfDay,
    dayOfWeek: DAYS_OF_WEEK[weekday] as DayOfWeek, // weekday is 0..6
  };
}

/** Instants in (from, to) at which the zone's offset changes, to the millisecond. */
function offsetChanges(timeZone: string, from: number, to: number): number[] {
  const changes: number[] = [];
  for (let lo = from; lo < to; lo += HOUR_MS) {
    let hi = Math.min(lo + HOUR_MS, to);
    const before = offsetMs(timeZone, lo);
    if (offsetMs(timeZone, hi) === before) continue;
    let low = lo;
    while (hi - low > 1) {
      const middle = Math.floor((low + hi) / 2);
      if (offsetMs(timeZone, middle) === before) low = middle;
      else hi = middle;
    }
    changes.push(hi);
  }
  return changes;
}

/**
 * Every instant in (from, to) at which the local clock shows one of the given "HH:MM" times,
 * plus every offset change (where the local clock jumps over or back across such times).
 * A time skipped by a spring-forward gap is crossed at the change itself; a time repeated in
 * an autumn overlap yields both instants.
 */
export function localTimeEdges(timeZone: string, from: number, to: number, times: readonly string[]): number[] {
  const changes = offsetChanges(timeZone, from, to);
  const offsets = new Set([offsetMs(timeZone, from), ...changes.map((at) => offsetMs(timeZone, at))]);
  const edges = new Set(changes);
  const firstDay = Date.parse(localTime(timeZone, from).date) - DAY_MS;
  const lastDay = Date.parse(localTime(timeZone, to).date) + DAY_MS;
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    for (const time of times) {
      const wall = day + minutesOf(time) * 60_000;
      for (const offset of offsets) {
        const instant = wall - offset;
        if (instant > from && instant < to && wallClockMs(timeZone, instant) === wall) edges.add(instant);
      }
    }
  }
  return [...edges].sort((a, b) => a - b);
}

export function minutesOf(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}
