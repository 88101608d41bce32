import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TariffAssignment } from '@csms/contracts';
import { idTag, idTagTable } from './fixtures.ts';
import { resolveTariff } from './tariff-resolution.ts';

function assignment(key: string, tariffId: string): [string, TariffAssignment] {
  const [kind, chargePointId = null, evseId = null] = key.split(':');
  const scopes: Readonly<Record<string, TariffAssignment['scope']>> = { default: 'Default', station: 'Station', evse: 'Evse', group: 'IdTokenGroup' };
  const scope = scopes[kind ?? 'default'] ?? 'Default';
  return [key, {
    scope, chargePointId: scope === 'IdTokenGroup' ? null : chargePointId, evseId: evseId === null ? null : Number(evseId),
    groupIdToken: scope === 'IdTokenGroup' ? chargePointId : null, tariffId, updatedAt: 0, updatedBy: null,
  }];
}

const idTags = idTagTable(idTag('T1', { parentIdTag: 'FLEET' }), idTag('T2'));
const all = new Map([
  assignment('group:FLEET', 'fleet'), assignment('evse:CP001:2', 'fast'), assignment('station:CP001', 'cp1'), assignment('default', 'base'),
]);
const scope = { chargePointId: 'CP001', connectorId: 2, idTag: 'T1' };

describe('which tariff prices a session', () => {
  it('given a group, EVSE, station and default assignment, when a group member starts, then the group\'s tariff wins', () => {
    assert.deepEqual(resolveTariff(scope, { idTags, tariffAssignments: all }), { tariffId: 'fleet', groupIdToken: 'FLEET' });
  });

  it('given no group assignment, when a session starts, then its EVSE\'s tariff, else its station\'s, else the default', () => {
    const without = (...keys: string[]) => new Map([...all].filter(([key]) => !keys.includes(key)));
    assert.deepEqual(resolveTariff(scope, { idTags, tariffAssignments: without('group:FLEET') }), { tariffId: 'fast', groupIdToken: 'FLEET' });
    assert.deepEqual(resolveTariff({ ...scope, connectorId: 1 }, { idTags, tariffAssignments: without('group:FLEET') })?.tariffId, 'cp1');
    assert.deepEqual(resolveTariff({ ...scope, chargePointId: 'CP002' }, { idTags, tariffAssignments: without('group:FLEET') })?.tariffId, 'base');
  });

  it('given an id tag without a parent, or one the table does not know, then no group is looked up', () => {
    assert.deepEqual(resolveTariff({ ...scope, idTag: 'T2' }, { idTags, tariffAssignments: all }), { tariffId: 'fast', groupIdToken: null });
    assert.deepEqual(resolveTariff({ ...scope, idTag: 'NOBODY' }, { idTags, tariffAssignments: all })?.tariffId, 'fast');
    assert.deepEqual(resolveTariff({ ...scope, idTag: '' }, { idTags, tariffAssignments: all })?.tariffId, 'fast');
  });

  it('given a stop whose start was never seen, then no EVSE is looked up', () => {
    assert.deepEqual(resolveTariff({ ...scope, idTag: null, connectorId: null }, { idTags, tariffAssignments: all })?.tariffId, 'cp1');
  });

  it('given no assignment at all, then the session is not billed', () => {
    assert.equal(resolveTariff(scope, { idTags, tariffAssignments: new Map() }), null);
  });
});
