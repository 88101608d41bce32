// The api against real Kafka, schema registry and PostgreSQL, with the real projections
// folding what it writes (and what the test produces as events) into the read models.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Kafka, Producer } from 'kafkajs';
import { createSerde, topicName, type Serde, type TopicName, type ValueOf } from '@csms/contracts';
import { createKafka, createLogger, createPool, ensureTopics, type Pool } from '@csms/infra';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { projections, startLiveProjection, type RunningProjection } from '@csms/projections';
import { booted, connected, sampled, started, stopped, T0 } from '@csms/projections/test-events.ts';
import { buildApp } from './build-app.ts';

const logger = createLogger('api-int', 'silent');
let env: TestEnvironment;
let kafka: Kafka;
let producer: Producer;
let serde: Serde;
let pool: Pool;
let app: FastifyInstance;
const running: RunningProjection[] = [];

async function produce<T extends TopicName>(topic: T, key: string, value: ValueOf<T> | null): Promise<void> {
  const bytes = value === null ? null : await serde.encode(topic, value);
  await producer.send({ topic: topicName(topic, env.topicPrefix), acks: -1, messages: [{ key, value: bytes }] });
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function rowCount(sql: string): Promise<number> {
  return (await pool.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
}

before(async () => {
  env = await startTestEnvironment();
  kafka = createKafka({ brokers: env.kafkaBrokers, clientId: 'api-int', logger });
  await ensureTopics(kafka, env.topicPrefix);
  serde = await createSerde({ registryUrl: env.registryUrl, topicPrefix: env.topicPrefix });
  pool = createPool(env.databaseUrl);
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (const projection of projections) {
    running.push(await startLiveProjection({ kafka, pool, serde, topicPrefix: env.topicPrefix, projection, logger, onApplied: () => undefined }));
  }
  app = await buildApp({
    pool, serde, logger, clock: () => Date.now(), checkKafka: async () => true,
    writer: {
      async write({ topic, key, value }) {
        await producer.send({ topic: topicName(topic, env.topicPrefix), acks: -1, messages: [{ key, value }] });
      },
    },
    readYourWrites: { timeoutMs: 10_000, intervalMs: 50 },
  });
  // Warm up: every consumer has joined its group and folds records before the first request.
  await produce('idTags', 'WARM-UP', { idTag: 'WARM-UP', status: 'Accepted', expiryDate: null, parentIdTag: null, updatedAt: T0 });
  await produce('chargePoints', 'CP-WARM', { id: 'CP-WARM', name: null, location: null, registrationStatus: 'Accepted', updatedAt: T0 });
  await produce('stations', 'CP-1', connected('CP-1', 'c-1', T0));
  await produce('stations', 'CP-1', booted('CP-1', T0 + 1_000));
  await produce('stations', 'CP-2', connected('CP-2', 'c-9', T0));
  await produce('sessions', 'CP-1', started('CP-1', 1, T0 + 60_000));
  await produce('sessions', 'CP-1', sampled('CP-1', 1, T0 + 90_000));
  await produce('sessions', 'CP-1', stopped('CP-1', 1, T0 + 120_000, T0 + 60_000));
  await produce('sessions', 'CP-1', started('CP-1', 2, T0 + 3_600_000));
  await produce('sessions', 'CP-2', started('CP-2', 3, T0 + 7_200_000));
  await eventually(async () => (await rowCount(`SELECT count(*)::int AS n FROM id_tags WHERE id_tag = 'WARM-UP'`)) === 1, 'id-tags projection');
  await eventually(async () => (await rowCount(`SELECT count(*)::int AS n FROM charge_points WHERE id = 'CP-WARM'`)) === 1, 'charge-points projection');
  await eventually(async () => (await rowCount('SELECT count(*)::int AS n FROM transactions')) === 3, 'transactions projection');
  await eventually(async () => (await rowCount('SELECT count(*)::int AS n FROM connections')) === 2, 'connections projection');
});

after(async () => {
  await app?.close();
  await Promise.all(running.map((r) => r.stop()));
  await producer?.disconnect();
  await pool?.end();
  await env?.stop();
});

interface ErrorReply { error: { code: string; message: string } }
interface PageReply<T> { items: T[]; total: number; limit: number; offset: number }

test('id tags: POST shows up in GET, PUT changes it, DELETE removes it', async () => {
  const created = await app.inject({
    method: 'POST', url: '/id-tags',
    payload: { idTag: 'RFID-API-1', status: 'Accepted', expiryDate: '2030-01-01T00:00:00.000Z', parentIdTag: null },
  });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().expiryDate, '2030-01-01T00:00:00.000Z');

  const got = await app.inject({ method: 'GET', url: '/id-tags/RFID-API-1' });
  assert.equal(got.statusCode, 200);
  assert.deepEqual(got.json(), created.json());
  const list = (await app.inject({ method: 'GET', url: '/id-tags' })).json<PageReply<{ idTag: string }>>();
  assert.deepEqual(list.items.map((t) => t.idTag).sort(), ['RFID-API-1', 'WARM-UP']);

  const duplicate = await app.inject({ method: 'POST', url: '/id-tags', payload: { idTag: 'RFID-API-1' } });
  assert.equal(duplicate.statusCode, 409);
  assert.equal(duplicate.json<ErrorReply>().error.code, 'ID_TAG_EXISTS');

  const updated = await app.inject({ method: 'PUT', url: '/id-tags/RFID-API-1', payload: { status: 'Blocked', parentIdTag: 'PARENT-1' } });
  assert.equal(updated.statusCode, 200, updated.body);
  const afterPut = (await app.inject({ method: 'GET', url: '/id-tags/RFID-API-1' })).json();
  assert.equal(afterPut.status, 'Blocked');
  assert.equal(afterPut.parentIdTag, 'PARENT-1');
  assert.equal(afterPut.expiryDate, '2030-01-01T00:00:00.000Z', 'unchanged fields are kept');

  const deleted = await app.inject({ method: 'DELETE', url: '/id-tags/RFID-API-1' });
  assert.equal(deleted.statusCode, 204, deleted.body);
  const gone = await app.inject({ method: 'GET', url: '/id-tags/RFID-API-1' });
  assert.equal(gone.statusCode, 404);
  assert.equal(gone.json<ErrorReply>().error.code, 'ID_TAG_NOT_FOUND');
});

test('charge points: POST, list, detail with connection, PUT, DELETE', async () => {
  const created = await app.inject({ method: 'POST', url: '/charge-points', payload: { id: 'CP-1', name: 'Depot 1' } });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().registrationStatus, 'Accepted');
  assert.equal(created.json().vendor, 'ExampleVendor', 'the row joins what the station reported');

  const list = (await app.inject({ method: 'GET', url: '/charge-points?limit=10' })).json<PageReply<{ id: string; registered: boolean }>>();
  assert.deepEqual(list.items.map((c) => [c.id, c.registered]), [['CP-1', true], ['CP-2', false], ['CP-WARM', true]]);
  assert.equal(list.total, 3);

  const detail = await app.inject({ method: 'GET', url: '/charge-points/CP-1' });
  assert.equal(detail.statusCode, 200);
  assert.equal(detail.json().connection.connectionId, 'c-1');
  assert.deepEqual(detail.json().connectors, []);

  const again = await app.inject({ method: 'POST', url: '/charge-points', payload: { id: 'CP-1' } });
  assert.equal(again.json<ErrorReply>().error.code, 'CHARGE_POINT_EXISTS');
  assert.equal(again.statusCode, 409);

  const updated = await app.inject({ method: 'PUT', url: '/charge-points/CP-1', payload: { registrationStatus: 'Rejected' } });
  assert.equal(updated.statusCode, 200, updated.body);
  assert.equal(updated.json().registrationStatus, 'Rejected');
  assert.equal(updated.json().name, 'Depot 1');

  const deleted = await app.inject({ method: 'DELETE', url: '/charge-points/CP-WARM' });
  assert.equal(deleted.statusCode, 204, deleted.body);
  assert.equal((await app.inject({ method: 'GET', url: '/charge-points/CP-WARM' })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: '/charge-points/NOPE' })).json<ErrorReply>().error.code, 'CHARGE_POINT_NOT_FOUND');
});

