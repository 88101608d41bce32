import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkHandshake, chooseProtocol, parseProtocolHeader } from './handshake.ts';

describe('handshake', () => {
  it('accepts ocpp1.6 from the offered list', () => {
    assert.deepEqual(checkHandshake({ url: '/ocpp/CP001', protocolHeader: 'ocpp2.0.1, ocpp1.6' }),
      { ok: true, chargePointId: 'CP001', protocol: 'ocpp1.6' });
  });

  it('refuses when no offered subprotocol is supported', () => {
    const result = checkHandshake({ url: '/ocpp/CP001?version=1.6', protocolHeader: 'ocpp1.5, mqtt' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual([result.status, result.code], [400, 'UNSUPPORTED_SUBPROTOCOL']);
  });

  it('accepts the legacy version=1.6 query when no subprotocol is offered', () => {
    assert.deepEqual(checkHandshake({ url: '/ocpp?chargePointId=CP001&version=1.6', protocolHeader: undefined }),
      { ok: true, chargePointId: 'CP001', protocol: 'ocpp1.6' });
  });

  it('refuses a connection offering no subprotocol and no legacy version', () => {
    for (const url of ['/ocpp/CP001', '/ocpp?chargePointId=CP001&version=1.5']) {
      const result = checkHandshake({ url, protocolHeader: undefined });
      assert.equal(result.ok ? 'accepted' : result.code, 'SUBPROTOCOL_REQUIRED', url);
    }
  });

  it('checks the charge point id by the identity rule, first', () => {
    const codeOf = (url: string): string => {
      const result = checkHandshake({ url, protocolHeader: 'ocpp1.6' });
      return result.ok ? 'ok' : result.code;
    };
    assert.equal(codeOf(`/ocpp/${'X'.repeat(48)}`), 'ok');
    for (const url of ['/ocpp/', '/ocpp', `/ocpp/${'X'.repeat(49)}`, '/ocpp/a%2Fb', '/ocpp/CP%2001']) {
      assert.equal(codeOf(url), 'INVALID_CHARGE_POINT_ID', url);
    }
    const both = checkHandshake({ url: '/ocpp/a%00b', protocolHeader: 'mqtt' });
    assert.equal(both.ok ? 'ok' : both.code, 'INVALID_CHARGE_POINT_ID', 'the identity is checked before the subprotocol');
  });

  it('parses the header and chooses by our preference', () => {
    assert.deepEqual(parseProtocolHeader(' ocpp1.6 ,,ocpp2.0.1'), ['ocpp1.6', 'ocpp2.0.1']);
    assert.deepEqual(parseProtocolHeader(undefined), []);
    assert.equal(chooseProtocol(new Set(['ocpp2.0.1'])), null);
    assert.equal(chooseProtocol(['x', 'ocpp1.6']), 'ocpp1.6');
  });
});
