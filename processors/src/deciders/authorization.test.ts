import { describe, it } from 'node:test';
import { ocpp16Detail } from '@csms/contracts';
import assert from 'node:assert/strict';
import { authorize, toOcppIdTagInfo } from './authorize.ts';
import { deciderSpec } from './decider-spec.ts';
import { authorizationDecider } from './authorization.ts';
import { AT, frame, idTag, idTagTable } from './fixtures.ts';

describe('authorize', () => {
  const table = idTagTable(
    idTag('OK', { parentIdTag: 'GROUP', expiryDate: AT + 1 }), idTag('BLOCKED', { status: 'Blocked', expiryDate: AT - 1 }),
    idTag('OLD', { expiryDate: AT }), idTag('EXPIRED', { status: 'Expired' }), idTag('INVALID', { status: 'Invalid' }),
  );

  it('decides each status by the rules, in order', () => {
    assert.deepEqual(authorize('OK', table, AT), { status: 'Accepted', expiryDate: AT + 1, parentIdTag: 'GROUP' });
    assert.equal(authorize('NOPE', table, AT).status, 'Invalid');
    assert.equal(authorize('BLOCKED', table, AT).status, 'Blocked');
    assert.equal(authorize('OLD', table, AT).status, 'Expired');
    assert.equal(authorize('EXPIRED', table, AT).status, 'Expired');
    assert.equal(authorize('INVALID', table, AT).status, 'Invalid');
  });

  it('writes OCPP idTagInfo with optional fields only when known', () => {
    assert.deepEqual(toOcppIdTagInfo({ status: 'Invalid', expiryDate: null, parentIdTag: null }), { status: 'Invalid' });
    assert.deepEqual(toOcppIdTagInfo({ status: 'Accepted', expiryDate: AT, parentIdTag: 'G' }),
      { status: 'Accepted', expiryDate: '2025-01-01T10:00:00.000Z', parentIdTag: 'G' });
  });
});

describe('authorization decider', () => {
  const spec = deciderSpec(authorizationDecider);

  it('records the decision and replies with idTagInfo', () => {
    spec.given([]).when({ type: 'Authorize', frame: frame(), payload: { idTag: 'T1' }, idTags: idTagTable(idTag('T1', { status: 'Blocked' })) })
      .then([
        { type: 'AuthorizationDecided', chargePointId: 'CP001', at: AT, idTag: 'T1', status: 'Blocked', expiryDate: null, parentIdTag: null, ...ocpp16Detail.AuthorizationDecided },
        {
          type: 'Replied', chargePointId: 'CP001', at: AT, node: 2, connectionId: 'c1', messageId: 'm1',
          body: { kind: 'CallResult', payload: { idTagInfo: { status: 'Blocked' } } },
        },
      ]);
  });

  it('refuses an unknown tag as Invalid, as a fact not an error', () => {
    spec.given([]).when({ type: 'Authorize', frame: frame(), payload: { idTag: 'UNKNOWN' }, idTags: idTagTable() })
      .thenState((state, events) => {
        assert.equal(events[0]?.type === 'AuthorizationDecided' && events[0].status, 'Invalid');
        assert.deepEqual(state, authorizationDecider.initialState);
      });
  });
});
