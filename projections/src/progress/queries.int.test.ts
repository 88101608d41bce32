// The projections' progress on a topic as the api's live events read it, on the real PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { projections } from '../runtime/registry.ts';
import { foldedProgress } from './queries.ts';

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

const saveOffset = (projection: string, topic: string, partition: number, next: number) => pool.query(
  `INSERT INTO projection_offsets (projection, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
   ON CONFLICT (projection, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset`, [projection, topic, partition, next]);

test('a partition has progressed as far as the slowest projection folding its topic; one not started counts 0', async () => {
  const topic = `${env.topicPrefix}csms.stations`;
  const folders = projections.filter((projection) => projection.topics.includes('stations')).map((projection) => projection.name);
  assert.ok(folders.length > 1, 'csms.stations has several folders');
  const [slowest, ...others] = folders;
  for (const name of others) await saveOffset(name, topic, 0, 50);
  // A projection of another topic, however far behind, holds nothing up here.
  await saveOffset('id-tags', topic.replace('csms.stations', 'csms.config.id-tags'), 0, 1);
  const progress = foldedProgress(pool, env.topicPrefix);
  assert.deepEqual(await progress(topic, [0, 1]), new Map([[0, 0n], [1, 0n]]), `${slowest} has not started`);
  await saveOffset(slowest!, topic, 0, 42);
  assert.deepEqual(await progress(topic, [0]), new Map([[0, 42n]]));
  await assert.rejects(progress(`${env.topicPrefix}ocpp.inbound`, [0]), /no projection folds/);
});
