import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IdleResult } from './idle.ts';
import type { LatencySummary } from './latency-stats.ts';
import type { LoadResult } from './load-tally.ts';
import { formatFloorsReport, formatReport, ratiosTo, reportJson, type BenchReport, type FloorOutcome } from './report.ts';

const latency = (p50: number, p99: number, n = 100): LatencySummary => ({ n, p50, p95: p99, p99, max: p99 * 2 });

function load(all: LatencySummary, overrides: Partial<LoadResult> = {}): LoadResult {
  return {
    target: 'ws://127.0.0.1:4000/ocpp', stations: 2, connectErrors: 0, refused429: 0, ratePerStation: 1, seconds: 10, elapsedSeconds: 10,
    offered: 20, served: 19, offeredPerSecond: 2, servedPerSecond: 1.9, errors: 1, errorCodes: { InternalError: 1 }, timeouts: 0, closed: 0,
    fellBehind: 1, notServed: 0, all, byClass: { 'gateway-answered': latency(10, 20, 10), 'processor-decided': latency(40, 90, 9) },
    byAction: { Authorize: latency(40, 90, 9), Heartbeat: latency(10, 20, 10) }, ...overrides,
  };
}

const echo: FloorOutcome = { status: 'measured', seconds: 10, run: { kind: 'load', result: load(latency(0.5, 2)) } };
const report: BenchReport = {
  startedAt: '2025-03-01T12:00:00.000Z',
  settings: {
    stations: 2, ratePerStation: 1, mix: 'session', protocol: '1.6', seconds: 10, url: 'ws://127.0.0.1:4000/ocpp', kafkaClient: 'platformatic',
    connectRate: 2000, sourceAddresses: 1,
  },
  system: { kind: 'load', result: load(latency(20, 80)) },
  floors: { echo, kafka: { status: 'skipped', reason: 'Kafka unreachable at 127.0.0.1:9092 (KAFKA_BROKERS)' } },
};

