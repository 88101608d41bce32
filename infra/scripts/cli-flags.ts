// The checks the scripts' command lines share: each flag is validated once at start-up, and a bad
// one stops the run with one message naming it, rather than as NaN or a schema error later.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  readonly code = 'USAGE';
  readonly retriable = false;
}

/** node's parseArgs, an unknown flag or a missing value refused as a UsageError; `--no-x` turns a boolean x off. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false, allowNegative: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A script's options read at start-up; a UsageError (or any failure reading them) ends the run with its one message and exit status 2. */
export function optionsOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
  return value as T;
}

export function integer(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `in ${min}..${max}`;
    throw new UsageError(`--${flag} must be an integer ${range}, not ${JSON.stringify(value)}`);
  }
  return n;
}

/** A decimal number such as 0.5 or 20 (no exponent, no sign), within min..max. */
export function decimal(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n < min || n > max) {
    throw new UsageError(`--${flag} must be a number in ${min}..${max}, not ${JSON.stringify(value)}`);
  }
  return n;
}

export function webSocketUrl(flag: string, value: string): string {
  const protocol = URL.canParse(value) ? new URL(value).protocol : undefined;
  if (protocol !== 'ws:' && protocol !== 'wss:') throw new UsageError(`--${flag} must be a ws:// or wss:// URL, not ${JSON.stringify(value)}`);
  return value;
}

export function httpUrl(flag: string, value: string): string {
  const protocol = URL.canParse(value) ? new URL(value).protocol : undefined;
  if (protocol !== 'http:' && protocol !== 'https:') throw new UsageError(`--${flag} must be an http:// or https:// URL, not ${JSON.stringify(value)}`);
  return value;
}
