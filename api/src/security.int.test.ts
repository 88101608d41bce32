// Operators and station credentials through real Kafka, schema registry and PostgreSQL: API
// keys written by the api and followed back from their topic, station passwords hashed onto the
// credentials topic and into the read model as mere facts, the AuthorizationKey rotation sealed
// end to end, and the security-profile upgrade. A fake processor accepts every command.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { createSerde, topicName, type CommandRequested, type Serde } from '@csms/contracts';
import { createKafka, createLogger, createPool, ensureTopics, verifyStationPassword, type Pool } from '@csms/infra';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { projections, projectionsGroupId, startLiveProjections, type RunningProjection } from '@csms/projections';
import { commandCompleted, commandSent } from '@csms/projections/test-commands.ts';
import { T0 } from '@csms/projections/test-events.ts';
import { sha256Hex } from './auth/api-keys.ts';
import { startIntApp, type IntApp } from './test-int-app.ts';

const logger = createLogger('api-security-int', 'silent');
let env: TestEnvironment;
let kafka: Kafka;
let producer: Producer;
let serde: Serde;
let pool: Pool;
let api: IntApp;
let fakeProcessor: Consumer | undefined;
const running: RunningProjection[] = [];
/** What the fake processor read from csms.command-requests. */
const requests: { record: CommandRequested }[] = [];

interface ErrorReply { error: { code: string; message: string } }

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await api.inject({ method: 'GET', url });
  assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
  return response.json<T>();
}

/** Echoes every command request to 'commands', sent and accepted, as a processor and a willing station would. */
async function startFakeProcessor(): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `${env.topicPrefix}fake-processor` });
  const joined = new Promise<void>((resolve) => { consumer.on(consumer.events.GROUP_JOIN, () => resolve()); });
  await consumer.connect();
  await consumer.subscribe({ topics: [topicName('commandRequests', env.topicPrefix)], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (message.value === null) return;
      const record = await serde.decode('commandRequests', message.value);
      requests.push({ record });
      const { chargePointId: cp, commandId, action, at } = record;
      const events = [record, commandSent(cp, commandId, at + 10, action), commandCompleted(cp, commandId, at + 20, 'Accepted', action)];
      for (const event of events) {
        await producer.send({ topic: topicName('commands', env.topicPrefix), acks: -1, messages: [{ key: cp, value: await serde.encode('commands', event) }] });
      }
    },
  });
  await joined;
  return consumer;
}

before(async () => {
  env = await startTestEnvironment();
  kafka = createKafka({ brokers: env.kafkaBrokers, clientId: 'api-security-int', logger });
  await ensureTopics(kafka, env.topicPrefix);
  serde = await createSerde({ registryUrl: env.registryUrl, topicPrefix: env.topicPrefix });
  pool = createPool(env.databaseUrl);
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  running.push(await startLiveProjections({
    kafka, pool, serde, topicPrefix: env.topicPrefix, projections, groupId: projectionsGroupId(env.topicPrefix), logger,
    deadLetters: { write: async () => undefined }, maxAttempts: 1, partitionsInParallel: 4, onBatch: () => undefined,
  }));
  api = await startIntApp({ kafka, serde, pool, topicPrefix: env.topicPrefix, logger });
  // Warm up: the projections have joined their groups and fold records before the first request.
  const warm = { id: 'CP-WARM', name: null, location: null, registrationStatus: 'Accepted' as const, updatedAt: T0, securityProfile: 0, updatedBy: null, site: null };
  await producer.send({ topic: topicName('chargePoints', env.topicPrefix), acks: -1, messages: [{ key: warm.id, value: await serde.encode('chargePoints', warm) }] });
  await eventually(async () => (await pool.query(`SELECT 1 FROM charge_points WHERE id = 'CP-WARM'`)).rowCount === 1, 'charge-points projection');
  fakeProcessor = await startFakeProcessor();
});

after(async () => {
  await fakeProcessor?.disconnect();
  await api?.stop();
  await Promise.all(running.map((r) => r.stop()));
  await producer?.disconnect();
  await pool?.end();
  await env?.stop();
});

test('the admin key from CSMS_ADMIN_API_KEY went through Kafka: created by the api, active', async () => {
  const admin = api.apiKeys.byId(api.adminPrincipal.slice('key:'.length));
  assert.deepEqual([admin?.role, admin?.revokedAt, admin?.createdBy], ['admin', null, 'csms:api']);
  assert.equal((await api.app.inject({ method: 'GET', url: '/api-keys' })).statusCode, 401, 'and nothing works without it');
});

