// `npm run fuzz -- --frames 100000 --sockets 100`: hostile stations against a running CSMS
// (`npm start` in another terminal), on loopback only. S hostile sockets send N seeded frames
// across every family (random bytes, broken framing, hostile payloads of every charge point
// action, deep nesting, oversize frames, orphan answers), reconnecting whenever closed, while
// one healthy station keeps calling. It prints what came back and exits non-zero when a
// service restarted, a /health is not ok at the end, or the healthy station had a call fail.
import { parseArgs } from 'node:util';
import { ocppSchemas, ocppTables } from '@csms/contracts';
import { formatReport, fuzzProblems, runFuzz, type ServiceEndpoint } from '../src/fuzz/index.ts';

const { values } = parseArgs({
  options: {
    frames: { type: 'string', default: '10000' },
    sockets: { type: 'string', default: '50' },
    seed: { type: 'string' },
    seconds: { type: 'string', default: '120' },
    rate: { type: 'string', default: '1000' },
    url: { type: 'string', default: process.env.CSMS_OCPP_URL ?? 'ws://127.0.0.1:4000/ocpp' },
    metrics: { type: 'string', default: 'gateway=http://127.0.0.1:4005,api=http://127.0.0.1:4001,processors=http://127.0.0.1:4002,projections=http://127.0.0.1:4003' },
    'healthy-from': { type: 'string' },
    'hostile-from': { type: 'string', default: '' },
    'max-frame-bytes': { type: 'string', default: process.env.CSMS_MAX_FRAME_BYTES ?? '65536' },
    'storm-every': { type: 'string', default: '20000' },
    burst: { type: 'string', default: '30' },
  },
});

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`--${name}: expected an integer in ${min}..${max}, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

/** `name=url` or a bare url, named by its host and port. */
function services(list: string): ServiceEndpoint[] {
  return list.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const [name, url] = entry.includes('=') ? entry.split('=', 2) as [string, string] : [new URL(entry).host, entry];
    return { name, baseUrl: url.replace(/\/+$/, '') };
  });
}

/**
 * On Linux all of 127.0.0.0/8 is loopback: the healthy station connects from 127.0.0.2, so
 * per-IP limits that the hostile sockets (from 127.0.0.1) run into are not its business.
 */
function defaultHealthyAddress(url: string): string | undefined {
  return process.platform === 'linux' && /^127\.\d+\.\d+\.\d+$/.test(new URL(url).hostname) ? '127.0.0.2' : undefined;
}

const frames = integer('frames', values.frames, 1, 10_000_000);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : integer('seed', values.seed, 0, 2 ** 31 - 1);
const stormEvery = integer('storm-every', values['storm-every'], 0, 10_000_000);
const healthyFrom = values['healthy-from'] ?? defaultHealthyAddress(values.url);
const options = {
  url: values.url, frames, seed,
  sockets: integer('sockets', values.sockets, 1, 5000),
  seconds: integer('seconds', values.seconds, 1, 3600),
  ratePerSecond: integer('rate', values.rate, 0, 1_000_000),
  storms: stormEvery === 0 ? null : { everyFrames: stormEvery, burstFrames: integer('burst', values.burst, 0, 10_000) },
  identityPrefix: 'FUZZ',
  hostileAddresses: values['hostile-from'].split(',').map((a) => a.trim()).filter(Boolean),
  healthy: { id: 'HEALTHY-CP', idTag: 'HEALTHY-TAG', intervalMs: 250, callTimeoutMs: 10_000, localAddress: healthyFrom || undefined },
  services: services(values.metrics),
  probeIntervalMs: 1000,
  schemas: ocppSchemas('ocpp1.6'),
  actions: new Set(Object.keys(ocppTables['ocpp1.6'].stationCalls)),
  maxFrameBytes: integer('max-frame-bytes', values['max-frame-bytes'], 1024, 16 * 1024 * 1024),
};

console.log(`fuzz: ${frames} frames over ${options.sockets} sockets at ${options.ratePerSecond || 'unpaced'} frames/s against ${options.url}`
  + ` (seed ${seed}, at most ${options.seconds} s); healthy station ${options.healthy.id} from ${options.healthy.localAddress ?? 'the default address'}`);
try {
  const report = await runFuzz(options);
  console.log(formatReport(report));
  process.exitCode = fuzzProblems(report).length === 0 ? 0 : 1;
} catch (error) {
  console.error(`fuzz: ${(error as Error).message}`);
  process.exitCode = 2;
}
