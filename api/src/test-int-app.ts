// The api as main.ts composes it, for integration tests: its compacted topics followed from
// Kafka, its first admin key written from CSMS_ADMIN_API_KEY, and inject() as that admin.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kafka } from 'kafkajs';
import { topicName, type Serde, type StationCredential } from '@csms/contracts';
import {
  connectReplaceableProducer, createSecretSealer, followCompactedTable, hashStationPassword, type CompactedTable, type Logger, type Pool,
} from '@csms/infra';
import { findStationProtocol } from '@csms/projections/connections/queries.ts';
import { apiKeyDirectory, sha256Hex, type FollowedApiKeys } from './auth/api-keys.ts';
import { bootstrapAdminKey } from './auth/admin-bootstrap.ts';
import { projectionBillingReads } from './billing-reads.ts';
import { buildApp } from './build-app.ts';
import { createApiMetrics } from './metrics.ts';
import { followingHub } from './test-app.ts';
import { kafkaWriter } from './kafka-writer.ts';

interface IntAppDeps {
  readonly kafka: Kafka;
  readonly serde: Serde;
  readonly pool: Pool;
  readonly topicPrefix: string;
  readonly logger: Logger;
}

export interface IntApp {
  readonly app: FastifyInstance;
  readonly apiKeys: FollowedApiKeys;
  readonly credentials: ReadonlyMap<string, StationCredential>;
  /** The principal id of the admin key (key:<id>). */
  readonly adminPrincipal: string;
  /** inject() as the admin, unless the request names its own Authorization. */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  stop(): Promise<void>;
}

async function followTables(deps: IntAppDeps, apiKeys: FollowedApiKeys): Promise<CompactedTable<unknown>[]> {
  const { kafka, logger, serde, topicPrefix } = deps;
  const groupIdPrefix = `${topicPrefix}api-int-tables`;
  const tables = await Promise.all([
    followCompactedTable({
      kafka, logger, groupIdPrefix, topic: topicName('apiKeys', topicPrefix),
      decode: (bytes) => serde.decode('apiKeys', bytes), onChange: (id, key) => apiKeys.apply(id, key),
    }),
    followCompactedTable({
      kafka, logger, groupIdPrefix, topic: topicName('stationCredentials', topicPrefix), decode: (bytes) => serde.decode('stationCredentials', bytes),
    }),
  ]);
  await Promise.all(tables.map((table) => table.ready));
  return tables;
}

export async function startIntApp(deps: IntAppDeps): Promise<IntApp> {
  const adminKey = `int-admin-${randomUUID()}`;
  const apiKeys = apiKeyDirectory();
  const [keyTable, credentialTable] = await followTables(deps, apiKeys);
  // Written as main.ts writes: through a replaceable producer.
  const producer = await connectReplaceableProducer(deps.kafka, deps.logger);
  const writer = kafkaWriter(producer, deps.topicPrefix);
  const { serde, logger, pool } = deps;
  await bootstrapAdminKey({ keys: apiKeys, configuredKey: adminKey, keyFile: null, clock: () => Date.now(), writer, serde, logger, print: () => undefined });
  const credentials = credentialTable!.values as ReadonlyMap<string, StationCredential>;
  const app = await buildApp({
    pool, serde, logger, writer, clock: () => Date.now(), dependencies: { states: () => ({ postgres: 'up', kafka: 'up', 'schema-registry': 'up' }) },
    stationProtocol: (id) => findStationProtocol(pool, id),
    readYourWrites: { timeoutMs: 10_000, intervalMs: 50 },
    auth: { apiKeys, jwt: null },
    stationSecurity: {
      credentials, hashPassword: (password) => hashStationPassword(password, { log2N: 10, r: 8, p: 1 }),
      sealer: createSecretSealer(randomBytes(32)), passwordGraceMs: 3_600_000,
    },
    billing: { reads: projectionBillingReads, ocpi: { countryCode: 'NL', partyId: 'CSM' } },
    live: { hub: followingHub(), maxStreams: 10, keepAliveMs: 60_000 },
    console: { root: null },
    http: { bodyLimitBytes: 256 * 1024, rateLimit: { max: 100_000, anonymousMax: 100_000, windowSeconds: 60 }, corsOrigins: [] },
    metrics: createApiMetrics({ defaultMetrics: false }),
  });
  return {
    app, apiKeys, credentials, adminPrincipal: `key:${apiKeys.bySecretSha256(sha256Hex(adminKey))!.id}`,
    inject: (options) => app.inject({ ...options, headers: { authorization: `Bearer ${adminKey}`, ...options.headers } }),
    async stop() {
      await app.close();
      await Promise.all([keyTable!.stop(), credentialTable!.stop(), producer.disconnect()]);
    },
  };
}
