import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from './cli-flags.ts';
import { simulateOptions } from './simulate-options.ts';

const refused = (message: RegExp) => (error: unknown) => error instanceof UsageError && message.test(error.message);

describe('the simulate command line', () => {
  it('runs on one machine with no flags, as a 1.6 charge point', () => {
    assert.deepEqual(simulateOptions([]), {
      id: 'CP001', url: 'ws://127.0.0.1:4000/ocpp', protocol: '1.6', idTag: 'RFID-12345', idTokenType: 'ISO14443',
      connector: 1, energyWh: 25_500, reportPartSize: 10, stay: false, api: 'http://127.0.0.1:4001',
    });
  });

  it('takes the OCPP URL, the API and its key from the environment when no flag names them', () => {
    const env = { CSMS_OCPP_URL: 'ws://csms.example/ocpp', CSMS_API_URL: 'https://csms.example/api', CSMS_API_KEY: 'csms_from-env' };
    assert.deepEqual(
      { ...simulateOptions([], env) },
      { ...simulateOptions(['--url', 'ws://csms.example/ocpp', '--api', 'https://csms.example/api', '--api-key', 'csms_from-env']) },
    );
    assert.equal(simulateOptions(['--api-key', 'csms_flag'], env).apiKey, 'csms_flag');
    assert.equal('apiKey' in simulateOptions([], { CSMS_API_KEY: '' }), false);
  });

  it('takes every flag the station can send', () => {
    const options = simulateOptions(['--protocol', '2.0.1', '--id', 'CS-9', '--url', 'wss://csms.example/ocpp', '--id-tag', 'EMAID-0001',
      '--id-token-type', 'eMAID', '--connector', '2', '--energy-wh', '0', '--report-part-size', '3', '--stay', '--password', 'secret',
      '--api', 'https://csms.example/api', '--api-key', 'csms_key'], { CSMS_OCPP_URL: 'ws://unused', CSMS_API_URL: 'http://unused' });
    assert.deepEqual(options, {
      id: 'CS-9', url: 'wss://csms.example/ocpp', protocol: '2.0.1', idTag: 'EMAID-0001', idTokenType: 'eMAID',
      connector: 2, energyWh: 0, reportPartSize: 3, stay: true, password: 'secret', api: 'https://csms.example/api', apiKey: 'csms_key',
    });
  });

  it('refuses an id token type 2.0.1 does not have, naming the ones it has', () => {
    assert.throws(() => simulateOptions(['--protocol', '2.0.1', '--id-token-type', 'RFID']),
      refused(/^--id-token-type must be one of Central, eMAID, ISO14443, ISO15693, KeyCode, Local, MacAddress, NoAuthorization, not "RFID"$/));
  });

  it('refuses every other value the station could not send, with one message naming the flag', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--protocol', '2.1'], /^--protocol must be one of 1\.6, 2\.0\.1/],
      [['--id', 'CP 1'], /^--id must be 1\.\.48 characters/],
      [['--url', 'http://127.0.0.1:4000/ocpp'], /^--url must be a ws:\/\/ or wss:\/\/ URL/],
      [['--id-tag', 'A'.repeat(21)], /^--id-tag must have 1\.\.20 characters in OCPP 1\.6/],
      [['--protocol', '2.0.1', '--id-tag', 'A'.repeat(37)], /^--id-tag must have 1\.\.36 characters in OCPP 2\.0\.1/],
      [['--connector', '0'], /^--connector must be an integer of at least 1, not "0"/],
      [['--connector', 'one'], /^--connector must be an integer/],
      [['--energy-wh=-5'], /^--energy-wh must be an integer of at least 0/],
      [['--energy-wh', '1.5'], /^--energy-wh must be an integer/],
      [['--report-part-size', '0'], /^--report-part-size must be an integer of at least 1/],
      [['--api', 'ws://127.0.0.1:4001'], /^--api must be an http:\/\/ or https:\/\/ URL/],
      [['--api-key', 'csms key'], /^--api-key \(or CSMS_API_KEY\) must be printable ASCII without spaces/],
      [['--evse', '1'], /Unknown option '--evse'/],
    ];
    for (const [args, message] of cases) assert.throws(() => simulateOptions(args), refused(message), args.join(' '));
  });
});
