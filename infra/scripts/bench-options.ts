// `npm run bench`'s command line, validated once at start-up: a bad flag stops the run with one
// line naming it, before any station connects.
import { CHARGE_POINT_ID_RULE, isChargePointId } from '@csms/contracts';
import { mixKind, type BenchMix, type BenchProtocol } from '../src/bench/bench-plan.ts';
import { anyFloorRuns, floorPlan, type FloorRun } from '../src/bench/floor-plan.ts';
import type { KafkaClientName } from '../src/bench/kafka-floor-client.ts';
import type { MetricsUrls } from '../src/bench/pipeline-stages.ts';
import { MAX_SOURCE_ADDRESSES, defaultSourceAddresses, isLoopbackUrl } from '../src/bench/source-addresses.ts';
import { UsageError, decimal, httpUrl, integer, oneOf, parseFlags, webSocketUrl } from './cli-flags.ts';

export interface BenchOptions {
  /** Bounded here only against typos: the real ceiling is the open-file limit (open-files.ts), checked at start-up. */
  readonly stations: number;
  /** Loopback addresses the stations are dealt over; null when the target is not on loopback. */
  readonly sourceAddresses: number | null;
  /** Calls each station offers per second, whatever the replies do. */
  readonly rate: number;
  readonly mix: BenchMix;
  readonly protocol: BenchProtocol;
  readonly seconds: number;
  /** The idle mix's pace: stations that start connecting per second. */
  readonly connectRate: number;
  readonly url: string;
  readonly prefix: string;
  readonly password?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly ca?: string;
  /** Where the JSON report goes, relative to the repository unless absolute. */
  readonly json: string;
  readonly floor: boolean;
  /** Only the floors, for the whole --seconds, with no CSMS: to compare Kafka clients, or a machine. */
  readonly floorOnly: boolean;
  /** The client the Kafka floor's round trip goes through. */
  readonly kafkaClient: KafkaClientName;
  /** The CSMS_CPU_PROF_DIR the services run with: their CPU profiles are read from it after the load. */
  readonly profile?: string;
  /** Each service's /metrics, scraped around the load window for the stage table. */
  readonly metrics: MetricsUrls;
}

export interface BenchEnv {
  readonly CSMS_OCPP_URL?: string;
  // The ports npm start gives the services (README: Configuration), so the defaults find them.
  readonly CSMS_GATEWAY_OPS_PORT?: string;
  readonly CSMS_PROCESSOR_METRICS_PORT?: string;
  readonly CSMS_PROJECTIONS_METRICS_PORT?: string;
}

const flags = {
  stations: { type: 'string', default: '200' },
  'source-addresses': { type: 'string' },
  // --rate, --kafka-client and --floor have no parseArgs default, so that a flag given where it
  // would do nothing can be told from one left out (inertFlag below).
  rate: { type: 'string' },
  mix: { type: 'string', default: 'session' },
  protocol: { type: 'string', default: '1.6' },
  seconds: { type: 'string', default: '30' },
  'connect-rate': { type: 'string' },
  url: { type: 'string' },
  prefix: { type: 'string', default: 'BENCH' },
  // Every station uses the same password (register BENCH-0..N-1 with it), and for wss:// the same PEM files.
  password: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  ca: { type: 'string' },
  json: { type: 'string' },
  floor: { type: 'boolean' },
  'floor-only': { type: 'boolean', default: false },
  'kafka-client': { type: 'string' },
  profile: { type: 'string' },
  'gateway-metrics': { type: 'string' },
  'processors-metrics': { type: 'string' },
  'projections-metrics': { type: 'string' },
} as const;

const MIXES = ['session', 'heartbeat', 'boot-storm', 'idle'] as const satisfies readonly BenchMix[];
const DEFAULT_RATE = '1';
const MAX_STATIONS = 1_000_000;
/** Stations the idle mix starts connecting per second unless told: a fleet coming online, not a storm. */
const DEFAULT_CONNECT_RATE = 2000;
const PROTOCOLS = ['1.6', '2.0.1'] as const satisfies readonly BenchProtocol[];
const KAFKA_CLIENTS = ['kafkajs', 'platformatic', 'confluent'] as const satisfies readonly KafkaClientName[];
/** The flags of a run against the CSMS: --floor-only connects to none, so they would do nothing. */
const CSMS_FLAGS = ['url', 'password', 'cert', 'key', 'ca', 'profile', 'gateway-metrics', 'processors-metrics', 'projections-metrics'] as const;

type Values = ReturnType<typeof parseFlags<typeof flags>>;

interface Run extends FloorRun {
  readonly floorOnly: boolean;
}

/**
 * The refusal of the first flag given that would do nothing in this run, or null. One rule for
 * every such flag: refused in one line naming it, as a wrong value is, rather than taken and
 * ignored, so that a run never looks as if a flag had counted.
 */
