import { describe, it } from 'node:test';
import { deciderSpec } from './decider-spec.ts';
import { localListsDecider } from './local-lists.ts';
import { AT, answerReceived } from './fixtures.ts';

const spec = deciderSpec(localListsDecider);
const base = { chargePointId: 'CP001', at: AT };

describe('local lists decider', () => {
  it('records a local list the station accepted, with removals as a null status', () => {
    const request = {
      listVersion: 5, updateType: 'Differential',
      localAuthorizationList: [{ idTag: 'A', idTagInfo: { status: 'Accepted', expiryDate: '2025-01-01T10:00:01Z', parentIdTag: 'G' } }, { idTag: 'B' }],
    };
    spec.given([]).when(answerReceived('SendLocalList', request, { status: 'Accepted' })).then([{
      type: 'LocalListUpdated', ...base, listVersion: 5, updateType: 'Differential', entries: [
        { idTag: 'A', status: 'Accepted', expiryDate: AT + 1000, parentIdTag: 'G' },
        { idTag: 'B', status: null, expiryDate: null, parentIdTag: null },
      ],
    }]);
    spec.given([]).when(answerReceived('SendLocalList', request, { status: 'VersionMismatch' })).then([]);
  });

  it('reports the local list version', () => {
    spec.given([]).when(answerReceived('GetLocalListVersion', {}, { listVersion: 4 }))
      .then([{ type: 'LocalListVersionReported', ...base, listVersion: 4 }]);
  });
});

describe('local lists decider, OCPP 2.0.1', () => {
  const token = (idToken: string) => ({ idToken, type: 'ISO14443' });

  it('records a list the station accepted (D01): tokens by value, statuses in the domain\'s set, removals as a null status', () => {
    const request = {
      versionNumber: 7, updateType: 'Differential',
      localAuthorizationList: [
        { idToken: token('A'), idTokenInfo: { status: 'Accepted', cacheExpiryDateTime: '2025-01-01T10:00:01Z', groupIdToken: { idToken: 'G', type: 'Central' } } },
        { idToken: token('B'), idTokenInfo: { status: 'NotAtThisTime' } },
        { idToken: token('C'), idTokenInfo: { status: 'ConcurrentTx' } },
        { idToken: token('D') },
      ],
    };
    spec.given([]).when(answerReceived('SendLocalList', request, { status: 'Accepted' }, 'ocpp2.0.1')).then([{
      type: 'LocalListUpdated', ...base, listVersion: 7, updateType: 'Differential', entries: [
        { idTag: 'A', status: 'Accepted', expiryDate: AT + 1000, parentIdTag: 'G' },
        { idTag: 'B', status: 'Invalid', expiryDate: null, parentIdTag: null },
        { idTag: 'C', status: 'ConcurrentTx', expiryDate: null, parentIdTag: null },
        { idTag: 'D', status: null, expiryDate: null, parentIdTag: null },
      ],
    }]);
  });

  it('records an emptied list, and nothing of a list the station refused', () => {
    spec.given([]).when(answerReceived('SendLocalList', { versionNumber: 8, updateType: 'Full' }, { status: 'Accepted' }, 'ocpp2.0.1'))
      .then([{ type: 'LocalListUpdated', ...base, listVersion: 8, updateType: 'Full', entries: [] }]);
    for (const status of ['Failed', 'VersionMismatch']) {
      spec.given([]).when(answerReceived('SendLocalList', { versionNumber: 8, updateType: 'Full' }, { status }, 'ocpp2.0.1')).then([]);
    }
  });

  it('reports the local list version (D02)', () => {
    spec.given([]).when(answerReceived('GetLocalListVersion', {}, { versionNumber: 4 }, 'ocpp2.0.1'))
      .then([{ type: 'LocalListVersionReported', ...base, listVersion: 4 }]);
  });
});
