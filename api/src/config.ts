// Api settings from the environment, validated once at start-up; defaults run on one machine.
import { isIPv4 } from 'node:net';
import { ConfigError, asInt, asList, asSecretsKey, asString, type EnvReader } from '@csms/infra';
import { isBearerToken, MIN_CONFIGURED_KEY_LENGTH } from './auth/bearer.ts';
import type { JwtConfig } from './auth/jwt-verifier.ts';
import type { OcpiParty } from './cdr-ocpi.ts';

export interface RateLimitConfig {
  /** Requests per window and credential (API key or token subject). */
  readonly max: number;
  /** Requests per window and client address, for requests without a valid credential. */
  readonly anonymousMax: number;
  readonly windowSeconds: number;
}

interface ApiConfig {
  readonly host: string;
  readonly port: number;
  /** Where /metrics (and a second /health) are served, apart from the API. */
  readonly metricsPort: number;
  readonly bodyLimitBytes: number;
  readonly rateLimit: RateLimitConfig;
  /** Origins allowed by CORS; empty: CORS off (no Access-Control-* headers at all). */
  readonly corsOrigins: readonly string[];
  /** Null: bearer tokens are API keys only. */
  readonly jwt: JwtConfig | null;
  /** This exact token is an admin key (scripts and tests rely on it). */
  readonly adminApiKey: string | null;
  /** Where a generated first admin key is written (mode 0600); null: printed once to stdout. */
  readonly adminApiKeyFile: string | null;
  /** AES-256 key sealing the passwords sent to stations; null: setOnStation is refused. */
  readonly secretsKey: Buffer | null;
  /** How long a rotated-away station password keeps working (AuthorizationKey flow). */
  readonly passwordGraceSeconds: number;
  /** This CSMS as an OCPI CPO: country_code and party_id of the tariffs and CDRs it exports. */
  readonly ocpi: OcpiParty;
  /** The built web console served at /console; null: console/dist of this checkout. */
  readonly consoleDir: string | null;
  /** Open /live streams (the console's) one instance serves at most. */
  readonly maxLiveStreams: number;
}

/** This host only: 127.0.0.0/8, ::1 and localhost, as the WHATWG URL parser writes them (it normalizes 2130706433 to 127.0.0.1). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || (isIPv4(hostname) && hostname.startsWith('127.'));
}

/**
 * The JWKS is what admin tokens are verified against: fetched in clear, anyone on the path could
 * swap in their own key and forge any role. https, or http to this host only (a sidecar, a test).
 */
const asJwksUrl = (raw: string): URL => {
  const url = new URL(raw);
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return url;
  if (url.protocol === 'http:') throw new Error(`expected https (http only to a loopback address), got "${raw}"`);
  throw new Error(`expected an https URL, got "${raw}"`);
};

/** A CORS origin is scheme://host[:port] exactly as browsers send it, or * for any. */
const asOrigins = (raw: string): string[] => asList(raw).map((origin) => {
  if (origin === '*') return origin;
  const parsed = new URL(origin);
  if (parsed.origin !== origin) throw new Error(`"${origin}" is not an origin (scheme://host[:port], no path)`);
  return origin;
});

/** OCPI 2.2.1 §16.1: country_code is ISO 3166-1 alpha-2, party_id three characters (ISO 15118 / eMI3 operator id). */
const asOcpiCountryCode = (raw: string): string => {
  if (!/^[A-Z]{2}$/.test(raw)) throw new Error(`expected an ISO 3166-1 alpha-2 code (two capitals), got "${raw}"`);
  return raw;
};
const asOcpiPartyId = (raw: string): string => {
  if (!/^[A-Z0-9]{3}$/.test(raw)) throw new Error(`expected three capitals or digits, got "${raw}"`);
  return raw;
};

const asConfiguredKey = (raw: string): string => {
  if (!isBearerToken(raw) || raw.length < MIN_CONFIGURED_KEY_LENGTH) {
    throw new Error(`expected at least ${MIN_CONFIGURED_KEY_LENGTH} characters of A-Z a-z 0-9 - . _ ~ + /`);
  }
  return raw;
};

