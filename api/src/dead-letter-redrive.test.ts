import { test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import type { DeadLetterRedriveRequested } from '@csms/contracts';
import type { Db } from '@csms/projections';
import type { DeadLetterView } from '@csms/projections/dead-letters/queries.ts';
import { redriveRequest, settledSince } from './dead-letter-redrives.ts';
import { as, testApp, TEST_NOW, type TestOverrides, type Written } from './test-app.ts';

interface ErrorReply { error: { code: string; message: string } }
interface Answer {
  id: string; requestId: string; status: string; redrivenAt: string | null; redrivenBy: string | null; redriveOutcome: string | null;
  lastRedriveError: string | null; lastRedriveAttemptAt: string | null;
}

const ID = 'projection:charge-points/csms.config.charge-points/2/41';
const PATH = `/dead-letters/${encodeURIComponent(ID)}/redrive`;

type Row = Record<string, unknown>;

function row(overrides: Row = {}): Row {
  return {
    id: ID, consumer: 'projection:charge-points', source_topic: 'csms.config.charge-points', source_partition: 2, source_offset: '41',
    record_key: 'CP-R', reason: 'DB_REFUSED', error: 'refused', recorded_at: new Date(TEST_NOW - 60_000), value: Buffer.from('x'),
    redriven_at: null, redriven_by: null, redrive_outcome: null, last_redrive_error: null, last_redrive_attempt_at: null, ...overrides,
  };
}

/** The dead_letters read model as a map, answering the one query the route makes of it. */
function deadLetters(rows: Map<string, Row>): Db {
  return {
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
      assert.match(text, /^SELECT \* FROM dead_letters WHERE id = \$1$/);
      const found = rows.get(String(values?.[0]));
      const result = (found === undefined ? [] : [found]) as R[];
      return { rows: result, rowCount: result.length, command: '', oid: 0, fields: [] };
    },
  };
}

function requestOf(written: Written): DeadLetterRedriveRequested {
  return JSON.parse(written.value!.toString('utf8')) as DeadLetterRedriveRequested;
}

async function post(url: string, rows: Map<string, Row>, overrides: TestOverrides = {}, role: 'admin' | 'operator' = 'admin') {
  const { app, written } = await testApp({ pool: deadLetters(rows), ...overrides });
  const response = await app.inject({ method: 'POST', url, headers: as(role) });
  await app.close();
  return { response, written };
}

test('an open letter\'s re-drive is written under its id, with who asked, and answered 202 at once', async () => {
  const { response, written } = await post(PATH, new Map([[ID, row()]]));
  assert.equal(response.statusCode, 202, response.body);
  assert.equal(written.length, 1);
  assert.deepEqual([written[0]?.topic, written[0]?.key], ['deadLetterRedrives', ID]);
  const request = requestOf(written[0]!);
  assert.deepEqual({ ...request, requestId: '' }, { type: 'DeadLetterRedriveRequested', requestId: '', deadLetterId: ID, at: TEST_NOW, requestedBy: 'key:admin-key' });
  assert.match(request.requestId, /^[0-9a-f-]{36}$/);
  assert.deepEqual(response.json<Answer>(), {
    id: ID, requestId: request.requestId, status: 'open', redrivenAt: null, redrivenBy: null, redriveOutcome: null, lastRedriveError: null,
    lastRedriveAttemptAt: null,
  });
});

test('a letter not in the read model is 404 and one re-driven already is 409; neither writes anything', async () => {
  const missing = await post(PATH, new Map());
  assert.equal(missing.response.statusCode, 404);
  assert.equal(missing.response.json<ErrorReply>().error.code, 'DEAD_LETTER_NOT_FOUND');
  const done = await post(PATH, new Map([[ID, row({ redriven_at: new Date(TEST_NOW - 1_000), redriven_by: 'cli:ops', redrive_outcome: 'Applied' })]]));
  assert.equal(done.response.statusCode, 409);
  assert.equal(done.response.json<ErrorReply>().error.code, 'DEAD_LETTER_NOT_OPEN');
  assert.match(done.response.json<ErrorReply>().error.message, /cli:ops/);
  assert.deepEqual([...missing.written, ...done.written], []);
});

