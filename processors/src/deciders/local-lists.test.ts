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
