// buildApp with fakes at the I/O ports, for unit tests of what never reaches the database.
// Three API keys are known, one per role; `as(role)` gives the headers that authenticate as it.
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import type { ApiRole, StationCredential } from '@csms/contracts';
import { hashStationPassword } from '@csms/infra';
import type { Db } from '@csms/projections';
import type { AppOptions, AuthOptions, BillingOptions, ConfigWriter, StationSecurityOptions } from './app-options.ts';
import { projectionBillingReads } from './billing-reads.ts';
import { apiKeyDirectory, sha256Hex, type FollowedApiKeys } from './auth/api-keys.ts';
import { buildApp } from './build-app.ts';
import { createApiMetrics } from './metrics.ts';
import { createLiveHub, type LiveHub } from './live/live-hub.ts';

const unreachableDb: Db = {
  query: () => Promise.reject(new Error('the database must not be reached in this test')),
};

export interface Written { topic: string; key: string; value: Buffer | null }

export const TEST_NOW = Date.parse('2025-01-15T10:00:00Z');

/** The bearer token of the test key with this role (key id: `<role>-key`). */
export function tokenOf(role: ApiRole): string {
  return `test-${role}-token-0123456789abcdefghijklmnopqrstuvwxyz`;
}

export function as(role: ApiRole): { authorization: string } {
  return { authorization: `Bearer ${tokenOf(role)}` };
}

function testApiKeys(): FollowedApiKeys {
  const keys = apiKeyDirectory();
  for (const role of ['viewer', 'operator', 'admin'] as const) {
    keys.apply(`${role}-key`, {
      id: `${role}-key`, name: `${role} key`, role, secretSha256: sha256Hex(tokenOf(role)), createdAt: TEST_NOW - 1_000, createdBy: null, revokedAt: null,
    });
  }
  return keys;
}

/** The cheapest scrypt cost: the tests are about the routes, not the hash's strength. */
export const cheapHash = (password: string): Promise<string> => hashStationPassword(password, { log2N: 4, r: 1, p: 1 });

/** A clock reading `first`, then `stepMs` later at every reading, so bounded waits end. */
function tickingClock(stepMs = 10, first = TEST_NOW): () => number {
  let now = first - stepMs;
  return () => (now += stepMs);
}

/** A live hub as a feed that has joined its topics leaves it. */
export function followingHub(): LiveHub {
  const hub = createLiveHub();
  hub.setFollowing(true);
  return hub;
}

/** Probes that found everything up, for tests that pass a database of their own. */
export const allReachable: AppOptions['dependencies'] = { states: () => ({ postgres: 'up', kafka: 'up', 'schema-registry': 'up' }) };

function testOptions(writer: ConfigWriter, overrides: Partial<AppOptions> = {}): AppOptions {
  return {
    pool: unreachableDb, writer, logger: pino({ level: 'silent' }), clock: tickingClock(),
    // A station never seen, unless a test says which protocol it speaks.
    stationProtocol: async () => null,
    serde: { encode: async (_topic, value) => Buffer.from(JSON.stringify(value)) },
    // As the probes would find the unreachable database.
    dependencies: { states: () => ({ postgres: 'down', kafka: 'up', 'schema-registry': 'up' }) },
    readYourWrites: { timeoutMs: 50, intervalMs: 10 },
    metrics: createApiMetrics({ defaultMetrics: false }),
    auth: { apiKeys: testApiKeys(), jwt: null },
    stationSecurity: { credentials: new Map(), hashPassword: cheapHash, sealer: null, passwordGraceMs: 86_400_000 },
    // The real queries against the unreachable database, unless a test passes fakes.
    billing: { reads: projectionBillingReads, ocpi: { countryCode: 'NL', partyId: 'CSM' } },
    live: { hub: followingHub(), maxStreams: 3, keepAliveMs: 60_000 },
    console: { root: null },
    http: { bodyLimitBytes: 64 * 1024, rateLimit: { max: 10_000, anonymousMax: 10_000, windowSeconds: 60 }, corsOrigins: [] },
    ...overrides,
  };
}


interface TestApp {
  readonly app: FastifyInstance;
  readonly written: Written[];
  readonly apiKeys: FollowedApiKeys;
  readonly credentials: Map<string, StationCredential>;
}

/**
 * The writer records every write and, as following the compacted topics would, applies API keys
 * and station credentials to the tables the app reads (the fake serde writes JSON).
 */
export type TestOverrides = Partial<Omit<AppOptions, 'auth' | 'stationSecurity' | 'billing'>> & {
  readonly auth?: Partial<AuthOptions>;
  readonly stationSecurity?: Partial<StationSecurityOptions>;
  readonly billing?: Partial<BillingOptions>;
  /** Sees every write, as following the compacted topics would (a fake read model applies it). */
  readonly onWrite?: (record: Written) => void;
};

export async function testApp(overrides: TestOverrides = {}): Promise<TestApp> {
  const written: Written[] = [];
  const apiKeys = testApiKeys();
  const credentials = new Map<string, StationCredential>();
  const writer: ConfigWriter = {
    write: async (record) => {
      written.push(record);
      overrides.onWrite?.(record);
      const value = record.value === null ? null : JSON.parse(record.value.toString('utf8'));
      if (record.topic === 'apiKeys') apiKeys.apply(record.key, value);
      if (record.topic === 'stationCredentials' && value === null) credentials.delete(record.key);
      else if (record.topic === 'stationCredentials') credentials.set(record.key, value);
    },
  };
  const defaults = testOptions(writer);
  const app = await buildApp({
    ...defaults, ...overrides,
    auth: { ...defaults.auth, apiKeys, ...overrides.auth },
    stationSecurity: { ...defaults.stationSecurity, credentials, ...overrides.stationSecurity },
    billing: { ...defaults.billing, ...overrides.billing },
  });
  return { app, written, apiKeys, credentials };
}
