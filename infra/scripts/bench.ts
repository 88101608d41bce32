// `npm run bench -- --stations 500 --seconds 30`: a benchmark, not a test. N simulated
// stations on loopback each send one CALL at a time (as OCPP-J allows) for a bounded time
// against a running CSMS, and it prints throughput and reply latency percentiles, split by
// who answers: the gateway (after the Kafka ack) or a processor (through Kafka both ways).
// `--protocol 2.0.1` benchmarks OCPP 2.0.1 stations (see bench-plan.ts for what each sends).
import { setTimeout as sleep } from 'node:timers/promises';
import type WebSocket from 'ws';
import { CHARGE_POINT_ID_RULE, isChargePointId } from '@csms/contracts';
import { basicAuthorization, connectWithRetry, openOcppSocket, stationTlsFromFiles } from '../src/simulator/index.ts';
import { benchPlan, type BenchPath } from './bench-plan.ts';
import { UsageError, integer, oneOf, parseFlags, webSocketUrl } from './cli-flags.ts';

const flags = {
  stations: { type: 'string', default: '200' },
  seconds: { type: 'string', default: '30' },
  url: { type: 'string', default: process.env.CSMS_OCPP_URL ?? 'ws://127.0.0.1:4000/ocpp' },
  prefix: { type: 'string', default: 'BENCH' },
  protocol: { type: 'string', default: '1.6' },
  // Every station uses the same password (register BENCH-0..N-1 with it), and for wss:// the same PEM files.
  password: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  ca: { type: 'string' },
} as const;

/** The flags, each checked once, or one line saying which is wrong. */
function startUp() {
  try {
    const values = parseFlags(process.argv.slice(2), flags);
    const stations = integer('stations', values.stations, 1, 20_000);
    if (!isChargePointId(`${values.prefix}-${stations - 1}`)) {
      throw new UsageError(`--prefix must give ids (prefix-0, prefix-1…) of ${CHARGE_POINT_ID_RULE}, not ${JSON.stringify(values.prefix)}`);
    }
    return {
      values, stations, seconds: integer('seconds', values.seconds, 1, 600), url: webSocketUrl('url', values.url),
      protocol: oneOf('protocol', values.protocol, ['1.6', '2.0.1'] as const),
      tls: stationTlsFromFiles({ cert: values.cert, key: values.key, ca: values.ca }),
    };
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

const { values, stations, seconds, url, protocol, tls } = startUp();
const plan = benchPlan(protocol, Date.now().toString(36));

const latencies: Record<BenchPath, number[]> = { gateway: [], processor: [] };
let errors = 0;

/** The gateway limits new connections per address (429): retried with backoff, as chargers do. */
function openStation(id: string): Promise<WebSocket> {
  const headers: Record<string, string> = values.password === undefined ? {} : { authorization: basicAuthorization(id, values.password) };
  return connectWithRetry(() => openOcppSocket(`${url}/${id}`, [plan.subprotocol], { headers, ...tls }));
}

const CALL_TIMEOUT_MS = 10_000;

function call(ws: WebSocket, id: string, action: string, payload: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // Bounded: a reply that never comes counts as an error, it does not stall the run.
    const timer = setTimeout(() => { ws.off('message', onMessage); reject(new Error(`${action} timed out`)); }, CALL_TIMEOUT_MS);
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as [number, string, unknown];
      if (frame[1] !== id) return;
      ws.off('message', onMessage);
      clearTimeout(timer);
      if (frame[0] === 3) resolve(frame[2]); else reject(new Error(JSON.stringify(frame)));
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify([2, id, action, payload]));
  });
}

async function runStation(index: number, deadline: number): Promise<void> {
  const id = `${values.prefix}-${index}`;
  const ws = await openStation(id);
  let n = 0;
  try {
    await call(ws, `${index}-boot`, 'BootNotification', plan.boot);
  } catch {
    errors += 1;
  }
  while (Date.now() < deadline) {
    const step = plan.step(id, n, new Date());
    const started = performance.now();
    try {
      await call(ws, `${index}-${n}`, step.action, step.payload);
      latencies[step.path].push(performance.now() - started);
    } catch {
      errors += 1;
    }
    n += 1;
  }
  ws.close(1000);
}

function percentile(sorted: number[], p: number): string {
  if (sorted.length === 0) return '-';
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
}

console.log(`bench: ${stations} ${plan.subprotocol} stations for ${seconds}s against ${url}`);
const deadline = Date.now() + seconds * 1000;
const started = performance.now();
// Stations connect in waves, as a fleet does after a restart, not all in one instant.
const runs: Promise<void>[] = [];
for (let i = 0; i < stations; i += 1) {
  runs.push(runStation(i, deadline).catch(() => { errors += 1; }));
  if (i % 100 === 99) await sleep(50);
}
await Promise.all(runs);
const elapsed = (performance.now() - started) / 1000;
const all = [...latencies.gateway, ...latencies.processor].sort((a, b) => a - b);
console.log(`replies: ${all.length} in ${elapsed.toFixed(1)}s = ${(all.length / elapsed).toFixed(0)} msg/s, errors ${errors}`);
for (const [name, list] of [['all', all], ['gateway-answered', latencies.gateway.sort((a, b) => a - b)], ['processor-answered', latencies.processor.sort((a, b) => a - b)]] as const) {
  console.log(`  ${name.padEnd(19)} p50 ${percentile(list, 50)} ms  p95 ${percentile(list, 95)} ms  p99 ${percentile(list, 99)} ms  (n=${list.length})`);
}
