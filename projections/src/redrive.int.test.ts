// `npm run redrive` against the real Kafka, registry and PostgreSQL: a projection's dead letter
// is applied again once the cause is gone (once, with two operators at once), a processors' one is
// appended again to its topic, and each is then shown as re-driven; a rebuild that fails a
// re-driven record again reopens its letter.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Kafka, Producer } from 'kafkajs';
import { createSerde, topicName, type DeadLetter, type Serde } from '@csms/contracts';
import { connectReplaceableProducer, createKafka, createLogger, createPool, ensureTopics, type Pool, type ReplaceableProducer } from '@csms/infra';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { deadLetterWriter } from './runtime/dead-letter-writer.ts';
import { rebuildProjections } from './runtime/rebuild-projections.ts';
import { projectionsGroupId, startLiveProjections, type RunningProjection } from './runtime/live-consumer.ts';
import { findProjection } from './runtime/registry.ts';

const logger = createLogger('redrive-int', 'silent');
const redriveScript = fileURLToPath(new URL('./redrive.ts', import.meta.url));
let env: TestEnvironment;
let kafka: Kafka;
let producer: Producer;
let deadLetterProducer: ReplaceableProducer;
let serde: Serde;
let pool: Pool;
const running: RunningProjection[] = [];

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`${what}: not so after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function redrive(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', redriveScript, ...args], {
    env: {
      ...process.env, KAFKA_BROKERS: env.kafkaBrokers.join(','), SCHEMA_REGISTRY_URL: env.registryUrl,
      DATABASE_URL: env.databaseUrl, CSMS_TOPIC_PREFIX: env.topicPrefix, LOG_LEVEL: 'warn',
    },
  });
  return stdout;
}

async function row<T extends object>(sql: string, values: unknown[]): Promise<T | undefined> {
  return (await pool.query<T>(sql, values)).rows[0];
}

before(async () => {
  env = await startTestEnvironment();
  kafka = createKafka({ brokers: env.kafkaBrokers, clientId: 'redrive-int', logger });
  await ensureTopics(kafka, env.topicPrefix);
  serde = await createSerde({ registryUrl: env.registryUrl, topicPrefix: env.topicPrefix });
  pool = createPool(env.databaseUrl);
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  deadLetterProducer = await connectReplaceableProducer(kafka, logger);
  const deadLetters = deadLetterWriter(deadLetterProducer, serde, env.topicPrefix);
  running.push(await startLiveProjections({
    kafka, pool, serde, topicPrefix: env.topicPrefix, projections: [findProjection('charge-points')!, findProjection('dead-letters')!],
    groupId: projectionsGroupId(env.topicPrefix), logger, deadLetters, maxAttempts: 2, partitionsInParallel: 4, onBatch: () => undefined,
  }));
});

after(async () => {
  await Promise.all(running.map((r) => r.stop()));
  await producer?.disconnect();
  await deadLetterProducer?.disconnect();
  await pool?.end();
  await env?.stop();
});

test('a projection\'s dead letter is applied again once its cause is gone', async () => {
  // The cause: a rule the database holds that the record breaks (as a bug in a projector would).
  await pool.query(`ALTER TABLE charge_points ADD CONSTRAINT no_forbidden_name CHECK (name IS DISTINCT FROM 'Forbidden') NOT VALID`);
  const record = { id: 'CP-R', name: 'Forbidden', location: null, registrationStatus: 'Accepted', updatedAt: 1, securityProfile: 0, updatedBy: null, site: null } as const;
  await producer.send({
    topic: topicName('chargePoints', env.topicPrefix), acks: -1,
    messages: [{ key: 'CP-R', value: await serde.encode('chargePoints', record) }],
  });
  const letter = await eventually('the dead letter', () => row<{ id: string; reason: string }>(
    `SELECT id, reason FROM dead_letters WHERE record_key = 'CP-R'`, []));
  assert.equal(letter.reason, 'DB_REFUSED');
  assert.equal(await row(`SELECT id FROM charge_points WHERE id = 'CP-R'`, []), undefined);

  // Still refused: it stays open and the command says so.
  await assert.rejects(redrive(letter.id), /still failing/);
  await pool.query('ALTER TABLE charge_points DROP CONSTRAINT no_forbidden_name');
  // Two operators at once: the letter's row lock lets one apply it; the other finds it closed.
  const outputs = await Promise.all([redrive(letter.id), redrive(letter.id)]);
  assert.equal(outputs.filter((output) => /: Applied/.test(output)).length, 1, outputs.join(' | '));
  assert.equal((await row<{ name: string }>(`SELECT name FROM charge_points WHERE id = 'CP-R'`, []))?.name, 'Forbidden');
  // Closed in the re-apply's own transaction, before the DeadLetterRedriven record is even read back.
  const closed = await row<{ redrive_outcome: string; redriven_by: string }>(
    'SELECT redrive_outcome, redriven_by FROM dead_letters WHERE id = $1 AND redriven_at IS NOT NULL', [letter.id]);
  assert.equal(closed?.redrive_outcome, 'Applied');
  assert.match(closed?.redriven_by ?? '', /^cli:/);
  assert.match(await redrive(letter.id), /no open dead letter/);

  // A rebuild that still fails the record shows it again: the re-driven letter is written anew and reopens.
  // NOT VALID: the row applied above stays until the rebuild deletes it; what is written again is checked.
  await pool.query(`ALTER TABLE charge_points ADD CONSTRAINT no_forbidden_name CHECK (name IS DISTINCT FROM 'Forbidden') NOT VALID`);
  try {
    await rebuildProjections({
      kafka, pool, serde, topicPrefix: env.topicPrefix, projections: [findProjection('charge-points')!], logger, stallTimeoutMs: 30_000,
      groupId: `${env.topicPrefix}rebuild-charge-points`, deadLetters: deadLetterWriter(deadLetterProducer, serde, env.topicPrefix), maxAttempts: 2,
    });
    const reopened = await eventually('reopened', () => row<{ reason: string }>(
      'SELECT reason FROM dead_letters WHERE id = $1 AND redriven_at IS NULL', [letter.id]));
    assert.equal(reopened.reason, 'DB_REFUSED');
    assert.equal(await row(`SELECT id FROM charge_points WHERE id = 'CP-R'`, []), undefined, 'the rebuild set it aside again');
  } finally {
    await pool.query('ALTER TABLE charge_points DROP CONSTRAINT no_forbidden_name');
  }
});

test('a processors\' dead letter is appended again to its source topic, marked as a re-drive', async () => {
  const source = topicName('commandRequests', env.topicPrefix);
  const letter: DeadLetter = {
    type: 'DeadLetter', consumer: 'processors', reason: 'DECIDE_FAILED', sourceTopic: source, partition: 4, offset: '7',
    key: 'CP-P', value: Buffer.from('the record as it was'), error: 'TypeError: bug', at: 2,
  };
  await deadLetterWriter(deadLetterProducer, serde, env.topicPrefix).write([letter]);
  const id = `processors/${source}/4/7`;
  await eventually('the dead letter', () => row(`SELECT id FROM dead_letters WHERE id = $1`, [id]));

  const appended: { key: string | null; value: string; header: string | undefined }[] = [];
  const reader = kafka.consumer({ groupId: `${env.topicPrefix}redrive-reader` });
  await reader.connect();
  await reader.subscribe({ topic: source, fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      appended.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', header: message.headers?.['csms-redrive-of']?.toString() });
    },
  });
  try {
    assert.match(await redrive('--consumer', 'processors'), /: Reappended/);
    const copy = await eventually('the copy in its topic', async () => appended[0]);
    assert.deepEqual(copy, { key: 'CP-P', value: 'the record as it was', header: id });
    await eventually('re-driven', () => row(`SELECT id FROM dead_letters WHERE id = $1 AND redrive_outcome = 'Reappended'`, [id]));
  } finally {
    await reader.disconnect();
  }
});
