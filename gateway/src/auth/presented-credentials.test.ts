import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { basicCredentialsOf } from './presented-credentials.ts';

const header = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

describe('HTTP Basic credentials (RFC 7617)', () => {
  it('reads the username up to the first colon and the password whole', () => {
    assert.deepEqual(basicCredentialsOf(header('CP001:pass:with:colons')), { username: 'CP001', password: 'pass:with:colons' });
    assert.deepEqual(basicCredentialsOf(`basic ${Buffer.from('CP001:x').toString('base64')}`), { username: 'CP001', password: 'x' });
  });

  it('tells an absent header from one that is not Basic', () => {
    assert.equal(basicCredentialsOf(undefined), null);
    assert.equal(basicCredentialsOf(''), null);
    for (const bad of ['Bearer abc', 'Basic', 'Basic !!!', header('no-colon')]) assert.equal(basicCredentialsOf(bad), 'malformed', bad);
  });
});
