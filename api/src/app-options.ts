// What the api needs from the outside world, passed to buildApp by main.ts (or a test).
import type { Serde } from '@csms/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '@csms/projections';
import type { ReadYourWritesOptions } from './read-your-writes.ts';

export type ConfigTopic = 'idTags' | 'chargePoints';
/** Every topic the api writes: the compacted config topics and operators' command requests. */
export type WrittenTopic = ConfigTopic | 'commandRequests';

/** Writes one record to a topic the api owns; value null is a tombstone (config topics only). */
export interface ConfigWriter {
  write(record: { readonly topic: WrittenTopic; readonly key: string; readonly value: Buffer | null }): Promise<void>;
}

export interface AppOptions {
  readonly pool: Db;
  readonly writer: ConfigWriter;
  readonly serde: Pick<Serde, 'encode'>;
  /** A pino logger (e.g. createLogger from @csms/infra). */
  readonly logger: FastifyBaseLogger;
  /** Epoch milliseconds; stamps updatedAt and a command's `at` of what the api writes, and times ?wait=. */
  readonly clock: () => number;
  readonly checkKafka: () => Promise<boolean>;
  readonly readYourWrites: ReadYourWritesOptions;
}