describe('the bench report', () => {
  it('takes the system\'s p50 and p99 as multiples of a measured floor, none of a skipped one', () => {
    assert.deepEqual(ratiosTo(latency(20, 80), echo), { p50: 40, p99: 40 });
    assert.equal(ratiosTo(latency(20, 80), report.floors.kafka), null);
  });

  it('prints throughput, failures, and latency per class and action with the ratios to the floors', () => {
    const lines = formatReport(report).split('\n');
    assert.equal(lines[0], 'bench: 2 OCPP 1.6 stations from 1 loopback address, session mix, 1 call/s each (2.0/s offered), for 10 s against ws://127.0.0.1:4000/ocpp');
    assert.match(lines.find((l) => l.startsWith('system '))!, /^system\s+2\.0\s+1\.9\s+20\s+19\s+1\s+0\s+0\s+1\s+0$/);
    assert.ok(lines.includes('kafka floor: skipped, Kafka unreachable at 127.0.0.1:9092 (KAFKA_BROKERS)'));
    assert.ok(lines.includes('CALLERRORs: InternalError 1'));
    assert.match(lines.find((l) => l.startsWith('system, all calls'))!, /\s100\s+20\.0\s+80\.0\s+80\.0\s+160\.0\s+×40\.0\s+×40\.0\s+-\s+-$/);
    assert.match(lines.find((l) => l.startsWith('  processor-decided'))!, /\s9\s+40\.0 .*×80\.0\s+×45\.0/);
    assert.ok(lines.some((l) => l.startsWith('    Authorize')));
    assert.match(lines.find((l) => l.startsWith('echo floor (10 s)') && l.includes('0.5'))!, /\s0\.5\s+2\.0\s+2\.0\s+4\.0$/);
    assert.ok(!lines.some((l) => l.startsWith('kafka floor through')), 'no client named for a floor that did not run');
  });

  it('names the client the Kafka floor went through', () => {
    const kafka: FloorOutcome = { status: 'measured', seconds: 10, run: { kind: 'load', result: load(latency(8, 60)) } };
    const lines = formatReport({ ...report, floors: { echo, kafka } }).split('\n');
    assert.equal(lines[1], 'kafka floor through platformatic');
    assert.match(lines.find((l) => l.startsWith('system, all calls'))!, /×40\.0\s+×40\.0\s+×2\.5\s+×1\.3$/);
  });

  it('prints the floors alone, without a system to take ratios of', () => {
    const kafka: FloorOutcome = { status: 'measured', seconds: 20, run: { kind: 'load', result: load(latency(8, 60)) } };
    const lines = formatFloorsReport({ startedAt: report.startedAt, settings: { ...report.settings, seconds: 20 }, floors: { echo, kafka } }).split('\n');
    assert.deepEqual(lines.slice(0, 2), ['bench, floors only: 2 OCPP 1.6 stations from 1 loopback address, session mix, 1 call/s each (2.0/s offered), for 20 s', 'kafka floor through platformatic']);
    const [throughput, latencies] = lines.filter((l) => l.startsWith('kafka floor (20 s)'));
    assert.match(throughput!, /^kafka floor \(20 s\)\s+2\.0\s+1\.9\s+20\s+19\s/);
    assert.match(lines.find((l) => l.startsWith('latency from due'))!, /max$/);
    assert.match(latencies!, /\s100\s+8\.0\s+60\.0\s+60\.0\s+120\.0$/);
    assert.ok(!lines.some((l) => l.includes('system')));
  });

  it('heads a boot storm\'s floors alone with the storm\'s columns', () => {
    const stormed: FloorOutcome = { status: 'measured', seconds: 20, run: { kind: 'storm', result: { target: 'ws://x', stations: 2, accepted: 2,
      connectErrors: 0, refused429: 0, deferred: 0, errors: 0, timeouts: 0, allAcceptedSeconds: 0.02, bootsPerSecond: 100,
      timeToAccepted: latency(5, 10, 2), boot: latency(4, 9, 2) } } };
    const kafka = { status: 'skipped', reason: 'a boot storm offers no steady rate to send through Kafka' } as const;
    const lines = formatFloorsReport({ startedAt: report.startedAt, settings: { ...report.settings, mix: 'boot-storm' }, floors: { echo: stormed, kafka } }).split('\n');
    assert.match(lines[0]!, /^bench, floors only: 2 OCPP 1\.6 stations from 1 loopback address, boot-storm mix, all at once, for 10 s$/);
    assert.match(lines[2]!, /^ +stations +accepted +conn\. err +429s +deferred +errors +timeouts +all accepted +boots\/s$/);
    assert.match(lines[3]!, /^echo floor \(20 s\)\s+2\s+2\s+0\s+0\s+0\s+0\s+0\s+0\.02 s\s+100\.0$/);
    assert.equal(lines[4], 'kafka floor: skipped, a boot storm offers no steady rate to send through Kafka');
  });

  it('says how many stations could not connect, since they offered nothing', () => {
    const lines = formatReport({ ...report, system: { kind: 'load', result: load(latency(20, 80), { stations: 2000, connectErrors: 1000, refused429: 37 }) } }).split('\n');
    assert.ok(lines.includes('system: 1000 of 2000 stations could not connect and boot (37 upgrades refused with 429), so they offered nothing'));
    assert.ok(!formatReport(report).includes('could not connect'));
  });

  it('prints a boot storm as stations accepted, the time until all were and boots per second', () => {
    const storm: BenchReport = {
      ...report, settings: { ...report.settings, stations: 5000, mix: 'boot-storm', sourceAddresses: 5 },
      system: { kind: 'storm', result: { target: 'ws://x', stations: 5000, accepted: 4999, connectErrors: 1, refused429: 3, deferred: 0, errors: 0,
        timeouts: 0, allAcceptedSeconds: null, bootsPerSecond: 4999 / 12.5, timeToAccepted: latency(3000, 12_000, 4999), boot: latency(80, 90, 4999) } },
      floors: { echo: { status: 'skipped', reason: 'not asked for (--no-floor)' }, kafka: { status: 'skipped', reason: 'not asked for (--no-floor)' } },
    };
    const text = formatReport(storm);
    assert.match(text, /^bench: 5000 OCPP 1\.6 stations from 5 loopback addresses, boot-storm mix, all at once/);
    assert.match(text, /^ +stations +accepted +conn\. err +429s +deferred +errors +timeouts +all accepted +boots\/s$/m);
    assert.match(text, /^system\s+5000\s+4999\s+1\s+3\s+0\s+0\s+0\s+never\s+399\.9$/m);
    assert.match(text, /^system time to Accepted\s+4999\s+3000\.0/m);
  });

  it('prints an idle hold as stations connected and booted, and the gateway\'s memory per socket', () => {
    const MB = 1024 * 1024;
    const result: IdleResult = {
      target: 'ws://127.0.0.1:4000/ocpp', stations: 5000, seconds: 60, connected: 4990, booted: 4980, connectErrors: 10,
      refused429: 120, dropped: 0, heartbeats: { sent: 4980, answered: 4979 }, connectSeconds: 3.14,
      memory: { beforeBytes: 90 * MB, connectedBytes: 400 * MB, endBytes: 410 * MB, kbPerSocket: 63.6, kbPerSocketAtEnd: 65.7 },
    };
    const skipped = { status: 'skipped', reason: 'the idle mix measures what the gateway holds, not latency' } as const;
    const idle: BenchReport = {
      ...report, settings: { ...report.settings, stations: 5000, mix: 'idle', seconds: 60, sourceAddresses: 5 },
      system: { kind: 'idle', result }, floors: { echo: skipped, kafka: skipped },
    };
    const lines = formatReport(idle).trimEnd().split('\n');
    assert.equal(lines[0], 'bench: 5000 OCPP 1.6 stations from 5 loopback addresses, idle mix, connecting 2000/s, then holding, for 60 s against ws://127.0.0.1:4000/ocpp');
    assert.match(lines[2]!, /^ +stations +connected +booted +conn\. err +429s +dropped +heartbeats +connecting$/);
    assert.match(lines[3]!, /^system\s+5000\s+4990\s+4980\s+10\s+120\s+0\s+4979\/4980\s+3\.1 s$/);
    assert.equal(lines.at(-1), 'gateway resident memory: 90.0 MB before connecting, 400.0 MB once all connected (63.6 KB a socket), 410.0 MB at the end (65.7 KB a socket)');
    assert.equal(lines.length, 5, 'the first line, a blank, the header, the system\'s row and the memory: no floor lines');
    assert.ok(!lines.some((l) => l.startsWith('latency from due')));
    assert.ok(!lines.some((l) => l.includes('floor')));
    assert.deepEqual((reportJson(idle) as { ratios: object }).ratios, {});
  });

  it('says when the gateway\'s memory was not reported', () => {
    const memory = { beforeBytes: null, connectedBytes: null, endBytes: null, kbPerSocket: null, kbPerSocketAtEnd: null };
    const result: IdleResult = { target: 'ws://x', stations: 1, seconds: 1, connected: 1, booted: 1, connectErrors: 0, refused429: 0,
      dropped: 0, heartbeats: { sent: 0, answered: 0 }, connectSeconds: 0, memory };
    assert.match(formatReport({ ...report, system: { kind: 'idle', result } }),
      /^gateway resident memory: not reported \(its \/metrics unreachable, or without process_resident_memory_bytes\)$/m);
  });

  it('writes the report with its ratios as JSON, missing figures as null', () => {
    const json = JSON.parse(JSON.stringify(reportJson(report))) as { ratios: Record<string, unknown>; floors: { kafka: { status: string } } };
    assert.deepEqual(json.ratios.all, { echo: { p50: 40, p99: 40 }, kafka: null });
    assert.deepEqual(Object.keys(json.ratios), ['all', 'gateway-answered', 'processor-decided']);
    assert.equal(json.floors.kafka.status, 'skipped');
  });
});
