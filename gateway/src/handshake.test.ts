import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkHandshake, chooseProtocol, parseProtocolHeader } from './handshake.ts';

describe('handshake', () => {
  it('accepts ocpp1.6 from the offered list', () => {
    assert.deepEqual(checkHandshake({ chargePointId: 'CP001', protocolHeader: 'ocpp2.0.1, ocpp1.6', legacyVersion: undefined }),
      { ok: true, chargePointId: 'CP001', protocol: 'ocpp1.6' });
  });

  it('refuses when no offered subprotocol is supported', () => {
    const result = checkHandshake({ chargePointId: 'CP001', protocolHeader: 'ocpp1.5, mqtt', legacyVersion: '1.6' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual([result.status, result.code], [400, 'UNSUPPORTED_SUBPROTOCOL']);
  });

  it('accepts the legacy version=1.6 query when no subprotocol is offered', () => {
    assert.deepEqual(checkHandshake({ chargePointId: 'CP001', protocolHeader: undefined, legacyVersion: '1.6' }),
      { ok: true, chargePointId: 'CP001', protocol: 'ocpp1.6' });
  });

  it('refuses a connection offering no subprotocol and no legacy version', () => {
    for (const legacyVersion of [undefined, '1.5']) {
      const result = checkHandshake({ chargePointId: 'CP001', protocolHeader: undefined, legacyVersion });
      assert.equal(result.ok ? 'accepted' : result.code, 'SUBPROTOCOL_REQUIRED');
    }
  });

  it('validates the charge point id', () => {
    const codeOf = (chargePointId: string | undefined): string => {
      const result = checkHandshake({ chargePointId, protocolHeader: 'ocpp1.6', legacyVersion: undefined });
      return result.ok ? 'ok' : result.code;
    };
    assert.equal(codeOf('X'.repeat(48)), 'ok');
    assert.equal(codeOf('CP 01+ä'), 'ok');
    assert.equal(codeOf(''), 'INVALID_CHARGE_POINT_ID');
    assert.equal(codeOf(undefined), 'INVALID_CHARGE_POINT_ID');
    assert.equal(codeOf('X'.repeat(49)), 'INVALID_CHARGE_POINT_ID');
    assert.equal(codeOf('a/b'), 'INVALID_CHARGE_POINT_ID');
  });

  it('parses the header and chooses by our preference', () => {
    assert.deepEqual(parseProtocolHeader(' ocpp1.6 ,,ocpp2.0.1'), ['ocpp1.6', 'ocpp2.0.1']);
    assert.deepEqual(parseProtocolHeader(undefined), []);
    assert.equal(chooseProtocol(new Set(['ocpp2.0.1'])), null);
    assert.equal(chooseProtocol(['x', 'ocpp1.6']), 'ocpp1.6');
  });
});
