// `npm run bench:rebuild`'s command line, validated once at start-up: a bad flag stops the run
// with one line naming it, before any topic or database is made.
import { fleetPlan, minimumEvents, type FleetPlan } from '../src/rebuild-bench/fleet-plan.ts';
import { scratchDatabaseName } from '../src/rebuild-bench/scratch-database.ts';
import { defaultJsonPath } from './bench-options.ts';
import { UsageError, integer, parseFlags } from './cli-flags.ts';

export interface RebuildBenchOptions {
  /** The events to write and the stations they come from: made only here, after the numbers are checked. */
  readonly plan: FleetPlan;
  /** Every topic of the run is `${topicPrefix}${name}`; never empty, so never the live system's. */
  readonly topicPrefix: string;
  /** The run's own database on DATABASE_URL's server, named after the prefix. */
  readonly database: string;
  /** Leave the topics and the database in place after the run. */
  readonly keep: boolean;
  /** Where the JSON report goes, relative to the repository unless absolute. */
  readonly json: string;
}

const flags = {
  events: { type: 'string', default: '10000000' },
  stations: { type: 'string', default: '10000' },
  prefix: { type: 'string' },
  keep: { type: 'boolean', default: false },
  json: { type: 'string' },
} as const;

/** Kafka's topic name characters; the prefix adds at most 200 to the longest topic name (249 in all). */
const TOPIC_PREFIX = /^[A-Za-z0-9._-]{1,200}$/;

export function rebuildBenchOptions(args: readonly string[], now = new Date()): RebuildBenchOptions {
  const values = parseFlags(args, flags);
  const stations = integer('stations', values.stations, 1, 1_000_000);
  const events = integer('events', values.events, 1, 1_000_000_000);
  if (events < minimumEvents(stations)) {
    throw new UsageError(`--events must be at least ${minimumEvents(stations)} for ${stations} stations (each is registered and boots first), not ${events}`);
  }
  const topicPrefix = values.prefix ?? `rebuildbench-${now.getTime().toString(36)}.`;
  const database = scratchDatabaseName(topicPrefix);
  if (!TOPIC_PREFIX.test(topicPrefix) || !/[a-z0-9]/.test(database)) {
    throw new UsageError(`--prefix must be 1..200 characters of A-Z a-z 0-9 . _ - with a letter or digit, not ${JSON.stringify(topicPrefix)}`);
  }
  if (values.json === '') throw new UsageError('--json must name a file');
  return { plan: fleetPlan(events, stations), topicPrefix, database, keep: values.keep, json: values.json ?? defaultJsonPath(now, 'rebuild-') };
}
