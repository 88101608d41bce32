import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkHandshake, chooseProtocol, parseProtocolHeader } from './handshake.ts';

describe('handshake', () => {
  it("takes the station's first supported subprotocol (RFC 6455 §4.1: the client's order of preference)", () => {
    const chosen = (protocolHeader: string): unknown => checkHandshake({ url: '/ocpp/CP001', protocolHeader });
    assert.deepEqual(chosen('ocpp2.0.1, ocpp1.6'), { ok: true, chargePointId: 'CP001', protocol: 'ocpp2.0.1' });
    assert.deepEqual(chosen('ocpp1.6, ocpp2.0.1'), { ok: true, chargePointId: 'CP001', protocol: 'ocpp1.6' });
    assert.deepEqual(chosen('ocpp2.0.1'), { ok: true, chargePointId: 'CP001', protocol: 'ocpp2.0.1' });
    assert.deepEqual(chosen('ocpp1.6'), { ok: true, chargePointId: 'CP001', protocol: 'ocpp1.6' });
    assert.deepEqual(chosen('ocpp2.1, ocpp2.0.1, ocpp1.6'), { ok: true, chargePointId: 'CP001', protocol: 'ocpp2.0.1' }, 'unknown ones are skipped');
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
    // The legacy query stands in for 1.6 only: a 2.0.1 station names its version in the header.
    for (const url of ['/ocpp/CP001', '/ocpp?chargePointId=CP001&version=1.5', '/ocpp?chargePointId=CP001&version=2.0.1']) {
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

  it("parses the header and chooses by the station's preference", () => {
    assert.deepEqual(parseProtocolHeader(' ocpp1.6 ,,ocpp2.0.1'), ['ocpp1.6', 'ocpp2.0.1']);
    assert.deepEqual(parseProtocolHeader(undefined), []);
    assert.equal(chooseProtocol(new Set(['ocpp2.0.1'])), 'ocpp2.0.1');
    assert.equal(chooseProtocol(new Set(['ocpp2.0.1', 'ocpp1.6'])), 'ocpp2.0.1', 'as ws hands it to handleProtocols');
    assert.equal(chooseProtocol(new Set(['ocpp1.6', 'ocpp2.0.1'])), 'ocpp1.6');
    assert.equal(chooseProtocol(['x', 'ocpp1.6']), 'ocpp1.6');
    assert.equal(chooseProtocol(['ocpp2.0', 'OCPP1.6', 'mqtt']), null, 'names match exactly, as the server echoes one back');
  });
});