test('API keys through Kafka: a created key works once its record is followed back, and stops once revoked', async () => {
  const created = await api.inject({ method: 'POST', url: '/api-keys', payload: { name: 'int viewer', role: 'viewer' } });
  assert.equal(created.statusCode, 201, created.body);
  const { id, key } = created.json<{ id: string; key: string }>();
  const asViewer = { authorization: `Bearer ${key}` };
  assert.equal((await api.inject({ method: 'GET', url: '/charge-points', headers: asViewer })).statusCode, 200);
  assert.equal((await api.inject({ method: 'POST', url: '/id-tags', headers: asViewer, payload: { idTag: 'NOPE' } })).statusCode, 403);
  const listed = await api.inject({ method: 'GET', url: '/api-keys' });
  assert.ok(listed.json<{ items: { id: string }[] }>().items.some((k) => k.id === id));
  assert.ok(!listed.body.includes(sha256Hex(key)));

  const revoked = await api.inject({ method: 'DELETE', url: `/api-keys/${id}` });
  assert.equal(revoked.statusCode, 200, revoked.body);
  assert.equal((await api.inject({ method: 'GET', url: '/charge-points', headers: asViewer })).statusCode, 401);
});

test('station credentials: the hash goes to the credentials topic, the read model shows only that a password is set', async () => {
  const password = 'int-test-password-0123';
  const next = 'int-test-password-4567';
  const created = await api.inject({ method: 'POST', url: '/charge-points', payload: { id: 'CP-SEC', securityProfile: 1, basicAuthPassword: password } });
  assert.equal(created.statusCode, 201, created.body);
  assert.deepEqual([created.json().securityProfile, created.json().passwordSet], [1, true]);
  await eventually(async () => api.credentials.has('CP-SEC'), 'the credential followed back');
  assert.ok(await verifyStationPassword(password, api.credentials.get('CP-SEC')!.passwordHash));
  const row = (await pool.query('SELECT * FROM station_credentials WHERE charge_point_id = $1', ['CP-SEC'])).rows[0];
  assert.ok(row.password_set_at instanceof Date);
  assert.ok(!JSON.stringify(row).includes(password) && !JSON.stringify(row).includes('scrypt'));

  const rotated = await api.inject({
    method: 'PUT', url: '/charge-points/CP-SEC/password', payload: { basicAuthPassword: next, setOnStation: true },
  });
  assert.equal(rotated.statusCode, 200, rotated.body);
  assert.deepEqual([rotated.json().rotated, rotated.json().command.status], [true, 'Accepted'], 'the fake processor accepts it');
  const { commandId, previousValidUntil } = rotated.json<{ commandId: string; previousValidUntil: string }>();
  assert.ok(previousValidUntil !== null);
  await eventually(async () => requests.some((r) => r.record.commandId === commandId), 'the AuthorizationKey command');
  const sent = requests.find((r) => r.record.commandId === commandId)!.record;
  assert.equal(JSON.parse(sent.payload).key, 'AuthorizationKey');
  assert.ok(!sent.payload.includes(next), 'the password travels sealed');
  await eventually(async () => api.credentials.get('CP-SEC')?.previousPasswordHash != null, 'the rotation followed back');
  assert.ok(await verifyStationPassword(password, api.credentials.get('CP-SEC')!.previousPasswordHash!));
  await eventually(async () => (await pool.query('SELECT 1 FROM commands WHERE id = $1', [commandId])).rowCount === 1, 'the command projected');
  const stored = await pool.query('SELECT payload FROM commands WHERE id = $1', [commandId]);
  assert.ok(stored.rows.length === 1 && !JSON.stringify(stored.rows).includes(next), 'nor does the commands read model hold it');
  assert.ok(await verifyStationPassword(next, api.credentials.get('CP-SEC')!.passwordHash));
});

test('a station moved up a security profile once it accepted the change', async () => {
  const upgraded = await api.inject({ method: 'POST', url: '/charge-points/CP-SEC/security-profile?wait=30', payload: { securityProfile: 2 } });
  assert.equal(upgraded.statusCode, 200, upgraded.body);
  assert.deepEqual([upgraded.json().upgraded, upgraded.json().securityProfile, upgraded.json().command.status], [true, 2, 'Accepted']);
  assert.equal((await getJson<{ securityProfile: number }>('/charge-points/CP-SEC')).securityProfile, 2);
  const down = await api.inject({ method: 'POST', url: '/charge-points/CP-SEC/security-profile', payload: { securityProfile: 1 } });
  assert.equal(down.json<ErrorReply>().error.code, 'SECURITY_PROFILE_DOWNGRADE');
});
