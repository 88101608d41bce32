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

describe('authorization decider, OCPP 2.0.1', () => {
  const spec = deciderSpec(authorizationDecider);
  const tokenTypes = ['Central', 'eMAID', 'ISO14443', 'ISO15693', 'KeyCode', 'Local', 'MacAddress', 'NoAuthorization'] as const;

  function authorizeToken(idToken: string, type: (typeof tokenTypes)[number], idTags: ReturnType<typeof idTagTable>) {
    return { type: 'Authorize', frame: frame(), protocol: 'ocpp2.0.1', payload: { idToken: { idToken, type } }, idTags } as const;
  }

  it('decides a token of every type by its value, records its type, and answers with idTokenInfo (C01)', () => {
    const idTags = idTagTable(idTag('T1', { parentIdTag: 'FLEET', expiryDate: AT + 60_000 }));
    for (const type of tokenTypes) {
      spec.given([]).when(authorizeToken('T1', type, idTags)).then([
        {
          type: 'AuthorizationDecided', chargePointId: 'CP001', at: AT, idTag: 'T1', status: 'Accepted', expiryDate: AT + 60_000,
          parentIdTag: 'FLEET', idTokenType: type,
        },
        {
          type: 'Replied', chargePointId: 'CP001', at: AT, node: 2, connectionId: 'c1', messageId: 'm1',
          body: {
            kind: 'CallResult',
            payload: {
              idTokenInfo: { status: 'Accepted', cacheExpiryDateTime: '2025-01-01T10:01:00.000Z', groupIdToken: { idToken: 'FLEET', type: 'Central' } },
            },
          },
        },
      ]);
    }
  });

  it('matches an id tag with a type only to a token of that type, and refuses any other as Invalid', () => {
    const idTags = idTagTable(idTag('CARD', { idTokenType: 'ISO14443' }));
    spec.given([]).when(authorizeToken('CARD', 'ISO14443', idTags)).thenState((_state, events) => {
      assert.equal(events[0]?.type === 'AuthorizationDecided' && events[0].status, 'Accepted');
    });
    spec.given([]).when(authorizeToken('CARD', 'KeyCode', idTags)).thenState((_state, events) => {
      assert.equal(events[0]?.type === 'AuthorizationDecided' && events[0].status, 'Invalid');
      assert.deepEqual(events[1]?.type === 'Replied' && events[1].body, { kind: 'CallResult', payload: { idTokenInfo: { status: 'Invalid' } } });
    });
  });

  it('decides on the token alone when the EV presents a contract certificate, and says no certificateStatus', () => {
    const command = authorizeToken('EMAID1', 'eMAID', idTagTable(idTag('EMAID1', { status: 'Blocked' })));
    spec.given([]).when({ ...command, payload: { ...command.payload, certificate: '-----BEGIN CERTIFICATE-----' } }).thenState((_state, events) => {
      assert.deepEqual(events[1]?.type === 'Replied' && events[1].body, { kind: 'CallResult', payload: { idTokenInfo: { status: 'Blocked' } } });
    });
  });
});
