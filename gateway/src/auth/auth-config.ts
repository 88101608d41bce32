// Station authentication settings, read once at start-up. A production configuration
// (NODE_ENV=production) refuses unregistered stations and requires at least security profile 1
// of every station unless told otherwise; elsewhere the defaults keep the quick path of trying
// the system out (any station connects on ws:// without credentials), and the gateway warns.
import { asInt, asOneOf, asString, asSecretsKey, inRange, type EnvReader } from '@csms/infra';
import type { SecurityProfile, UnknownStationPolicy } from './auth-decision.ts';
import type { DuplicatePolicy } from './duplicate-policy.ts';

interface StationAuthConfig {
  readonly production: boolean;
  readonly unknownStations: UnknownStationPolicy;
  readonly minimumProfile: SecurityProfile;
  readonly duplicatePolicy: DuplicatePolicy;
  /** Failed authentications of one identity from one address within a minute before they are locked out. */
  readonly failuresPerMinute: number;
  /** Failed authentications from one address, whatever the identities, within a minute before it is locked out. */
  readonly addressFailuresPerMinute: number;
  readonly lockoutSeconds: number;
  /** Password hashes (scrypt) computed at once, and how many more may wait for one, before 503. */
  readonly hashSlots: { readonly concurrency: number; readonly maxQueued: number };
}

/** The wss:// listener (security profiles 2 and 3); absent without a certificate and key. */
export interface TlsListenerConfig {
  readonly port: number;
  readonly certPath: string;
  readonly keyPath: string;
  /** The CA station client certificates must chain to; without it no client certificate is asked for (no profile 3). */
  readonly caPath: string | null;
}

export interface SecurityConfig {
  readonly auth: StationAuthConfig;
  readonly tls: TlsListenerConfig | null;
  /** CSMS_SECRETS_KEY: opens the sealed values of ChangeConfiguration calls (AuthorizationKey rotation). */
  readonly secretsKey: Buffer | null;
}

const asProfile = (raw: string): SecurityProfile => {
  const value = asInt(raw);
  if (value !== 0 && value !== 1 && value !== 2 && value !== 3) throw new Error(`expected 0..3, got ${raw}`);
  return value;
};

function readTls(env: EnvReader, problems: string[]): TlsListenerConfig | null {
  const port = env.read('CSMS_GATEWAY_TLS_PORT', asInt, 4443);
  const certPath = env.read<string | null>('CSMS_TLS_CERT', asString, null);
  const keyPath = env.read<string | null>('CSMS_TLS_KEY', asString, null);
  const caPath = env.read<string | null>('CSMS_TLS_CA', asString, null);
  const portProblem = inRange('CSMS_GATEWAY_TLS_PORT', port, 0, 65535);
  if (portProblem !== null) problems.push(portProblem);
  if ((certPath === null) !== (keyPath === null)) problems.push('CSMS_TLS_CERT and CSMS_TLS_KEY: set both or neither');
  if (certPath === null || keyPath === null) {
    if (caPath !== null) problems.push('CSMS_TLS_CA: needs CSMS_TLS_CERT and CSMS_TLS_KEY (a wss:// listener)');
    return null;
  }
  return { port, certPath, keyPath, caPath };
}

function readAuth(env: EnvReader, problems: string[]): StationAuthConfig {
  const production = env.read('NODE_ENV', asString, '') === 'production';
  const failuresPerMinute = env.read('CSMS_AUTH_FAILURES_PER_MINUTE', asInt, 5);
  const auth: StationAuthConfig = {
    production,
    unknownStations: env.read('CSMS_UNKNOWN_STATION_POLICY', asOneOf('accept', 'pending', 'reject'), production ? 'reject' : 'accept'),
    minimumProfile: env.read('CSMS_MIN_SECURITY_PROFILE', asProfile, production ? 1 : 0),
    duplicatePolicy: env.read('CSMS_DUPLICATE_CONNECTION_POLICY', asOneOf('replace', 'refuse'), 'replace'),
    failuresPerMinute,
    // Well above one identity's: many stations behind one NAT may each mistype a few times.
    addressFailuresPerMinute: env.read('CSMS_AUTH_ADDRESS_FAILURES_PER_MINUTE', asInt, 10 * failuresPerMinute),
    lockoutSeconds: env.read('CSMS_AUTH_LOCKOUT_SECONDS', asInt, 60),
    hashSlots: {
      // Half of libuv's default pool of 4: the other threads stay free for DNS lookups and file reads.
      concurrency: env.read('CSMS_AUTH_HASH_CONCURRENCY', asInt, 2),
      maxQueued: env.read('CSMS_AUTH_HASH_QUEUE', asInt, 100),
    },
  };
  problems.push(...[
    inRange('CSMS_AUTH_FAILURES_PER_MINUTE', auth.failuresPerMinute, 1, 1000),
    inRange('CSMS_AUTH_ADDRESS_FAILURES_PER_MINUTE', auth.addressFailuresPerMinute, auth.failuresPerMinute, 100_000),
    inRange('CSMS_AUTH_LOCKOUT_SECONDS', auth.lockoutSeconds, 1, 86_400),
    inRange('CSMS_AUTH_HASH_CONCURRENCY', auth.hashSlots.concurrency, 1, 64),
    inRange('CSMS_AUTH_HASH_QUEUE', auth.hashSlots.maxQueued, 0, 100_000),
  ].filter((p): p is string => p !== null));
  return auth;
}

/** Appends range problems to `problems`; parse errors are reported by env.done(). */
export function readSecurityConfig(env: EnvReader, problems: string[]): SecurityConfig {
  return {
    auth: readAuth(env, problems),
    tls: readTls(env, problems),
    secretsKey: env.read<Buffer | null>('CSMS_SECRETS_KEY', asSecretsKey, null),
  };
}

/** What makes this configuration unfit for production, in words for the start-up warning; empty when nothing. */
export function quickPathWarnings(config: SecurityConfig): string[] {
  const { auth } = config;
  return [
    auth.unknownStations === 'reject' ? null
      : `unregistered stations are admitted without credentials (CSMS_UNKNOWN_STATION_POLICY=${auth.unknownStations})`,
    auth.minimumProfile > 0 ? null
      : 'stations registered with security profile 0 connect without credentials (CSMS_MIN_SECURITY_PROFILE=0)',
    config.tls !== null ? null : 'no wss:// listener: security profiles 2 and 3 are unavailable (CSMS_TLS_CERT, CSMS_TLS_KEY)',
  ].filter((w): w is string => w !== null);
}
