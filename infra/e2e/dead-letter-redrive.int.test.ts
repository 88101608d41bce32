// Re-driving a dead letter through the REST API, the whole system as processes: a charge point
// the charge-points projection cannot store is set aside; a re-drive asked for while the cause is
// still there fails again and says why, the letter staying open; once the cause is gone, two
// requests at once re-drive it once, as the admin key that asked; and the request consumer,
// not stuck on the failure, has handled every request, the surplus one changing nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { topicName } from '@csms/contracts';
import { createKafka, createLogger } from '../src/index.ts';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { readTopic } from './read-topic.ts';
import { api, eventually, startSystem, type RunningSystem } from './system.ts';

const BASE_PORT = 25_500;
const STATION = 'E2E-REDRIVE-CP';
/** A rule the database holds that the record breaks, as a bug in a projector would; NOT VALID: only new rows are checked. */
const ADD_CAUSE = `ALTER TABLE charge_points ADD CONSTRAINT e2e_no_forbidden_name CHECK (name IS DISTINCT FROM 'Forbidden') NOT VALID`;
const DROP_CAUSE = 'ALTER TABLE charge_points DROP CONSTRAINT e2e_no_forbidden_name';

interface Letter { id: string; key: string | null; status: string; reason: string; lastRedriveError: string | null }
interface Redrive {
  id: string; requestId: string; status: string; redrivenAt: string | null; redrivenBy: string | null; redriveOutcome: string | null;
  lastRedriveError: string | null; lastRedriveAttemptAt: string | null;
}

const redrivePath = (id: string, wait?: number) => `/dead-letters/${encodeURIComponent(id)}/redrive${wait === undefined ? '' : `?wait=${wait}`}`;

describe('re-driving a dead letter through the api', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  let db: pg.Client;
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, BASE_PORT);
    db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
  });
  after(async () => {
    await db?.end();
    await system?.shutdown();
    await env?.stop();
  });

  /** Whether the projections' re-drive consumer has committed past every request written so far. */
  async function requestsAllHandled(): Promise<true | undefined> {
    const kafka = createKafka({ brokers: env.kafkaBrokers, clientId: `${env.topicPrefix}redrive-e2e`, logger: createLogger('redrive-e2e', 'warn') });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topic = topicName('deadLetterRedrives', env.topicPrefix);
      const [ends, [committed]] = await Promise.all([
        admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: `${env.topicPrefix}csms-projections-redrives`, topics: [topic] }),
      ]);
      const done = ends.every(({ partition, high }) => committed?.partitions.find((p) => p.partition === partition)?.offset === high);
      return done ? true : undefined;
    } finally {
      await admin.disconnect();
    }
  }

  it('fails again while the cause is there, then re-drives once as the key that asked', async () => {
    const me = (await api<{ id: string }>(system, 'GET', '/me')).body.id;
    await db.query(ADD_CAUSE);
    try {
      const created = await api(system, 'POST', '/charge-points', { id: STATION, name: 'Forbidden' });
      assert.ok([201, 202].includes(created.status), JSON.stringify(created));
      const letter = await eventually('the dead letter', async () => {
        const { body } = await api<{ items: Letter[] }>(system, 'GET', '/dead-letters?consumer=projection:charge-points&status=open');
        return body.items.find((item) => item.key === STATION && item.reason === 'DB_REFUSED');
      }, 60_000);

      // Still refused: the letter stays open, and says why, to whoever waited for it.
      const failed = await api<Redrive>(system, 'POST', redrivePath(letter.id, 30));
      assert.equal(failed.status, 200, JSON.stringify(failed.body));
      assert.equal(failed.body.status, 'open');
      assert.match(failed.body.lastRedriveError ?? '', /e2e_no_forbidden_name/);
      assert.equal((await api(system, 'GET', `/charge-points/${STATION}`)).status, 404);
    } finally {
      await db.query(DROP_CAUSE);
    }

    const letter = (await api<{ items: Letter[] }>(system, 'GET', '/dead-letters?consumer=projection:charge-points&status=open')).body.items
      .find((item) => item.key === STATION);
    assert.ok(letter);
    assert.match(letter.lastRedriveError ?? '', /e2e_no_forbidden_name/, 'GET /dead-letters shows it too');
    // Two operators at once: both pass the api's check, the letter's row lock lets one request re-drive it.
    const answers = await Promise.all([api<Redrive>(system, 'POST', redrivePath(letter.id, 30)), api<Redrive>(system, 'POST', redrivePath(letter.id, 30))]);
    for (const answer of answers) assert.ok([200, 409].includes(answer.status), JSON.stringify(answer));
    const redriven = answers.find((answer) => answer.status === 200)?.body;
    assert.equal(redriven?.status, 'redriven');
    assert.equal(redriven?.redriveOutcome, 'Applied');
    assert.equal(redriven?.redrivenBy, `api:${me}`);
    assert.equal(redriven?.lastRedriveError, null, 'a re-drive that succeeded clears the earlier failure');
    assert.equal((await api<{ name: string }>(system, 'GET', `/charge-points/${STATION}`)).body.name, 'Forbidden');

    // Every request handled, the failed one included: the consumer moved on. The surplus one changed nothing.
    await eventually('every re-drive request handled', requestsAllHandled, 60_000);
    const records = (await readTopic(env, 'deadLetter')).filter((record) => record.type !== 'DeadLetter' && record.deadLetterId === letter.id);
    assert.deepEqual(records.map((record) => record.type), ['DeadLetterRedriveFailed', 'DeadLetterRedriven']);
    const shown = (await api<{ items: (Letter & Redrive)[] }>(system, 'GET', '/dead-letters?status=redriven')).body.items.find((item) => item.id === letter.id);
    assert.equal(shown?.redrivenAt, redriven?.redrivenAt);

    // Asked again now: refused by the api, nothing written.
    const again = await api<{ error: { code: string } }>(system, 'POST', redrivePath(letter.id));
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'DEAD_LETTER_NOT_OPEN');
  });

  it('a letter the read model does not have is 404', async () => {
    const missing = await api<{ error: { code: string } }>(system, 'POST', redrivePath('projection:charge-points/csms.config.charge-points/0/999999'));
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'DEAD_LETTER_NOT_FOUND');
  });
});
