// The fuzz engine against an in-process fake gateway on 127.0.0.1: what it counts is what
// the fake did, it reconnects through closes and refusals, a seed reproduces a run, and a
// restart, an unhealthy service or a failed healthy call fail the run.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ocppSchemas } from '@csms/contracts';
import { total } from './counts.ts';
import { startFakeGateway, type FakeGateway, type FakeGatewayOptions } from './fake-gateway.ts';
import { createFrameGenerator } from './frame-generator.ts';
import { FUZZ_FAMILIES } from './fuzz-frame.ts';
import { formatReport, fuzzProblems, type FuzzReport } from './fuzz-report.ts';
import { isLoopbackHost } from './loopback.ts';
import { runFuzz, type FuzzRunOptions } from './run-fuzz.ts';

const schemas = ocppSchemas('ocpp1.6');
const ACTIONS = ['Authorize', 'BootNotification', 'DataTransfer', 'Heartbeat', 'MeterValues', 'StartTransaction', 'StatusNotification', 'StopTransaction'];
const MAX_FRAME_BYTES = 4096;
const HEALTHY_ID = 'HEALTHY-CP';

let fake: FakeGateway | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function fuzz(fakeOptions: Omit<FakeGatewayOptions, 'healthyId'>, run: Partial<FuzzRunOptions>): Promise<{ report: FuzzReport; fake: FakeGateway }> {
  await fake?.close();
  fake = await startFakeGateway({ healthyId: HEALTHY_ID, ...fakeOptions });
  const report = await runFuzz({
    url: fake.ocppUrl, frames: 300, sockets: 4, seed: 7, seconds: 60, ratePerSecond: 0, storms: null,
    identityPrefix: 'FUZZ', hostileAddresses: [],
    healthy: { id: HEALTHY_ID, idTag: 'HEALTHY-TAG', intervalMs: 5, callTimeoutMs: 5000 },
    services: [{ name: 'fake', baseUrl: fake.baseUrl }], probeIntervalMs: 20,
    schemas, actions: ACTIONS, maxFrameBytes: MAX_FRAME_BYTES,
    ...run,
  });
  return { report, fake };
}