test('transactions: filters, paging and detail with meter values', async () => {
  const get = async (query: string) => (await app.inject({ method: 'GET', url: `/transactions${query}` })).json<PageReply<{ transactionId: number }>>();
  const ids = (page: PageReply<{ transactionId: number }>) => page.items.map((t) => t.transactionId);

  const all = await get('');
  assert.deepEqual(ids(all), [3, 2, 1], 'newest first');
  assert.equal(all.total, 3);
  assert.deepEqual(ids(await get('?chargePointId=CP-1')), [2, 1]);
  assert.deepEqual(ids(await get('?status=Completed')), [1]);
  assert.deepEqual(ids(await get('?status=Active&chargePointId=CP-1')), [2]);
  const from = new Date(T0 + 60_000).toISOString();
  const to = new Date(T0 + 7_200_000).toISOString();
  assert.deepEqual(ids(await get(`?from=${from}&to=${to}`)), [2, 1], 'from inclusive, to exclusive');
  const page = await get('?limit=1&offset=1');
  assert.deepEqual(ids(page), [2]);
  assert.deepEqual([page.total, page.limit, page.offset], [3, 1, 1]);

  const detail = await app.inject({ method: 'GET', url: '/transactions/1' });
  assert.equal(detail.statusCode, 200);
  const body = detail.json();
  assert.equal(body.status, 'Completed');
  assert.equal(body.energyWh, 25_500);
  assert.deepEqual(body.meterValues.map((m: { measurand: string }) => m.measurand),
    ['Energy.Active.Import.Register', 'Power.Active.Import', 'Energy.Active.Import.Register']);
  const times = body.meterValues.map((m: { sampledAt: string }) => m.sampledAt);
  assert.deepEqual(times, [...times].sort());
  assert.equal((await app.inject({ method: 'GET', url: '/transactions/999' })).json<ErrorReply>().error.code, 'TRANSACTION_NOT_FOUND');
});

