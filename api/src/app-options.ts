// What the api needs from the outside world, passed to buildApp by main.ts (or a test).
import type { Serde } from '@csms/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '@csms/projections';
import type { ReadYourWritesOptions } from './read-your-writes.ts';

export type ConfigTopic = 'idTags' | 'chargePoints';

/** Writes one record to a compacted config topic; value null is a tombstone. */
export interface ConfigWriter {
  write(record: { readonly topic: ConfigTopic; readonly key: string; readonly value: Buffer | null }): Promise<void>;
}

export interface AppOptions {
  readonly pool: Db;
  readonly writer: ConfigWriter;
  readonly serde: Pick<Serde, 'encode'>;
  /** A pino logger (e.g. createLogger from @csms/infra). */
  readonly logger: FastifyBaseLogger;
  /** Epoch milliseconds; stamps updatedAt of what the api writes. */
  readonly clock: () => number;
  readonly checkKafka: () => Promise<boolean>;
  readonly readYourWrites: ReadYourWritesOptions;
}
