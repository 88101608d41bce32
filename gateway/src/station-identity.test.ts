import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStationIdentity, parseStationUrl } from './station-identity.ts';

describe('station identity', () => {
  it('accepts the unreserved set and what OCPP 2.0.1 identifierString adds', () => {
    for (const id of ['CP001', 'a-b.c_d~e', 'site*1=2:3+4|5@6', 'X'.repeat(48), '0', '...', '.a']) {
      assert.equal(decodeStationIdentity(id), id, id);
    }
  });

  it('percent-decodes exactly once', () => {
    assert.equal(decodeStationIdentity('CP%2D01'), 'CP-01');
    assert.equal(decodeStationIdentity('%43%50%30%31'), 'CP01');
    assert.equal(decodeStationIdentity('a%3Ab%40c%2Bd%7Ce%3Df'), 'a:b@c+d|e=f', 'what encodeURIComponent escapes');
    assert.equal(decodeStationIdentity(`${'%41'.repeat(48)}`), 'A'.repeat(48), 'the length counts decoded characters');
  });

  it('refuses anything else', () => {
    const refused: [string, string][] = [
      ['empty', ''],
      ['49 characters', 'X'.repeat(49)],
      ['49 once decoded', '%41'.repeat(49)],
      ['an encoded slash', 'a%2Fb'],
      ['an encoded slash, lower case', 'a%2fb'],
      ['a slash', 'a/b'],
      ['an encoded percent (decoding twice would change it)', 'a%252Fb'],
      ['an encoded percent alone', '%25'],
      ['a space', 'CP 01'],
      ['an encoded space', 'CP%2001'],
      ['an encoded NUL', 'CP%0001'],
      ['a malformed escape', 'CP%G1'],
      ['a truncated escape', 'CP%2'],
      ['a bare percent', '100%'],
      ['an escape that is not UTF-8', '%FF'],
      ['non-ASCII, encoded', 'caf%C3%A9'],
      ['non-ASCII, raw', 'café'],
      ['a question mark', 'a?b'],
      ['a hash', 'a#b'],
      ['a backslash', 'a\\b'],
      ['a quote', 'a"b'],
      ['a dot-segment', '.'],
      ['a dot-segment, encoded', '%2E'],
      ['the parent dot-segment', '..'],
      ['the parent dot-segment, encoded', '%2E%2e'],
    ];
    for (const [name, raw] of refused) assert.equal(decodeStationIdentity(raw), null, name);
  });

  it('reads the path form and the seed\'s query form from the raw URL', () => {
    assert.deepEqual(parseStationUrl('/ocpp/CP%2D01'), { ok: true, chargePointId: 'CP-01', legacyVersion: undefined });
    assert.deepEqual(parseStationUrl('/ocpp?chargePointId=CP001&version=1.6'), { ok: true, chargePointId: 'CP001', legacyVersion: '1.6' });
    assert.deepEqual(parseStationUrl('/ocpp?version=1.6&chargePointId=a+b'), { ok: true, chargePointId: 'a+b', legacyVersion: '1.6' },
      '+ is a character, not a form-encoded space');
    assert.deepEqual(parseStationUrl('/ocpp/CP1?chargePointId=OTHER'), { ok: true, chargePointId: 'CP1', legacyVersion: undefined },
      'the path decides in the path form');
  });

  it('refuses ambiguous or malformed URLs', () => {
    for (const url of [
      '/ocpp', '/ocpp?', '/ocpp?chargePointId=', '/ocpp?chargePointId=A&chargePointId=B', '/ocpp?chargePointId=a%2Fb',
      '/ocpp/CP1?version=1.6&version=2', '/ocpp/a/b', '/other/CP1', '/ocpp/', '/ocppCP1', '/ocpp/..', '/ocpp?chargePointId=.',
    ]) {
      assert.equal(parseStationUrl(url).ok, false, url);
    }
  });
});