function inertFlag(values: Values, run: Run): string | null {
  const { kafka } = floorPlan(run);
  const checks: readonly (readonly [given: boolean, refusal: string | null])[] = [
    [values['connect-rate'] !== undefined, run.mix === 'idle' ? null : '--connect-rate paces the idle mix only; the others connect as they always have'],
    [values.rate !== undefined, mixKind(run.mix) === 'load' ? null : `--rate sets what the session and heartbeat mixes offer; the ${run.mix} mix offers no calls at a rate`],
    [values['kafka-client'] !== undefined, kafka.runs ? null : `--kafka-client picks the Kafka floor's client, and this run has no Kafka floor: ${kafka.reason}`],
    [values.floor === false, anyFloorRuns(floorPlan({ ...run, floor: true })) ? null : `--no-floor skips the floors, and the ${run.mix} mix has none`],
    ...CSMS_FLAGS.map((flag) => [values[flag] !== undefined, run.floorOnly ? `--${flag} is for a run against the CSMS, and --floor-only runs the floors alone` : null] as const),
  ];
  return checks.find(([given, refusal]) => given && refusal !== null)?.[1] ?? null;
}

/** bench-results/<kind>2025-03-01T12-00-00-000Z.json: sortable, and free of characters file systems refuse. */
export function defaultJsonPath(now: Date, kind = ''): string {
  return `bench-results/${kind}${now.toISOString().replace(/[:.]/g, '-')}.json`;
}

/** As many as keep each address within the gateway's default per-address limit, unless told; none off loopback. */
function sourceAddresses(flag: string | undefined, stations: number, onLoopback: boolean, url: string): number | null {
  if (!onLoopback) {
    if (flag !== undefined) throw new UsageError(`--source-addresses binds 127.x addresses, which reach only a loopback --url, not ${url}`);
    return null;
  }
  return flag === undefined ? defaultSourceAddresses(stations) : integer('source-addresses', flag, 1, MAX_SOURCE_ADDRESSES);
}

const local = (port: string | undefined, fallback: number): string => `http://127.0.0.1:${port ?? fallback}/metrics`;

/** Throws a UsageError naming the first flag that is unknown or wrong. */
export function benchOptions(args: readonly string[], env: BenchEnv = {}, now = new Date()): BenchOptions {
  const values = parseFlags(args, flags);
  const stations = integer('stations', values.stations, 1, MAX_STATIONS);
  if (!isChargePointId(`${values.prefix}-${stations - 1}`)) {
    throw new UsageError(`--prefix must give ids (prefix-0, prefix-1…) of ${CHARGE_POINT_ID_RULE}, not ${JSON.stringify(values.prefix)}`);
  }
  if (values.json === '') throw new UsageError('--json must name a file');
  if (values['floor-only'] && values.floor === false) throw new UsageError('--floor-only runs nothing but the floors: it cannot go with --no-floor');
  if (values.profile === '') throw new UsageError('--profile must name the folder the services write their profiles to (CSMS_CPU_PROF_DIR)');
  const mix = oneOf('mix', values.mix, MIXES);
  const run: Run = { mix, floor: values.floor ?? true, floorOnly: values['floor-only'] };
  if (run.floorOnly && !anyFloorRuns(floorPlan(run))) throw new UsageError(`--floor-only runs nothing but the floors, and the ${mix} mix has none`);
  const inert = inertFlag(values, run);
  if (inert !== null) throw new UsageError(inert);
  const url = webSocketUrl('url', values.url ?? env.CSMS_OCPP_URL ?? 'ws://127.0.0.1:4000/ocpp');
  const optional = Object.fromEntries((['password', 'cert', 'key', 'ca', 'profile'] as const).flatMap((k) => (values[k] === undefined ? [] : [[k, values[k]]])));
  return {
    stations,
    // The floors alone connect to the echo floor, always on loopback, whatever the CSMS's URL.
    sourceAddresses: sourceAddresses(values['source-addresses'], stations, run.floorOnly || isLoopbackUrl(url), url),
    rate: decimal('rate', values.rate ?? DEFAULT_RATE, 0.001, 1000),
    mix,
    protocol: oneOf('protocol', values.protocol, PROTOCOLS),
    seconds: integer('seconds', values.seconds, 1, 3600),
    connectRate: values['connect-rate'] === undefined ? DEFAULT_CONNECT_RATE : integer('connect-rate', values['connect-rate'], 1, 100_000),
    url,
    prefix: values.prefix,
    ...optional,
    json: values.json ?? defaultJsonPath(now),
    floor: run.floor,
    floorOnly: run.floorOnly,
    kafkaClient: oneOf('kafka-client', values['kafka-client'] ?? 'kafkajs', KAFKA_CLIENTS),
    metrics: {
      gateway: httpUrl('gateway-metrics', values['gateway-metrics'] ?? local(env.CSMS_GATEWAY_OPS_PORT, 4005)),
      processors: httpUrl('processors-metrics', values['processors-metrics'] ?? local(env.CSMS_PROCESSOR_METRICS_PORT, 4002)),
      projections: httpUrl('projections-metrics', values['projections-metrics'] ?? local(env.CSMS_PROJECTIONS_METRICS_PORT, 4003)),
    },
  };
}