function readJwt(env: EnvReader): JwtConfig | null {
  const jwksUrl = env.read<URL | null>('CSMS_JWT_JWKS_URL', asJwksUrl, null);
  const issuer = env.read<string | null>('CSMS_JWT_ISSUER', asString, null);
  const audience = env.read<string | null>('CSMS_JWT_AUDIENCE', asString, null);
  const roleClaim = env.read('CSMS_JWT_ROLE_CLAIM', asString, 'csms_role');
  // An identity provider signs the tokens of all its applications (and often of all its tenants)
  // with the same keys: an audience to match keeps out tokens issued for its other applications,
  // an issuer at least those of other tenants; with neither, any of them opens this api
  // (RFC 8725 §3.8, §3.9).
  if (jwksUrl !== null && issuer === null && audience === null) {
    env.reject('CSMS_JWT_AUDIENCE / CSMS_JWT_ISSUER', 'CSMS_JWT_JWKS_URL is set: set CSMS_JWT_AUDIENCE or CSMS_JWT_ISSUER (or both), so tokens the identity provider issued for other applications are refused');
  }
  return jwksUrl === null ? null : { jwksUrl, issuer, audience, roleClaim };
}

function inRange(name: string, value: number, min: number, max: number): string | null {
  return value >= min && value <= max ? null : `${name}: expected ${min}..${max}, got ${value}`;
}

/** Throws one ConfigError naming every out-of-range setting (parse errors are reported by env.done()). */
export function readApiConfig(env: EnvReader): ApiConfig {
  const config: ApiConfig = {
    host: env.read('CSMS_API_HOST', asString, '0.0.0.0'),
    port: env.read('CSMS_API_PORT', asInt, 4001),
    metricsPort: env.read('CSMS_API_METRICS_PORT', asInt, 4004),
    bodyLimitBytes: env.read('CSMS_API_BODY_LIMIT_BYTES', asInt, 256 * 1024),
    rateLimit: {
      max: env.read('CSMS_API_RATE_LIMIT', asInt, 1200),
      anonymousMax: env.read('CSMS_API_RATE_LIMIT_ANONYMOUS', asInt, 120),
      windowSeconds: env.read('CSMS_API_RATE_LIMIT_WINDOW_SECONDS', asInt, 60),
    },
    corsOrigins: env.read('CSMS_API_CORS_ORIGINS', asOrigins, []),
    jwt: readJwt(env),
    adminApiKey: env.read<string | null>('CSMS_ADMIN_API_KEY', asConfiguredKey, null),
    adminApiKeyFile: env.read<string | null>('CSMS_ADMIN_API_KEY_FILE', asString, null),
    secretsKey: env.read<Buffer | null>('CSMS_SECRETS_KEY', asSecretsKey, null),
    passwordGraceSeconds: env.read('CSMS_STATION_PASSWORD_GRACE_SECONDS', asInt, 24 * 60 * 60),
    ocpi: {
      countryCode: env.read('CSMS_OCPI_COUNTRY_CODE', asOcpiCountryCode, 'NL'),
      partyId: env.read('CSMS_OCPI_PARTY_ID', asOcpiPartyId, 'CSM'),
    },
    consoleDir: env.read<string | null>('CSMS_CONSOLE_DIR', asString, null),
    maxLiveStreams: env.read('CSMS_API_MAX_LIVE_STREAMS', asInt, 500),
  };
  const problems = [
    inRange('CSMS_API_PORT', config.port, 0, 65535),
    inRange('CSMS_API_METRICS_PORT', config.metricsPort, 0, 65535),
    inRange('CSMS_API_BODY_LIMIT_BYTES', config.bodyLimitBytes, 1024, 16 * 1024 * 1024),
    inRange('CSMS_API_RATE_LIMIT', config.rateLimit.max, 1, 1_000_000),
    inRange('CSMS_API_RATE_LIMIT_ANONYMOUS', config.rateLimit.anonymousMax, 1, 1_000_000),
    inRange('CSMS_API_RATE_LIMIT_WINDOW_SECONDS', config.rateLimit.windowSeconds, 1, 86_400),
    inRange('CSMS_STATION_PASSWORD_GRACE_SECONDS', config.passwordGraceSeconds, 0, 30 * 86_400),
    inRange('CSMS_API_MAX_LIVE_STREAMS', config.maxLiveStreams, 1, 100_000),
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) throw new ConfigError(`invalid api configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
