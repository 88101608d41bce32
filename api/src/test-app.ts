// buildApp with fakes at the I/O ports, for unit tests of what never reaches the database.
// Three API keys are known, one per role; `as(role)` gives the headers that authenticate as it.
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import type { ApiRole } from '@csms/contracts';
import { hashStationPassword } from '@csms/infra';
import type { Db } from '@csms/projections';
import type { AppOptions, ConfigWriter } from './app-options.ts';
import { apiKeyDirectory, sha256Hex, type FollowedApiKeys } from './auth/api-keys.ts';
import { buildApp } from './build-app.ts';

export const unreachableDb: Db = {
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

export function testApiKeys(): FollowedApiKeys {
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

export function testOptions(writer: ConfigWriter, overrides: Partial<AppOptions> = {}): AppOptions {
  return {
    pool: unreachableDb, writer, logger: pino({ level: 'silent' }), clock: () => TEST_NOW,
    serde: { encode: async (_topic, value) => Buffer.from(JSON.stringify(value)) },
    checkKafka: async () => true,
    readYourWrites: { timeoutMs: 50, intervalMs: 10 },
    auth: { apiKeys: testApiKeys(), jwt: null },
    stationSecurity: { credentials: new Map(), hashPassword: cheapHash, sealer: null, passwordGraceMs: 86_400_000 },
    http: { bodyLimitBytes: 64 * 1024, rateLimit: { max: 10_000, anonymousMax: 10_000, windowSeconds: 60 }, corsOrigins: [] },
    ...overrides,
  };
}

export async function testApp(overrides: Partial<AppOptions> = {}): Promise<{ app: FastifyInstance; written: Written[] }> {
  const written: Written[] = [];
  const writer: ConfigWriter = { write: async (record) => { written.push(record); } };
  const app = await buildApp(testOptions(writer, overrides));
  return { app, written };
}
