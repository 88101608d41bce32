// What the api needs from the outside world, passed to buildApp by main.ts (or a test).
import type { Serde, StationCredential } from '@csms/contracts';
import type { DependencyHealth, SecretSealer } from '@csms/infra';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '@csms/projections';
import type { ApiKeyDirectory } from './auth/api-keys.ts';
import type { BillingReads } from './billing-reads.ts';
import type { OcpiParty } from './cdr-ocpi.ts';
import type { JwtVerifier } from './auth/jwt-verifier.ts';
import type { LiveHub } from './live/live-hub.ts';
import type { ApiMetrics } from './metrics.ts';
import type { RateLimitConfig } from './config.ts';
import type { ReadYourWritesOptions } from './read-your-writes.ts';

export type ConfigTopic = 'idTags' | 'chargePoints' | 'stationCredentials' | 'apiKeys' | 'tariffs' | 'tariffAssignments';
/** Every topic the api writes: the compacted config topics, operators' command, re-rating and re-drive requests. */
type WrittenTopic = ConfigTopic | 'commandRequests' | 'rerates' | 'deadLetterRedrives';

/** Writes one record to a topic the api owns; value null is a tombstone (config topics only). */
export interface ConfigWriter {
  write(record: { readonly topic: WrittenTopic; readonly key: string; readonly value: Buffer | null }): Promise<void>;
}

export interface AuthOptions {
  /** The api-keys topic as the api follows it. */
  readonly apiKeys: ApiKeyDirectory;
  /** Null: no identity provider configured. */
  readonly jwt: JwtVerifier | null;
}

export interface StationSecurityOptions {
  /** The station-credentials topic as the api follows it, by chargePointId. */
  readonly credentials: ReadonlyMap<string, StationCredential>;
  /** hashStationPassword from @csms/infra (tests pass a cheaper cost). */
  readonly hashPassword: (password: string) => Promise<string>;
  /** Null without CSMS_SECRETS_KEY: passwords cannot be sent to stations. */
  readonly sealer: SecretSealer | null;
  /** How long a password rotated away with setOnStation keeps working. */
  readonly passwordGraceMs: number;
}

export interface BillingOptions {
  /** The tariff and billing read models' queries (billing-reads.ts); tests pass fakes. */
  readonly reads: BillingReads;
  /** Who this CSMS is in OCPI (the CPO): country_code and party_id of exported tariffs and CDRs. */
  readonly ocpi: OcpiParty;
}

export interface LiveOptions {
  /** Fed by the live feed's Kafka consumer (main.ts); tests publish to it themselves. */
  readonly hub: LiveHub;
  /** Open /live streams one api instance serves at most. */
  readonly maxStreams: number;
  readonly keepAliveMs: number;
}

export interface ConsoleOptions {
  /** The built console (console/dist); null when it was not built: /console then says how to build it. */
  readonly root: string | null;
}

interface HttpOptions {
  readonly bodyLimitBytes: number;
  readonly rateLimit: RateLimitConfig;
  /** Empty: CORS off. */
  readonly corsOrigins: readonly string[];
}

export interface AppOptions {
  readonly pool: Db;
  /**
   * The OCPP subprotocol of a station's latest connection (ocpp1.6, ocpp2.0.1), from the
   * connections read model (findStationProtocol); null for a station never seen. Commands are
   * validated against the version it speaks.
   */
  readonly stationProtocol: (chargePointId: string) => Promise<string | null>;
  readonly writer: ConfigWriter;
  readonly serde: Pick<Serde, 'encode'>;
  /** A pino logger (e.g. createLogger from @csms/infra). */
  readonly logger: FastifyBaseLogger;
  /** Epoch milliseconds; stamps updatedAt and a command's `at` of what the api writes, and times ?wait=. */
  readonly clock: () => number;
  /** What the api last found of PostgreSQL, Kafka and the schema registry (probed in the background). */
  readonly dependencies: Pick<DependencyHealth, 'states'>;
  readonly readYourWrites: ReadYourWritesOptions;
  readonly auth: AuthOptions;
  readonly stationSecurity: StationSecurityOptions;
  readonly billing: BillingOptions;
  readonly http: HttpOptions;
  readonly live: LiveOptions;
  readonly console: ConsoleOptions;
  /** Requests and refusals are counted here (main.ts serves them on the metrics port). */
  readonly metrics: ApiMetrics;
}
