// The fuzz run, for `npm run fuzz` and the end-to-end test alike: hostile sockets send N
// seeded frames across the families while one healthy station keeps calling, and the
// services' start times and health are read before, during and after.
import type { OcppJsonSchema } from '@csms/contracts';
import type { Counts } from './counts.ts';
import { createFrameGenerator, type FamilyWeights } from './frame-generator.ts';
import { createFrameSupply, type FrameSupply, type StormPlan } from './frame-supply.ts';
import type { FuzzReport } from './fuzz-report.ts';
import { startHealthyStation, type HealthyReport } from './healthy-station.ts';
import { newHostileTally, runHostileSocket, type HostileTally } from './hostile-socket.ts';
import { assertLoopback } from './loopback.ts';
import { serviceVerdict, snapshotService, watchHealth, type ServiceEndpoint } from './service-probe.ts';

export interface HealthyStationPlan {
  readonly id: string;
  readonly idTag: string;
  /** Between one answered call and the next. */
  readonly intervalMs: number;
  /** A call not answered by then counts as failed. */
  readonly callTimeoutMs: number;
  readonly localAddress?: string;
}

export interface FuzzRunOptions {
  /** The OCPP endpoint, e.g. ws://127.0.0.1:4000/ocpp; the identity is appended. */
  readonly url: string;
  readonly frames: number;
  readonly sockets: number;
  readonly seed: number;
  /** The run stops after this long even if not every frame was sent. */
  readonly seconds: number;
  /** Frames per second across all hostile sockets; 0 for as fast as they write. */
  readonly ratePerSecond: number;
  readonly storms: StormPlan | null;
  /** Hostile identities are `<prefix>-<n>`. */
  readonly identityPrefix: string;
  /** Local addresses the hostile sockets connect from, round robin; empty: the system's choice. */
  readonly hostileAddresses: readonly string[];
  readonly healthy: HealthyStationPlan;
  readonly services: readonly ServiceEndpoint[];
  readonly probeIntervalMs: number;
  /** The official schemas and the actions a charge point may send: what payload frames are made from. */
  readonly schemas: readonly OcppJsonSchema[];
  readonly actions: Iterable<string>;
  readonly maxFrameBytes: number;
  readonly weights?: FamilyWeights;
}

const HANDSHAKE_TIMEOUT_MS = 10_000;
const CLOSE_TIMEOUT_MS = 5_000;
const HTTP_TIMEOUT_MS = 5_000;
const clock = () => performance.now();

interface HostileRun {
  readonly stoppedBy: FuzzReport['stoppedBy'];
  readonly elapsedSeconds: number;
}

/** Every hostile socket until N frames are written or the time is up. */
async function runHostileSockets(options: FuzzRunOptions, endpoint: string, supply: FrameSupply, tally: HostileTally): Promise<HostileRun> {
  const started = clock();
  let stoppedBy: FuzzReport['stoppedBy'] = 'frames';
  const deadline = setTimeout(() => {
    stoppedBy = 'time';
    supply.stop();
  }, options.seconds * 1000);
  try {
    await Promise.all(Array.from({ length: options.sockets }, (_, n) => runHostileSocket({
      url: `${endpoint}/${options.identityPrefix}-${n}`,
      localAddress: options.hostileAddresses.length === 0 ? undefined : options.hostileAddresses[n % options.hostileAddresses.length],
      supply, tally, burstFrames: options.storms?.burstFrames ?? 0, clock,
      handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS, closeTimeoutMs: CLOSE_TIMEOUT_MS,
    })));
  } finally {
    clearTimeout(deadline);
    supply.stop();
  }
  return { stoppedBy, elapsedSeconds: (clock() - started) / 1000 };
}

export async function runFuzz(options: FuzzRunOptions): Promise<FuzzReport> {
  const extraAddresses = options.healthy.localAddress === undefined ? [] : [options.healthy.localAddress];
  assertLoopback([options.url, ...options.services.map((s) => s.baseUrl)], [...options.hostileAddresses, ...extraAddresses]);
  const generate = createFrameGenerator({
    seed: options.seed, schemas: options.schemas, actions: options.actions, maxFrameBytes: options.maxFrameBytes, weights: options.weights,
  });
  const endpoint = options.url.replace(/\/+$/, '');
  const before = await Promise.all(options.services.map((service) => snapshotService(service, HTTP_TIMEOUT_MS)));
  const watch = watchHealth(options.services, options.probeIntervalMs, HTTP_TIMEOUT_MS);
  const healthy = await startHealthyStation({ ...options.healthy, endpoint, clock });
  const supply = createFrameSupply({ frames: options.frames, ratePerSecond: options.ratePerSecond, storms: options.storms, generate, clock });
  const tally = newHostileTally();
  let hostile: HostileRun;
  let healthyReport: HealthyReport;
  let probes: ReadonlyMap<string, Counts>;
  try {
    hostile = await runHostileSockets(options, endpoint, supply, tally);
  } finally {
    // Whatever befell the hostile sockets, the healthy station makes its last round and leaves.
    healthyReport = await healthy.stop();
    probes = await watch.stop();
  }
  const after = await Promise.all(options.services.map((service) => snapshotService(service, HTTP_TIMEOUT_MS)));
  return {
    seed: options.seed, requestedFrames: options.frames, ...hostile,
    framesWritten: supply.written, framesUnwritten: supply.unwritten(), storms: supply.storms(),
    hostile: tally, healthy: healthyReport,
    services: options.services.map((service, i) => serviceVerdict(service.name, before[i]!, after[i]!, probes.get(service.name)!)),
  };
}
