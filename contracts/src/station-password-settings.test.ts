// The password settings: what the api refuses in a generic command is broader than where the
// gateway opens a sealed password, and the call the api sends is one the gateway opens.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TABLE_VERSIONS } from './ocpp-tables.ts';
import { namedPasswordSetting, passwordCall, passwordValues, STATION_PASSWORD_SETTINGS } from './station-password-settings.ts';

const entry = (extra: object = {}): object => ({ component: { name: 'securityCTRLR' }, variable: { name: 'BasicAuthPassword' }, attributeValue: 'pw', ...extra });

describe('station password settings', () => {
  for (const version of TABLE_VERSIONS) {
    it(`${version}: the password call names its setting and carries the value in the password's place`, () => {
      const { action, payload } = passwordCall(version, 'the-value');
      assert.equal(namedPasswordSetting(action, payload), STATION_PASSWORD_SETTINGS[version]);
      const [found, ...more] = passwordValues(action, payload);
      assert.deepEqual({ setting: found?.setting, value: found?.value, more }, { setting: STATION_PASSWORD_SETTINGS[version], value: 'the-value', more: [] });
      assert.deepEqual(found?.withValue('plain'), passwordCall(version, 'plain').payload);
    });
  }

  it('names the password in any entry of it, but finds its value only in the station-wide Actual one', () => {
    for (const other of [entry({ attributeType: 'Target' }), entry({ component: { name: 'SecurityCtrlr', evse: { id: 1 } } }), entry({ attributeValue: 1 })]) {
      const payload = { setVariableData: [other] };
      assert.equal(namedPasswordSetting('SetVariables', payload), 'SecurityCtrlr.BasicAuthPassword');
      assert.deepEqual(passwordValues('SetVariables', payload), []);
    }
    assert.equal(namedPasswordSetting('ChangeConfiguration', { key: 'authorizationkey', value: 'x' }), 'AuthorizationKey');
    assert.equal(namedPasswordSetting('ChangeConfiguration', { key: 'HeartbeatInterval', value: '60' }), null);
    assert.equal(namedPasswordSetting('DataTransfer', { key: 'AuthorizationKey' }), null);
  });
});
