// openDeadLetterCounts on the real PostgreSQL: the count behind csms_projection_dead_letters_open.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { openDeadLetterCounts } from './queries.ts';

let env: TestEnvironment;
let pool: pg.Pool;

before(async () => {
  env = await startTestEnvironment();
  pool = new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
});

after(async () => {
  await pool.end();
  await env.stop();
});

async function letter(consumer: string, offset: number, redrivenAt: Date | null): Promise<void> {
  await pool.query(
    `INSERT INTO dead_letters (id, consumer, source_topic, source_partition, source_offset, reason, error, recorded_at, value, redriven_at)
     VALUES ($1, $2, 'ocpp.inbound', 0, $3, 'DECIDE_FAILED', 'boom', now(), '\\x00', $4)`,
    [`${consumer}/ocpp.inbound/0/${offset}`, consumer, offset, redrivenAt],
  );
}

test('counts the letters not yet re-driven by consumer, leaving out consumers with none open', async () => {
  assert.deepEqual(await openDeadLetterCounts(pool), new Map());
  await letter('processors', 1, null);
  await letter('processors', 2, null);
  await letter('processors', 3, new Date());
  await letter('projection:id-tags', 4, null);
  await letter('certificate-authority', 5, new Date());
  assert.deepEqual(await openDeadLetterCounts(pool), new Map([['processors', 2], ['projection:id-tags', 1]]));
});