describe('the fuzz engine', () => {
  it('sends every frame once, counts every answer and tells the families as generated', async () => {
    const { report, fake } = await fuzz({}, { frames: 300 });
    assert.equal(total(report.framesWritten), 300);
    assert.equal(fake.counts.frames.length, 300, 'the fake received every frame');
    assert.deepEqual(report.hostile.answers, { 'CALLERROR GenericError': fake.counts.callErrorsSent });
    assert.equal(fake.counts.callErrorsSent, 300);
    const generate = createFrameGenerator({ seed: 7, schemas, actions: ACTIONS, maxFrameBytes: MAX_FRAME_BYTES });
    const expected: Record<string, number> = Object.fromEntries(FUZZ_FAMILIES.map((f) => [f, 0]));
    for (let i = 0; i < 300; i += 1) expected[generate(i).family]! += 1;
    assert.deepEqual(report.framesWritten, expected);
    for (const family of FUZZ_FAMILIES) assert.ok(report.framesWritten[family]! > 0, `${family} sent`);
    assert.equal(report.hostile.connections, fake.counts.upgrades);
    assert.deepEqual(report.hostile.closes, { 1000: report.hostile.closesByFuzzer }, 'only the fuzzer closed, at the end');
    assert.equal(report.hostile.closesByFuzzer, report.hostile.connections);
    assert.equal(report.healthy.failed, 0);
    assert.ok(report.healthy.ok >= 5, 'boot, then the last round of four after the hostile sockets');
    assert.equal(report.healthy.latenciesMs.length, report.healthy.ok);
    assert.deepEqual(fuzzProblems(report), []);
    assert.equal(report.services[0]!.restart, null);
    assert.match(formatReport(report), /result: ok$/);
  });

  it('reproduces the same frames from the same seed, and others from another', async () => {
    const sorted = (frames: string[]) => [...frames].sort();
    const first = sorted((await fuzz({}, { seed: 11, frames: 150 })).fake.counts.frames);
    const again = sorted((await fuzz({}, { seed: 11, frames: 150, sockets: 3 })).fake.counts.frames);
    const other = sorted((await fuzz({}, { seed: 12, frames: 150 })).fake.counts.frames);
    assert.equal(first.length, 150);
    assert.deepEqual(again, first);
    assert.notDeepEqual(other, first);
  });

  it('reconnects through closes, refusals and storms, counting each as the gateway did it', async () => {
    const { report, fake } = await fuzz(
      { closeEvery: { frames: 25, code: 1008 }, refuseEvery: { attempts: 3, status: 429 } },
      { frames: 500, sockets: 5, storms: { everyFrames: 200, burstFrames: 10 } },
    );
    assert.equal(total(report.framesWritten), 500);
    assert.ok(fake.counts.closesSent > 0 && fake.counts.refusals > 0);
    assert.equal(report.hostile.closes['1008'], fake.counts.closesSent);
    assert.deepEqual(report.hostile.refusals, { 429: fake.counts.refusals });
    assert.equal(report.hostile.connections, fake.counts.upgrades);
    assert.equal(report.storms, 2, 'at frames 200 and 400');
    // Only frames already on their way when the close frame came; a socket that never read
    // (writes starving its reads) would write on into the closed socket.
    assert.ok(fake.counts.framesAfterClose < fake.counts.frames.length / 2,
      `${fake.counts.framesAfterClose} frames after a close, ${fake.counts.frames.length} before`);
    assert.equal(report.hostile.answers['CALLERROR GenericError'], fake.counts.callErrorsSent);
    assert.equal(report.healthy.failed, 0);
    assert.deepEqual(fuzzProblems(report), [], 'refusals and closes of hostile sockets are no failure');
  });

  it('fails the run when a service restarted or is unhealthy, or a healthy call failed', async () => {
    const { report } = await fuzz({ restarting: true, healthStatus: 503, failHeartbeat: true }, { frames: 40 });
    const problems = fuzzProblems(report);
    assert.equal(report.services[0]!.restart, 'start time changed');
    assert.ok(problems.includes('fake restarted (start time changed)'), problems.join('; '));
    assert.ok(problems.includes('fake /health is status 503 at the end'), problems.join('; '));
    assert.ok((report.healthy.failures['Heartbeat: GenericError'] ?? 0) >= 1);
    assert.ok(problems.some((p) => p.startsWith('the healthy station had')), problems.join('; '));
    assert.match(formatReport(report), /result: FAILED/);
  });

  it('stops at its time cap when every hostile upgrade is refused, the healthy station still answered', async () => {
    const { report, fake } = await fuzz({ refuseEvery: { attempts: 1, status: 429 } }, { frames: 100, seconds: 1 });
    assert.equal(report.stoppedBy, 'time');
    assert.equal(total(report.framesWritten), 0);
    assert.equal(report.hostile.connections, 0);
    assert.deepEqual(report.hostile.refusals, { 429: fake.counts.refusals });
    assert.deepEqual(fuzzProblems(report), []);
  });

  it('sends nothing anywhere but loopback', async () => {
    assert.ok(['127.0.0.1', '127.4.5.6', 'localhost', '[::1]', '::1'].every(isLoopbackHost));
    assert.ok(!['10.0.0.1', '192.0.2.1', 'example.com', '128.0.0.1', '::ffff:10.0.0.1'].some(isLoopbackHost));
    await assert.rejects(fuzz({}, { url: 'ws://192.0.2.1:4000/ocpp' }), { code: 'NOT_LOOPBACK' });
    await assert.rejects(fuzz({}, { hostileAddresses: ['10.1.1.1'] }), { code: 'NOT_LOOPBACK' });
  });
});
