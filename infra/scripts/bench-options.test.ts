import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benchOptions, defaultJsonPath } from './bench-options.ts';
import { UsageError } from './cli-flags.ts';

const refused = (message: RegExp) => (error: unknown) => error instanceof UsageError && message.test(error.message);
const now = new Date('2025-03-01T12:00:00.000Z');

describe('the bench command line', () => {
  it('runs on one machine with no flags: 200 1.6 stations, a session a call per second each, floors included', () => {
    assert.deepEqual(benchOptions([], {}, now), {
      stations: 200, sourceAddresses: 1, rate: 1, mix: 'session', protocol: '1.6', seconds: 30, connectRate: 2000,
      url: 'ws://127.0.0.1:4000/ocpp', prefix: 'BENCH',
      json: 'bench-results/2025-03-01T12-00-00-000Z.json', floor: true, floorOnly: false, kafkaClient: 'kafkajs',
      metrics: { gateway: 'http://127.0.0.1:4005/metrics', processors: 'http://127.0.0.1:4002/metrics', projections: 'http://127.0.0.1:4003/metrics' },
    });
  });

  it('takes every flag of a run against the CSMS', () => {
    const options = benchOptions(['--stations', '5', '--rate', '0.5', '--mix', 'heartbeat', '--protocol', '2.0.1', '--seconds', '10',
      '--url', 'wss://csms.example/ocpp', '--prefix', 'LOAD', '--password', 'secret', '--cert', 'c.pem', '--key', 'k.pem', '--ca', 'ca.pem',
      '--json', '/tmp/run.json', '--kafka-client', 'confluent', '--profile', 'bench-results/profiles', '--gateway-metrics', 'http://gw:9000/metrics',
      '--processors-metrics', 'http://pr:9002/metrics', '--projections-metrics', 'https://pj/metrics'], { CSMS_OCPP_URL: 'ws://unused' }, now);
    assert.deepEqual(options, {
      stations: 5, sourceAddresses: null, rate: 0.5, mix: 'heartbeat', protocol: '2.0.1', seconds: 10, connectRate: 2000,
      url: 'wss://csms.example/ocpp', prefix: 'LOAD',
      password: 'secret', cert: 'c.pem', key: 'k.pem', ca: 'ca.pem', json: '/tmp/run.json', floor: true, floorOnly: false,
      kafkaClient: 'confluent', profile: 'bench-results/profiles',
      metrics: { gateway: 'http://gw:9000/metrics', processors: 'http://pr:9002/metrics', projections: 'https://pj/metrics' },
    });
  });

  it('runs a boot storm without floors', () => {
    const options = benchOptions(['--mix', 'boot-storm', '--stations', '15000', '--seconds', '60', '--no-floor'], {}, now);
    assert.deepEqual([options.mix, options.floor, options.floorOnly, options.stations, options.seconds], ['boot-storm', false, false, 15_000, 60]);
  });

  it('runs the floors alone through the Kafka client asked for', () => {
    const options = benchOptions(['--floor-only', '--kafka-client', 'platformatic'], {}, now);
    assert.deepEqual([options.floor, options.floorOnly, options.kafkaClient], [true, true, 'platformatic']);
  });

  it('deals the floors alone over loopback addresses even when the CSMS is elsewhere: the echo floor is on loopback', () => {
    const env = { CSMS_OCPP_URL: 'wss://csms.example/ocpp' };
    assert.equal(benchOptions(['--floor-only', '--stations', '5000'], env, now).sourceAddresses, 5);
    assert.equal(benchOptions(['--floor-only', '--source-addresses', '2'], env, now).sourceAddresses, 2);
  });

  it('runs a boot storm\'s echo floor alone', () => {
    const options = benchOptions(['--floor-only', '--mix', 'boot-storm'], {}, now);
    assert.deepEqual([options.floorOnly, options.mix], [true, 'boot-storm']);
  });

  it('deals stations over as many loopback addresses as keep each within the gateway\'s 1,000, unless told', () => {
    assert.equal(benchOptions(['--stations', '1000'], {}, now).sourceAddresses, 1);
    assert.equal(benchOptions(['--stations', '5000'], {}, now).sourceAddresses, 5);
    assert.equal(benchOptions(['--stations', '5000', '--source-addresses', '300'], {}, now).sourceAddresses, 300);
    assert.equal(benchOptions(['--stations', '5000', '--url', 'ws://localhost:4000/ocpp'], {}, now).sourceAddresses, 5);
  });

  it('takes no ceiling on stations from the flag short of typos: the open-file limit is checked at start-up', () => {
    assert.equal(benchOptions(['--stations', '50000', '--no-floor'], {}, now).stations, 50_000);
  });

  it('paces the idle mix\'s connects', () => {
    const options = benchOptions(['--mix', 'idle', '--stations', '20000', '--connect-rate', '500', '--seconds', '120'], {}, now);
    assert.deepEqual([options.mix, options.connectRate, options.sourceAddresses, options.seconds], ['idle', 500, 20, 120]);
  });

  it('looks for each service\'s metrics on the port npm start gives it', () => {
    const env = { CSMS_GATEWAY_OPS_PORT: '5005', CSMS_PROCESSOR_METRICS_PORT: '5002', CSMS_PROJECTIONS_METRICS_PORT: '5003' };
    assert.deepEqual(benchOptions([], env, now).metrics, {
      gateway: 'http://127.0.0.1:5005/metrics', processors: 'http://127.0.0.1:5002/metrics', projections: 'http://127.0.0.1:5003/metrics',
    });
  });

  it('takes the OCPP URL from the environment when no flag names it', () => {
    assert.equal(benchOptions([], { CSMS_OCPP_URL: 'ws://csms.example/ocpp' }, now).url, 'ws://csms.example/ocpp');
  });

  it('refuses each wrong flag with one line naming it', () => {
    const cases: [string[], RegExp][] = [
      [['--rate', '0'], /^--rate must be a number in 0\.001\.\.1000, not "0"$/],
      [['--rate', 'fast'], /^--rate must be a number/],
      [['--mix', 'storm'], /^--mix must be one of session, heartbeat, boot-storm, idle, not "storm"$/],
      [['--protocol', '2.1'], /^--protocol must be one of 1\.6, 2\.0\.1/],
      [['--stations', '0'], /^--stations must be an integer in 1\.\.1000000/],
      [['--source-addresses', '0'], /^--source-addresses must be an integer in 1\.\.65024, not "0"$/],
      [['--source-addresses', '5', '--url', 'wss://csms.example/ocpp'], /^--source-addresses binds 127\.x addresses, which reach only a loopback --url, not wss:\/\/csms\.example\/ocpp$/],
      [['--connect-rate', '100'], /^--connect-rate paces the idle mix only/],
      [['--mix', 'idle', '--connect-rate', '0'], /^--connect-rate must be an integer in 1\.\.100000/],
      [['--seconds', '1.5'], /^--seconds must be an integer/],
      [['--url', 'http://127.0.0.1:4000'], /^--url must be a ws:\/\/ or wss:\/\/ URL/],
      [['--prefix', 'a b'], /^--prefix must give ids/],
      [['--json', ''], /^--json must name a file$/],
      [['--profile', ''], /^--profile must name the folder/],
      [['--floors'], /Unknown option '--floors'/],
      [['--kafka-client', 'rdkafka'], /^--kafka-client must be one of kafkajs, platformatic, confluent, not "rdkafka"$/],
      [['--floor-only', '--no-floor'], /^--floor-only runs nothing but the floors: it cannot go with --no-floor$/],
      [['--floor-only', '--mix', 'idle'], /^--floor-only runs nothing but the floors, and the idle mix has none$/],
      [['--processors-metrics', 'ws://127.0.0.1:4002'], /^--processors-metrics must be an http:\/\/ or https:\/\/ URL/],
    ];
    for (const [args, message] of cases) assert.throws(() => benchOptions(args, {}, now), refused(message), args.join(' '));
  });

  it('refuses, in one line naming it, a flag that would do nothing in the run asked for', () => {
    const cases: [string[], RegExp][] = [
      [['--mix', 'session', '--connect-rate', '100'], /^--connect-rate paces the idle mix only; the others connect as they always have$/],
      [['--mix', 'idle', '--rate', '2'], /^--rate sets what the session and heartbeat mixes offer; the idle mix offers no calls at a rate$/],
      [['--mix', 'boot-storm', '--rate', '2'], /^--rate sets what the session and heartbeat mixes offer; the boot-storm mix offers no calls at a rate$/],
      [['--no-floor', '--kafka-client', 'platformatic'], /^--kafka-client picks the Kafka floor's client, and this run has no Kafka floor: not asked for \(--no-floor\)$/],
      [['--mix', 'boot-storm', '--kafka-client', 'kafkajs'], /^--kafka-client picks the Kafka floor's client, and this run has no Kafka floor: a boot storm offers no steady rate to send through Kafka$/],
      [['--floor-only', '--mix', 'boot-storm', '--kafka-client', 'confluent'], /^--kafka-client picks the Kafka floor's client, and this run has no Kafka floor: a boot storm/],
      [['--mix', 'idle', '--kafka-client', 'kafkajs'], /^--kafka-client picks the Kafka floor's client, and this run has no Kafka floor: the idle mix measures what the gateway holds, not latency$/],
      [['--mix', 'idle', '--no-floor'], /^--no-floor skips the floors, and the idle mix has none$/],
      [['--floor-only', '--profile', 'bench-results/profiles'], /^--profile is for a run against the CSMS, and --floor-only runs the floors alone$/],
      [['--floor-only', '--url', 'ws://127.0.0.1:4000/ocpp'], /^--url is for a run against the CSMS, and --floor-only runs the floors alone$/],
      [['--floor-only', '--password', 'secret'], /^--password is for a run against the CSMS/],
      [['--floor-only', '--projections-metrics', 'http://127.0.0.1:4003/metrics'], /^--projections-metrics is for a run against the CSMS/],
    ];
    for (const [args, message] of cases) assert.throws(() => benchOptions(args, {}, now), refused(message), args.join(' '));
  });

  it('takes each of those flags where it does something', () => {
    assert.equal(benchOptions(['--mix', 'heartbeat', '--rate', '2'], {}, now).rate, 2);
    assert.equal(benchOptions(['--mix', 'boot-storm', '--no-floor'], {}, now).floor, false);
    assert.equal(benchOptions(['--mix', 'session', '--kafka-client', 'platformatic'], {}, now).kafkaClient, 'platformatic');
    assert.equal(benchOptions(['--profile', 'bench-results/profiles'], {}, now).profile, 'bench-results/profiles');
  });

  it('names the default report after the time, sortably and without colons', () => {
    assert.equal(defaultJsonPath(now), 'bench-results/2025-03-01T12-00-00-000Z.json');
  });
});