test('connections from the read model', async () => {
  const list = (await app.inject({ method: 'GET', url: '/connections' })).json<PageReply<{ chargePointId: string; connected: boolean }>>();
  assert.deepEqual(list.items.map((c) => [c.chargePointId, c.connected]), [['CP-1', true], ['CP-2', true]]);
  const one = await app.inject({ method: 'GET', url: '/connections/CP-2' });
  assert.equal(one.json().connectionId, 'c-9');
  assert.equal((await app.inject({ method: 'GET', url: '/connections/CP-404' })).statusCode, 404);
});

test('bad bodies get a 400 with a message', async () => {
  const response = await app.inject({ method: 'POST', url: '/id-tags', payload: { idTag: 'X'.repeat(21) } });
  assert.equal(response.statusCode, 400);
  const body = response.json<ErrorReply>();
  assert.equal(body.error.code, 'VALIDATION_FAILED');
  assert.match(body.error.message, /idTag/);
});

test('health and OpenAPI', async () => {
  const health = await app.inject({ method: 'GET', url: '/health' });
  assert.deepEqual(health.json(), { status: 'ok', database: 'up', kafka: 'up' });
  const paths = Object.keys((await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: object }>().paths).sort();
  assert.deepEqual(paths, [
    '/charge-points', '/charge-points/{id}', '/connections', '/connections/{chargePointId}', '/health',
    '/id-tags', '/id-tags/{idTag}', '/transactions', '/transactions/{id}',
  ]);
});
