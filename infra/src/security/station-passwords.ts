// Station passwords (HTTP Basic, OCPP security profiles 1 and 2), hashed with scrypt from
// node:crypto: no native dependency, and the cost parameters travel with each hash so they
// can be raised later without invalidating the stored ones. Verification is constant-time.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** OCPP 1.6 Security Whitepaper: at least 16 characters; at most 40 (the hex form of 20 bytes). */
export const STATION_PASSWORD_MIN = 16;
export const STATION_PASSWORD_MAX = 40;

/**
 * N = 2^14, r = 8, p = 1 (16 MiB; about 40 ms on a server core, 130 ms on the 2-core dev box). Station passwords are long and
 * usually machine-generated, and a gateway must survive a whole fleet reconnecting at once.
 */
export interface ScryptCost {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

const DEFAULT_COST: ScryptCost = { log2N: 14, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** log2N, r, p, maxmem: 256 * 2 ** log2N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>` */
export async function hashStationPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost.log2N, cost.r, cost.p);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** False for a wrong password and for a hash it cannot read; never throws on what a station sends. */
export async function verifyStationPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const cost = [Number(log2N), Number(r), Number(p)] as const;
  if (!cost.every((n) => Number.isInteger(n) && n > 0 && n < 64)) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), ...cost);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The whitepaper's rule for a station password, as a sentence for error messages; null when it holds. */
export function stationPasswordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < STATION_PASSWORD_MIN || length > STATION_PASSWORD_MAX) {
    return `a station password has ${STATION_PASSWORD_MIN} to ${STATION_PASSWORD_MAX} characters`;
  }
  // RFC 7617: the Basic credentials are user-id ":" password, in printable characters.
  if (!/^[\x21-\x7e]+$/.test(password)) return 'a station password holds printable ASCII characters only, without spaces';
  return null;
}
