// Command bodies get the same value rules as what stations send (contracts' value-rules.ts):
// nothing an operator asks for may carry a value the CSMS or a station cannot hold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCommandValidator } from './command-validator.ts';

const validator = createCommandValidator();

describe('command validator', () => {
  it('accepts a valid body', () => {
    assert.deepEqual(validator.validate('UnlockConnector', { connectorId: 1 }), { ok: true });
  });

  it('refuses values the schema allows but the CSMS cannot carry, naming the field and the rule', () => {
    assert.deepEqual(validator.validate('UnlockConnector', { connectorId: 3e9 }),
      {
        ok: false, message: 'UnlockConnector: body/connectorId must be an integer within -2147483648..2147483647 (int32)',
        problems: [{ path: '/connectorId', code: 'int32', message: 'body/connectorId must be an integer within -2147483648..2147483647 (int32)' }],
      });
    const reserve = { connectorId: 1, expiryDate: '9999-01-01T00:00:00Z', idTag: 'T', reservationId: 1 };
    const late = validator.validate('ReserveNow', reserve);
    assert.match(late.ok ? '' : late.message, /body\/expiryDate must be a date-time from 1970-01-01 up to 2100-01-01/);
    const nul = validator.validate('RemoteStartTransaction', { idTag: 'RF\u0000ID' });
    assert.match(nul.ok ? '' : nul.message, /body\/idTag must not contain control characters/);
  });
});