test('only an admin may re-drive', async () => {
  const { response, written } = await post(PATH, new Map([[ID, row()]]), {}, 'operator');
  assert.equal(response.statusCode, 403);
  assert.deepEqual(written, []);
});

test('an id that is not a dead letter\'s, or a wait over 60 s, is refused before the read model is asked', async () => {
  for (const url of ['/dead-letters/nothing-like-it/redrive', `/dead-letters/${encodeURIComponent('processors/ocpp.inbound/x/1')}/redrive`, `${PATH}?wait=61`]) {
    const { response, written } = await post(url, new Map());
    assert.equal(response.statusCode, 400, url);
    assert.equal(response.json<ErrorReply>().error.code, 'VALIDATION_FAILED');
    assert.deepEqual(written, []);
  }
});

test('with ?wait= it answers 200 once the read model shows the letter re-driven', async () => {
  const rows = new Map([[ID, row()]]);
  // As the projections would: the request run, the row marked.
  const onWrite = (written: Written) => {
    const request = requestOf(written);
    rows.set(ID, row({ redriven_at: new Date(TEST_NOW + 5), redriven_by: `api:${request.requestedBy}`, redrive_outcome: 'Applied', last_redrive_attempt_at: new Date(TEST_NOW + 5) }));
  };
  const { response } = await post(`${PATH}?wait=5`, rows, { onWrite });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual({ ...response.json<Answer>(), requestId: '' }, {
    id: ID, requestId: '', status: 'redriven', redrivenAt: new Date(TEST_NOW + 5).toISOString(), redrivenBy: 'api:key:admin-key', redriveOutcome: 'Applied',
    lastRedriveError: null, lastRedriveAttemptAt: new Date(TEST_NOW + 5).toISOString(),
  });
});

test('with ?wait= a re-drive that failed again is an outcome too: 200, open, with why', async () => {
  const before = new Date(TEST_NOW - 30_000);
  const rows = new Map([[ID, row({ last_redrive_error: 'an older failure', last_redrive_attempt_at: before })]]);
  const onWrite = () => rows.set(ID, row({ last_redrive_error: 'still refused', last_redrive_attempt_at: new Date(TEST_NOW + 5) }));
  const { response } = await post(`${PATH}?wait=5`, rows, { onWrite });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual([response.json<Answer>().status, response.json<Answer>().lastRedriveError], ['open', 'still refused']);
});

test('with ?wait= and no outcome in time it answers 202 with the letter as it is', async () => {
  const { response } = await post(`${PATH}?wait=1`, new Map([[ID, row({ last_redrive_error: 'an older failure', last_redrive_attempt_at: new Date(TEST_NOW - 30_000) })]]));
  assert.equal(response.statusCode, 202, response.body);
  assert.deepEqual([response.json<Answer>().status, response.json<Answer>().lastRedriveError], ['open', 'an older failure']);
});

test('an outcome is told by what the read model shows, not by comparing clocks', () => {
  const open: DeadLetterView = {
    id: ID, consumer: 'projection:charge-points', sourceTopic: 'csms.config.charge-points', partition: 2, offset: '41', key: 'CP-R', reason: 'DB_REFUSED',
    error: 'refused', recordedAt: '2025-01-15T09:59:00.000Z', valueBytes: 1, status: 'open', redrivenAt: null, redrivenBy: null, redriveOutcome: null,
    lastRedriveError: null, lastRedriveAttemptAt: null,
  };
  assert.equal(settledSince(open, open), false);
  assert.equal(settledSince(open, undefined), false);
  assert.equal(settledSince(open, { ...open, status: 'redriven' }), true);
  assert.equal(settledSince(open, { ...open, lastRedriveError: 'refused', lastRedriveAttemptAt: '2025-01-15T09:00:00.000Z' }), true,
    'even an attempt the api\'s clock would call earlier');
  assert.equal(redriveRequest(ID, 'sub:ops', 7, 'r').requestedBy, 'sub:ops');
});
