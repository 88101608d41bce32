import assert from 'node:assert/strict';
import { it } from 'node:test';
import { href, parseRoute } from './routes.ts';

it('reads every page from the hash', () => {
  assert.deepEqual(parseRoute(''), { page: 'fleet' });
  assert.deepEqual(parseRoute('#/'), { page: 'fleet' });
  assert.deepEqual(parseRoute('#/sessions'), { page: 'sessions' });
  assert.deepEqual(parseRoute('#/sessions/42'), { page: 'session', id: '42' });
  assert.deepEqual(parseRoute('#/id-tags'), { page: 'id-tags' });
  assert.deepEqual(parseRoute('#/dead-letters'), { page: 'dead-letters' });
  assert.deepEqual(parseRoute('#/tariffs'), { page: 'tariffs' });
  assert.deepEqual(parseRoute('#/cdrs'), { page: 'cdrs' });
  assert.deepEqual(parseRoute('#/sign-in'), { page: 'sign-in' });
});

it('round-trips a station id that needs escaping', () => {
  assert.deepEqual(parseRoute(href.station('CP 1/a')), { page: 'station', id: 'CP 1/a' });
});

it('answers not-found for unknown or malformed paths', () => {
  assert.equal(parseRoute('#/nope').page, 'not-found');
  assert.equal(parseRoute('#/stations/').page, 'not-found');
  assert.equal(parseRoute('#/stations/a/b').page, 'not-found');
  assert.equal(parseRoute('#/stations/%E0%A4%A').page, 'not-found');
});
