import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError, decimal, httpUrl, integer, parseFlags, webSocketUrl } from './cli-flags.ts';

const refused = (message: RegExp) => (error: unknown) => error instanceof UsageError && message.test(error.message);

describe('command-line flags', () => {
  it('takes an integer within its range and refuses one outside it, naming the range', () => {
    assert.equal(integer('stations', '20000', 1, 20_000), 20_000);
    assert.throws(() => integer('stations', '20001', 1, 20_000), refused(/^--stations must be an integer in 1\.\.20000, not "20001"$/));
    assert.throws(() => integer('seconds', '1e3', 1, 600), refused(/^--seconds must be an integer in 1\.\.600/));
  });

  it('takes a decimal number within its range, fractions too', () => {
    assert.equal(decimal('rate', '0.25', 0.001, 1000), 0.25);
    assert.equal(decimal('rate', '20', 0.001, 1000), 20);
    assert.throws(() => decimal('rate', '0', 0.001, 1000), refused(/^--rate must be a number in 0\.001\.\.1000, not "0"$/));
    for (const bad of ['1e2', '-1', '.5', 'fast', '']) assert.throws(() => decimal('rate', bad, 0.001, 1000), refused(/^--rate must be a number/));
  });

  it('turns a boolean flag off with --no-', () => {
    const flags = { floor: { type: 'boolean', default: true } } as const;
    assert.equal(parseFlags(['--no-floor'], flags).floor, false);
    assert.equal(parseFlags([], flags).floor, true);
  });

  it('takes a WebSocket URL only', () => {
    assert.equal(webSocketUrl('url', 'wss://csms.example/ocpp'), 'wss://csms.example/ocpp');
    assert.throws(() => webSocketUrl('url', '127.0.0.1:4000'), refused(/^--url must be a ws:\/\/ or wss:\/\/ URL/));
  });

  it('takes an HTTP URL only', () => {
    assert.equal(httpUrl('api', 'https://csms.example/api'), 'https://csms.example/api');
    assert.throws(() => httpUrl('api', 'ws://127.0.0.1:4001'), refused(/^--api must be an http:\/\/ or https:\/\/ URL/));
  });

  it('refuses a flag it does not know and one without its value', () => {
    const flags = { seconds: { type: 'string', default: '30' } } as const;
    assert.deepEqual({ ...parseFlags(['--seconds', '5'], flags) }, { seconds: '5' });
    assert.throws(() => parseFlags(['--secs', '5'], flags), refused(/Unknown option '--secs'/));
    assert.throws(() => parseFlags(['--seconds'], flags), refused(/argument missing/));
  });
});
