// The api against real Kafka, schema registry and PostgreSQL, with the real projections
// folding what it writes (and what the test produces as events) into the read models. A fake
// processor answers every command request with its lifecycle on 'commands'.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { createSerde, topicName, type CommandRequested, type Serde, type TopicName, type ValueOf } from '@csms/contracts';
import { createKafka, createLogger, createPool, ensureTopics, type Pool } from '@csms/infra';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { projections, projectionsGroupId, startLiveProjections, type RunningProjection } from '@csms/projections';
import { commandCompleted, commandSent } from '@csms/projections/test-commands.ts';
import { booted, connected, sampled, started, stopped, T0 } from '@csms/projections/test-events.ts';
import {
  compositeSchedule, configurationChanged, configurationReported, diagnosticsStatus, entry, firmwareStatus, localListUpdated,
  localListVersion, logStatus, profilesCleared, profileSet, reservationEnded, reservationMade,
} from '@csms/projections/test-station-facts.ts';
import { securityRecordSequence } from '@csms/projections/test-security-records.ts';
import {
  attribute, connected201, deviceModel, evseStatusChanged, reportPart, signedSampled, started201, updated201, variablesAnswered,
} from '@csms/projections/test-ocpp201-events.ts';
import { startIntApp, type IntApp } from './test-int-app.ts';

const logger = createLogger('api-int', 'silent');
let env: TestEnvironment;
let kafka: Kafka;
let producer: Producer;
let serde: Serde;
let pool: Pool;
let api: IntApp;
const running: RunningProjection[] = [];
let fakeProcessor: Consumer | undefined;
/** What the fake processor read from csms.command-requests, with the record key. */
const requests: { key: string; record: CommandRequested }[] = [];

async function produce<T extends TopicName>(topic: T, key: string, value: ValueOf<T> | null): Promise<void> {
  const bytes = value === null ? null : await serde.encode(topic, value);
  await producer.send({ topic: topicName(topic, env.topicPrefix), acks: -1, messages: [{ key, value: bytes }] });
}

/** inject() as the admin the api created at start-up from CSMS_ADMIN_API_KEY. */
function inject(options: InjectOptions) {
  return api.inject(options);
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

/** Echoes a request to 'commands' and, except for CP-SILENT, sends and accepts it. */
async function answer(record: CommandRequested): Promise<void> {
  const { chargePointId: cp, commandId, action } = record;
  await produce('commands', cp, record);
  if (cp === 'CP-SILENT') return;
  await produce('commands', cp, commandSent(cp, commandId, record.at + 10, action));
  await produce('commands', cp, commandCompleted(cp, commandId, record.at + 20, 'Accepted', action));
}

async function startFakeProcessor(): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `${env.topicPrefix}fake-processor` });
  const joined = new Promise<void>((resolve) => { consumer.on(consumer.events.GROUP_JOIN, () => resolve()); });
  await consumer.connect();
  await consumer.subscribe({ topics: [topicName('commandRequests', env.topicPrefix)], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (message.value === null) return;
      const record = await serde.decode('commandRequests', message.value);
      requests.push({ key: message.key?.toString('utf8') ?? '', record });
      await answer(record);
    },
  });
  await joined;
  return consumer;
}

/** CP-1's answers to commands and its firmware/diagnostics notifications. */
async function produceStationFacts(): Promise<void> {
  const hb = { key: 'HeartbeatInterval', value: '60', readonly: false };
  const facts = [
    firmwareStatus('CP-1', 'Downloaded', T0 + 2_000), firmwareStatus('CP-1', 'Installed', T0 + 3_000),
    diagnosticsStatus('CP-1', 'Uploaded', T0 + 4_000, 'diag.zip'),
    configurationReported('CP-1', [hb, { key: 'NumberOfConnectors', value: '1', readonly: true }], true, T0 + 5_000),
    configurationChanged('CP-1', 'HeartbeatInterval', '30', 'RebootRequired', T0 + 6_000),
    localListUpdated('CP-1', 1, 'Full', [entry('TAG-A', 'Accepted'), entry('TAG-B', 'Blocked')], T0 + 7_000),
    localListUpdated('CP-1', 2, 'Differential', [entry('TAG-A', null), entry('TAG-C', 'Accepted', T0 + 86_400_000)], T0 + 8_000),
    localListVersion('CP-1', 2, T0 + 9_000),
    reservationMade('CP-1', 11, T0 + 10_000), reservationEnded('CP-1', 11, 'Cancelled', T0 + 11_000), reservationMade('CP-1', 12, T0 + 12_000),
    profileSet('CP-1', { connectorId: 1, chargingProfileId: 1, stackLevel: 2, purpose: 'TxDefaultProfile' }, T0 + 13_000),
    profileSet('CP-1', { connectorId: 1, chargingProfileId: 2, stackLevel: 0, purpose: 'TxDefaultProfile' }, T0 + 13_100),
    profileSet('CP-1', { connectorId: 0, chargingProfileId: 3, stackLevel: 0, purpose: 'ChargePointMaxProfile' }, T0 + 13_200),
    profileSet('CP-1', { connectorId: 1, chargingProfileId: 4, stackLevel: 2, purpose: 'TxDefaultProfile' }, T0 + 13_300),
    profileSet('CP-1', { connectorId: 2, chargingProfileId: 5, stackLevel: 0, purpose: 'TxProfile' }, T0 + 13_400),
    profilesCleared('CP-1', { connectorId: 2 }, T0 + 14_000),
    compositeSchedule('CP-1', 1, T0 + 15_000),
    logStatus('CP-1', 'Uploading', T0 + 16_000, 3), logStatus('CP-1', 'Uploaded', T0 + 17_000, 3),
  ];
  for (const fact of facts) await produce('stations', 'CP-1', fact);
  for (const record of securityRecordSequence()) await produce('security', record.chargePointId, record);
}

before(async () => {
  env = await startTestEnvironment();
  kafka = createKafka({ brokers: env.kafkaBrokers, clientId: 'api-int', logger });
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
  // Warm up: every consumer has joined its group and folds records before the first request.
  await produce('idTags', 'WARM-UP', { idTag: 'WARM-UP', status: 'Accepted', expiryDate: null, parentIdTag: null, updatedAt: T0, updatedBy: null, idTokenType: null });
  await produce('chargePoints', 'CP-WARM', { id: 'CP-WARM', name: null, location: null, registrationStatus: 'Accepted', updatedAt: T0, securityProfile: 0, updatedBy: null, site: null });
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
  await produceStationFacts();
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

interface ErrorReply { error: { code: string; message: string } }
interface PageReply<T> { items: T[]; total: number; limit: number; offset: number }

test('id tags: POST shows up in GET, PUT changes it, DELETE removes it', async () => {
  const created = await inject({
    method: 'POST', url: '/id-tags',
    payload: { idTag: 'RFID-API-1', status: 'Accepted', expiryDate: '2030-01-01T00:00:00.000Z', parentIdTag: null },
  });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().expiryDate, '2030-01-01T00:00:00.000Z');

  const got = await inject({ method: 'GET', url: '/id-tags/RFID-API-1' });
  assert.equal(got.statusCode, 200);
  assert.deepEqual(got.json(), created.json());
  const list = (await inject({ method: 'GET', url: '/id-tags' })).json<PageReply<{ idTag: string }>>();
  assert.deepEqual(list.items.map((t) => t.idTag).sort(), ['RFID-API-1', 'WARM-UP']);

  const duplicate = await inject({ method: 'POST', url: '/id-tags', payload: { idTag: 'RFID-API-1' } });
  assert.equal(duplicate.statusCode, 409);
  assert.equal(duplicate.json<ErrorReply>().error.code, 'ID_TAG_EXISTS');

  const updated = await inject({ method: 'PUT', url: '/id-tags/RFID-API-1', payload: { status: 'Blocked', parentIdTag: 'PARENT-1' } });
  assert.equal(updated.statusCode, 200, updated.body);
  const afterPut = (await inject({ method: 'GET', url: '/id-tags/RFID-API-1' })).json();
  assert.equal(afterPut.status, 'Blocked');
  assert.equal(afterPut.parentIdTag, 'PARENT-1');
  assert.equal(afterPut.expiryDate, '2030-01-01T00:00:00.000Z', 'unchanged fields are kept');

  const deleted = await inject({ method: 'DELETE', url: '/id-tags/RFID-API-1' });
  assert.equal(deleted.statusCode, 204, deleted.body);
  const gone = await inject({ method: 'GET', url: '/id-tags/RFID-API-1' });
  assert.equal(gone.statusCode, 404);
  assert.equal(gone.json<ErrorReply>().error.code, 'ID_TAG_NOT_FOUND');
});

test('charge points: POST, list, detail with connection, PUT, DELETE', async () => {
  const created = await inject({ method: 'POST', url: '/charge-points', payload: { id: 'CP-1', name: 'Depot 1' } });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().registrationStatus, 'Accepted');
  assert.equal(created.json().vendor, 'ExampleVendor', 'the row joins what the station reported');

  const list = (await inject({ method: 'GET', url: '/charge-points?limit=10' })).json<PageReply<{ id: string; registered: boolean }>>();
  assert.deepEqual(list.items.map((c) => [c.id, c.registered]), [['CP-1', true], ['CP-2', false], ['CP-WARM', true]]);
  assert.equal(list.total, 3);

  const detail = await inject({ method: 'GET', url: '/charge-points/CP-1' });
  assert.equal(detail.statusCode, 200);
  assert.equal(detail.json().connection.connectionId, 'c-1');
  assert.deepEqual(detail.json().connectors, []);

  const again = await inject({ method: 'POST', url: '/charge-points', payload: { id: 'CP-1' } });
  assert.equal(again.json<ErrorReply>().error.code, 'CHARGE_POINT_EXISTS');
  assert.equal(again.statusCode, 409);

  const updated = await inject({ method: 'PUT', url: '/charge-points/CP-1', payload: { registrationStatus: 'Rejected' } });
  assert.equal(updated.statusCode, 200, updated.body);
  assert.equal(updated.json().registrationStatus, 'Rejected');
  assert.equal(updated.json().name, 'Depot 1');

  const deleted = await inject({ method: 'DELETE', url: '/charge-points/CP-WARM' });
  assert.equal(deleted.statusCode, 204, deleted.body);
  assert.equal((await inject({ method: 'GET', url: '/charge-points/CP-WARM' })).statusCode, 404);
  assert.equal((await inject({ method: 'GET', url: '/charge-points/NOPE' })).json<ErrorReply>().error.code, 'CHARGE_POINT_NOT_FOUND');
});

test('transactions: filters, paging and detail with meter values', async () => {
  const get = async (query: string) => (await inject({ method: 'GET', url: `/transactions${query}` })).json<PageReply<{ transactionId: number }>>();
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

  const detail = await inject({ method: 'GET', url: '/transactions/1' });
  assert.equal(detail.statusCode, 200);
  const body = detail.json();
  assert.equal(body.status, 'Completed');
  assert.equal(body.energyWh, 25_500);
  assert.deepEqual(body.meterValues.map((m: { measurand: string }) => m.measurand),
    ['Energy.Active.Import.Register', 'Power.Active.Import', 'Energy.Active.Import.Register']);
  const times = body.meterValues.map((m: { sampledAt: string }) => m.sampledAt);
  assert.deepEqual(times, [...times].sort());
  assert.equal((await inject({ method: 'GET', url: '/transactions/999' })).json<ErrorReply>().error.code, 'TRANSACTION_NOT_FOUND');
});

test('connections from the read model', async () => {
  const list = (await inject({ method: 'GET', url: '/connections' })).json<PageReply<{ chargePointId: string; connected: boolean }>>();
  assert.deepEqual(list.items.map((c) => [c.chargePointId, c.connected]), [['CP-1', true], ['CP-2', true]]);
  const one = await inject({ method: 'GET', url: '/connections/CP-2' });
  assert.equal(one.json().connectionId, 'c-9');
  assert.equal((await inject({ method: 'GET', url: '/connections/CP-404' })).statusCode, 404);
});

test('bad bodies get a 400 with a message', async () => {
  const response = await inject({ method: 'POST', url: '/id-tags', payload: { idTag: 'X'.repeat(21) } });
  assert.equal(response.statusCode, 400);
  const body = response.json<ErrorReply>();
  assert.equal(body.error.code, 'VALIDATION_FAILED');
  assert.match(body.error.message, /idTag/);
});

test('dead letters: listed newest first with their reason, filtered by consumer and status, without their bytes', async () => {
  const letter = {
    type: 'DeadLetter', consumer: 'projection:charge-points', reason: 'DB_REFUSED', sourceTopic: 'csms.config.charge-points', partition: 1,
    offset: '9', key: 'CP-X', value: Buffer.from('abc'), error: 'invalid byte sequence', at: T0,
  } as const;
  await produce('deadLetter', 'projection:charge-points/csms.config.charge-points/1/9', letter);
  const list = () => inject({ method: 'GET', url: '/dead-letters?consumer=projection:charge-points&status=open' });
  await eventually(async () => (await list()).json<{ total: number }>().total > 0, 'the dead letter listed');
  const page = (await list()).json<{ items: unknown[] }>();
  assert.deepEqual(page.items[0], {
    id: 'projection:charge-points/csms.config.charge-points/1/9', consumer: 'projection:charge-points', sourceTopic: 'csms.config.charge-points',
    partition: 1, offset: '9', key: 'CP-X', reason: 'DB_REFUSED', error: 'invalid byte sequence', recordedAt: new Date(T0).toISOString(),
    valueBytes: 3, status: 'open', redrivenAt: null, redrivenBy: null, redriveOutcome: null, lastRedriveError: null, lastRedriveAttemptAt: null,
  });
  const redriven = await inject({ method: 'GET', url: '/dead-letters?status=redriven' });
  assert.deepEqual(redriven.json<{ items: unknown[] }>().items, []);
});

test('health and OpenAPI', async () => {
  const health = await inject({ method: 'GET', url: '/health' });
  assert.deepEqual(health.json(), { status: 'ok', database: 'up', kafka: 'up', schemaRegistry: 'up', unreachable: [] });
  const paths = Object.keys((await inject({ method: 'GET', url: '/docs/json' })).json<{ paths: object }>().paths).sort();
  assert.deepEqual(paths, [
    '/api-keys', '/api-keys/{id}', '/cdrs', '/cdrs/credits', '/cdrs/export', '/cdrs/{id}',
    '/charge-points', '/charge-points/{id}', '/charge-points/{id}/charging-profiles', '/charge-points/{id}/commands',
    '/charge-points/{id}/commands/{action}', '/charge-points/{id}/composite-schedules', '/charge-points/{id}/configuration',
    '/charge-points/{id}/local-list', '/charge-points/{id}/password', '/charge-points/{id}/reservations',
    '/charge-points/{id}/security-events', '/charge-points/{id}/security-profile', '/charge-points/{id}/variables', '/commands/{id}', '/connections',
    '/connections/{chargePointId}', '/dead-letters', '/dead-letters/{id}/redrive', '/fleet', '/health', '/id-tags', '/id-tags/{idTag}', '/live', '/me',
    '/ocpp-schemas/{version}', '/rerates', '/rerates/{id}', '/reservations', '/security-events',
    '/statements', '/tariff-assignments', '/tariff-assignments/{key}', '/tariffs', '/tariffs/ocpi', '/tariffs/{id}', '/tariffs/{id}/ocpi',
    '/tariffs/{id}/versions', '/transactions', '/transactions/{id}', '/transactions/{id}/cost',
  ]);
});

interface CommandReply {
  id: string; chargePointId: string; action: string; payload: unknown; timeoutSeconds: number | null; status: string;
  response: unknown; sentAt: string | null; completedAt: string | null; messageId: string | null; requestedBy: string | null;
}

test('commands: POST ?wait= returns the final state once the read model has it', async () => {
  const response = await inject({ method: 'POST', url: '/charge-points/CP-1/commands/Reset?wait=30&timeout=45', payload: { type: 'Hard' } });
  assert.equal(response.statusCode, 200, response.body);
  const command = response.json<CommandReply>();
  assert.equal(command.status, 'Accepted');
  assert.equal(command.chargePointId, 'CP-1');
  assert.equal(command.action, 'Reset');
  assert.deepEqual(command.payload, { type: 'Hard' });
  assert.deepEqual(command.response, { status: 'Accepted' });
  assert.equal(command.timeoutSeconds, 45);
  assert.equal(command.messageId, command.id);
  assert.equal(command.requestedBy, api.adminPrincipal, 'who asked, through Kafka into the read model');
  assert.ok(command.sentAt !== null && command.completedAt !== null);
  const request = requests.find((r) => r.record.commandId === command.id);
  assert.equal(request?.key, 'CP-1', 'keyed by charge point, so co-partitioned with ocpp.inbound');
  assert.equal(request?.record.payload, '{"type":"Hard"}');
  assert.equal(request?.record.timeoutSeconds, 45);
});

test('commands: POST answers 202 at once; GET /commands/:id?wait= follows Requested -> Sent -> Accepted', async () => {
  const posted = await inject({ method: 'POST', url: '/charge-points/CP-1/commands/ChangeConfiguration', payload: { key: 'HeartbeatInterval', value: '30' } });
  assert.equal(posted.statusCode, 202, posted.body);
  const { id } = posted.json<{ id: string }>();
  assert.deepEqual(posted.json(), { id, status: 'Requested' });
  const done = await inject({ method: 'GET', url: `/commands/${id}?wait=30` });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json<CommandReply>().status, 'Accepted');
  const now = await inject({ method: 'GET', url: `/commands/${id}` });
  assert.deepEqual(now.json(), done.json());

  const list = (await inject({ method: 'GET', url: '/charge-points/CP-1/commands' })).json<PageReply<CommandReply>>();
  assert.equal(list.total, 2);
  assert.deepEqual(list.items.map((c) => c.action), ['ChangeConfiguration', 'Reset'], 'newest first');
  const accepted = (await inject({ method: 'GET', url: '/charge-points/CP-1/commands?status=Accepted&limit=1' })).json<PageReply<CommandReply>>();
  assert.deepEqual([accepted.items.length, accepted.total, accepted.limit], [1, 2, 1]);
  const none = (await inject({ method: 'GET', url: '/charge-points/CP-1/commands?status=TimedOut' })).json<PageReply<CommandReply>>();
  assert.equal(none.total, 0);
  assert.equal((await inject({ method: 'GET', url: '/commands/no-such-command' })).json<ErrorReply>().error.code, 'COMMAND_NOT_FOUND');
});

test('commands: a wait that runs out answers 202 with the latest known state', async () => {
  const posted = await inject({ method: 'POST', url: '/charge-points/CP-SILENT/commands/UnlockConnector?wait=3', payload: { connectorId: 1 } });
  assert.equal(posted.statusCode, 202, posted.body);
  const { id, status } = posted.json<CommandReply>();
  assert.equal(status, 'Requested');
  await eventually(async () => (await inject({ method: 'GET', url: `/commands/${id}` })).statusCode === 200, 'the echoed request');
  const waited = await inject({ method: 'GET', url: `/commands/${id}?wait=1` });
  assert.equal(waited.statusCode, 202);
  assert.equal(waited.json<CommandReply>().status, 'Requested');
  assert.deepEqual(waited.json<CommandReply>().payload, { connectorId: 1 });
});

test('commands: an unknown action is a 404, a body against the OCPP schema a 400; neither is written', async () => {
  const before = requests.length;
  const unknown = await inject({ method: 'POST', url: '/charge-points/CP-1/commands/Heartbeat', payload: {} });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json<ErrorReply>().error.code, 'UNKNOWN_ACTION');
  const bad = await inject({ method: 'POST', url: '/charge-points/CP-1/commands/ReserveNow', payload: { connectorId: 1, idTag: 'A' } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json<ErrorReply>().error.message, /expiryDate|reservationId/);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  assert.equal(requests.length, before);
});

async function getJson<T>(url: string): Promise<T> {
  const response = await inject({ method: 'GET', url });
  assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
  return response.json<T>();
}

test('station facts: firmware and diagnostics in the detail, configuration, local list', async () => {
  await eventually(async () => (await getJson<{ firmwareStatus: string | null }>('/charge-points/CP-1')).firmwareStatus === 'Installed', 'firmware status');
  const detail = await getJson<Record<string, unknown>>('/charge-points/CP-1');
  assert.equal(detail.firmwareStatusAt, new Date(T0 + 3_000).toISOString());
  assert.equal(detail.diagnosticsStatus, 'Uploaded');
  assert.equal(detail.diagnosticsFileName, 'diag.zip');

  await eventually(async () => (await getJson<{ changes: unknown[] }>('/charge-points/CP-1/configuration')).changes.length === 1, 'configuration');
  assert.deepEqual(await getJson('/charge-points/CP-1/configuration'), {
    keys: [
      { key: 'HeartbeatInterval', value: '60', readonly: false, reportedAt: new Date(T0 + 5_000).toISOString() },
      { key: 'NumberOfConnectors', value: '1', readonly: true, reportedAt: new Date(T0 + 5_000).toISOString() },
    ],
    changes: [{ key: 'HeartbeatInterval', value: '30', status: 'RebootRequired', requestedAt: new Date(T0 + 6_000).toISOString() }],
  });

  await eventually(async () => (await getJson<{ versionReported: number | null }>('/charge-points/CP-1/local-list')).versionReported === 2, 'local list');
  const list = await getJson<{ versionSent: number; updateType: string; entries: { idTag: string; status: string; expiryDate: string | null }[] }>('/charge-points/CP-1/local-list');
  assert.equal(list.versionSent, 2);
  assert.equal(list.updateType, 'Differential');
  assert.deepEqual(list.entries.map((e) => [e.idTag, e.status, e.expiryDate]), [
    ['TAG-B', 'Blocked', null], ['TAG-C', 'Accepted', new Date(T0 + 86_400_000).toISOString()],
  ]);
  assert.equal((await inject({ method: 'GET', url: '/charge-points/CP-404/local-list' })).json<ErrorReply>().error.code, 'CHARGE_POINT_NOT_FOUND');
});

test('station facts: reservations, charging profiles and composite schedules', async () => {
  type Reservation = { reservationId: number; status: string; chargePointId: string };
  await eventually(async () => (await getJson<PageReply<Reservation>>('/charge-points/CP-1/reservations')).total === 2, 'reservations');
  const all = await getJson<PageReply<Reservation>>('/charge-points/CP-1/reservations');
  assert.deepEqual(all.items.map((r) => [r.reservationId, r.status]), [[12, 'Active'], [11, 'Cancelled']]);
  const active = await getJson<PageReply<Reservation>>('/reservations?status=active');
  assert.deepEqual(active.items.map((r) => [r.chargePointId, r.reservationId]), [['CP-1', 12]]);
  const ended = await getJson<PageReply<Reservation>>('/reservations?chargePointId=CP-1&status=ended');
  assert.deepEqual(ended.items.map((r) => r.reservationId), [11]);
  assert.equal((await getJson<PageReply<Reservation>>('/reservations?chargePointId=CP-2')).total, 0);

  type Profiles = { connectorId: number; profiles: { chargingProfileId: number; stackLevel: number; validFrom: string }[] }[];
  await eventually(async () => (await getJson<Profiles>('/charge-points/CP-1/charging-profiles')).length === 2, 'charging profiles');
  const profiles = await getJson<Profiles>('/charge-points/CP-1/charging-profiles');
  assert.deepEqual(profiles.map((c) => [c.connectorId, c.profiles.map((p) => [p.chargingProfileId, p.stackLevel])]), [
    [0, [[3, 0]]], [1, [[2, 0], [4, 2]]],
  ], 'profile 4 replaced profile 1 (same stack level and purpose), connector 2 was cleared');
  assert.equal(profiles[0]!.profiles[0]!.validFrom, new Date(T0).toISOString());

  type Schedules = { connectorId: number; scheduleStart: string; schedule: { duration: number } }[];
  await eventually(async () => (await getJson<Schedules>('/charge-points/CP-1/composite-schedules')).length === 1, 'composite schedules');
  const [schedule] = await getJson<Schedules>('/charge-points/CP-1/composite-schedules');
  assert.equal(schedule!.connectorId, 1);
  assert.equal(schedule!.scheduleStart, new Date(T0 + 15_000).toISOString());
  assert.equal(schedule!.schedule.duration, 3600);
});

test('auth: no credential is 401; the admin key from CSMS_ADMIN_API_KEY went through Kafka and works', async () => {
  const anonymous = await api.app.inject({ method: 'GET', url: '/charge-points' });
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json<ErrorReply>().error.code, 'UNAUTHENTICATED');
  assert.equal((await inject({ method: 'GET', url: '/api-keys' })).statusCode, 200);
});

test('security events: across stations and per station, newest first, filtered and paged; the log upload in the detail', async () => {
  type SecurityEvent = { id: string; chargePointId: string; type: string; at: string; reason: string | null; requestId: string | null };
  const iso = (ms: number) => new Date(ms).toISOString();
  await eventually(async () => (await getJson<PageReply<SecurityEvent>>('/security-events')).total === securityRecordSequence().length, 'security events');
  const a = await getJson<PageReply<SecurityEvent>>('/charge-points/CP-A/security-events');
  assert.deepEqual(a.items.map((e) => e.type), [
    'CertificateIssued', 'CertificateSigningRequested', 'SecurityEventReported', 'ConnectionReplaced', 'StationAuthenticationRefused',
  ]);
  assert.equal(a.items[0]!.requestId, a.items[1]!.requestId, 'the certificate names the request it answers');
  const refused = await getJson<PageReply<SecurityEvent>>('/security-events?type=CertificateSigningRefused');
  assert.deepEqual(refused.items.map((e) => [e.chargePointId, e.reason]), [['CP-B', 'CN_MISMATCH']]);
  const window = await getJson<PageReply<SecurityEvent>>(`/security-events?from=${iso(T0 + 31_000)}&to=${iso(T0 + 32_500)}`);
  assert.deepEqual(window.items.map((e) => [e.chargePointId, e.at]), [
    ['CP-B', iso(T0 + 32_000)], ['CP-A', iso(T0 + 31_500)], ['CP-A', iso(T0 + 31_000)],
  ]);
  const page = await getJson<PageReply<SecurityEvent>>('/security-events?limit=2&offset=1');
  const all = await getJson<PageReply<SecurityEvent>>('/security-events');
  assert.deepEqual(page.items.map((e) => e.id), all.items.slice(1, 3).map((e) => e.id));
  const b = await getJson<PageReply<SecurityEvent>>('/charge-points/CP-B/security-events?type=SecurityEventReported');
  assert.equal(b.total, 1);

  await eventually(async () => (await getJson<{ logStatus: string | null }>('/charge-points/CP-1')).logStatus === 'Uploaded', 'log status');
  const detail = await getJson<Record<string, unknown>>('/charge-points/CP-1');
  assert.deepEqual([detail.logStatusRequestId, detail.logStatusAt], [3, iso(T0 + 17_000)]);
});

// OCPP 2.0.1 stations, last: the tests above count what the stations before them made.

test('OCPP 2.0.1 station: its protocol, its connectors within an EVSE, its device model and report progress', async () => {
  const cp = 'CP-201';
  await produce('stations', cp, connected201(cp, 'c-201', T0 + 500_000));
  await produce('stations', cp, evseStatusChanged(cp, 1, 1, 'Available', T0 + 500_100));
  await produce('stations', cp, evseStatusChanged(cp, 1, 2, 'Occupied', T0 + 500_200));
  const model = deviceModel();
  await produce('stations', cp, reportPart(cp, 5, 0, true, model.slice(0, 3), T0 + 501_000));
  await produce('stations', cp, reportPart(cp, 5, 1, false, model.slice(3), T0 + 501_100));
  await produce('stations', cp, variablesAnswered(cp, 'GetVariables', [attribute('ocppcommctrlr', 'heartbeatinterval', '120', {
    status: 'Accepted', mutability: null, persistent: null, constant: null, dataType: null,
  })], T0 + 502_000));

  type Variables = {
    complete: boolean; report: { requestId: number; complete: boolean; partsReceived: number } | null; total: number;
    variables: { component: string; variable: string; value: string | null; unit: string | null; lastStatus: string | null }[];
  };
  await eventually(async () => (await inject({ method: 'GET', url: `/charge-points/${cp}/variables?component=OCPPCommCtrlr` }))
    .json<Partial<Variables>>().variables?.some((v) => v.value === '120') === true, 'device model');
  type Detail = { protocol: string; connectors: { connectorId: number; evseConnectorId: number | null; status: string }[] };
  await eventually(async () => (await inject({ method: 'GET', url: `/charge-points/${cp}` })).json<Partial<Detail>>().connectors?.length === 2, 'connectors');
  const detail = await getJson<Detail>(`/charge-points/${cp}`);
  assert.equal(detail.protocol, 'ocpp2.0.1');
  assert.deepEqual(detail.connectors.map((c) => [c.connectorId, c.evseConnectorId, c.status]), [[1, 1, 'Available'], [1, 2, 'Occupied']]);
  assert.equal((await getJson<{ protocol: string }>('/charge-points/CP-1')).protocol, 'ocpp1.6');

  const controller = await getJson<Variables>(`/charge-points/${cp}/variables?component=ocppcommctrlr`);
  assert.deepEqual(controller.variables.map((v) => [v.variable, v.value, v.unit, v.lastStatus]), [
    ['HeartbeatInterval', '120', 's', 'Accepted'], ['NetworkProfileConnectionAttempts', '3', null, null],
  ]);
  assert.equal(controller.complete, true);
  assert.deepEqual(controller.report, { ...controller.report, requestId: 5, complete: true, partsReceived: 2 });
  assert.equal((await getJson<Variables>(`/charge-points/${cp}/variables`)).total, model.length);
  assert.equal((await getJson<Variables>(`/charge-points/${cp}/variables?variable=ConnectorType`)).variables[0]?.value, 'cCCS2');
  assert.equal((await inject({ method: 'GET', url: '/charge-points/CP-404/variables' })).json<ErrorReply>().error.code, 'CHARGE_POINT_NOT_FOUND');
});

test('OCPP 2.0.1 commands: a 1.6 command is refused naming the version; a remote start gets a remoteStartId that finds its transaction', async () => {
  const cp = 'CP-201';
  await eventually(async () => (await inject({ method: 'GET', url: `/connections/${cp}` })).statusCode === 200, 'the 2.0.1 connection');
  const before = requests.length;
  const refused = await inject({ method: 'POST', url: `/charge-points/${cp}/commands/RemoteStartTransaction`, payload: { connectorId: 1, idTag: 'RFID-1' } });
  assert.equal(refused.statusCode, 400);
  assert.deepEqual(refused.json<ErrorReply>().error, {
    code: 'COMMAND_NOT_IN_PROTOCOL', message: `RemoteStartTransaction is an OCPP 1.6 command; ${cp} speaks OCPP 2.0.1: use RequestStartTransaction`,
  });
  const started = await inject({
    method: 'POST', url: `/charge-points/${cp}/commands/RequestStartTransaction?wait=30`, payload: { evseId: 1, idToken: { idToken: 'EMAID-0001', type: 'eMAID' } },
  });
  assert.equal(started.statusCode, 200, started.body);
  const command = started.json<CommandReply & { remoteStartId: number }>();
  assert.equal(command.status, 'Accepted');
  assert.deepEqual(command.payload, { evseId: 1, idToken: { idToken: 'EMAID-0001', type: 'eMAID' }, remoteStartId: command.remoteStartId });
  assert.equal(requests.length, before + 1, 'only the remote start was written');

  // The station starts the transaction the request asked for, naming its remoteStartId.
  await produce('sessions', cp, started201(cp, 401, T0 + 510_000, command.remoteStartId));
  await produce('sessions', cp, signedSampled(cp, 401, T0 + 511_000));
  await produce('sessions', cp, updated201(cp, 401, 2, T0 + 512_000, { missingSeqNos: [1] }));
  type Transaction = { transactionId: number; stationTransactionId: string; evseConnectorId: number; idTokenType: string; remoteStartId: number; lastSeqNo: number; missingSeqNos: number[]; chargingState: string; offline: boolean };
  const found = async () => getJson<PageReply<Transaction>>(`/transactions?remoteStartId=${command.remoteStartId}&chargePointId=${cp}`);
  await eventually(async () => (await found()).items[0]?.lastSeqNo === 2, 'the transaction the request started');
  const [transaction] = (await found()).items;
  assert.deepEqual(
    [transaction?.transactionId, transaction?.stationTransactionId, transaction?.evseConnectorId, transaction?.idTokenType, transaction?.missingSeqNos, transaction?.chargingState, transaction?.offline],
    [401, 'tx-401', 2, 'eMAID', [1], 'Charging', false],
  );
  const detail = await getJson<{ meterValues: { evseConnectorId: number | null; signedMeterValue: { encodingMethod: string } | null }[] }>('/transactions/401');
  assert.deepEqual(detail.meterValues.map((m) => [m.evseConnectorId, m.signedMeterValue?.encodingMethod ?? null]), [[2, 'OCMF'], [2, null]]);
  const oneSix = (await getJson<PageReply<Transaction>>('/transactions?chargePointId=CP-1')).items[0];
  assert.deepEqual([oneSix?.stationTransactionId, oneSix?.remoteStartId, oneSix?.offline], [null, null, null], 'null for 1.6');
});

test('id tags with an OCPP 2.0.1 token type: POST takes it, PUT keeps it unless told', async () => {
  const created = await inject({ method: 'POST', url: '/id-tags', payload: { idTag: 'EMAID-API-0000000000000000001', idTokenType: 'eMAID' } });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().idTokenType, 'eMAID');
  const updated = await inject({ method: 'PUT', url: '/id-tags/EMAID-API-0000000000000000001', payload: { status: 'Blocked' } });
  assert.equal(updated.statusCode, 200, updated.body);
  assert.deepEqual([updated.json().status, updated.json().idTokenType], ['Blocked', 'eMAID']);
  const anyType = await inject({ method: 'PUT', url: '/id-tags/EMAID-API-0000000000000000001', payload: { idTokenType: null } });
  assert.equal(anyType.statusCode, 400, 'longer than a 1.6 id tag: it keeps a type');
  const row = (await pool.query(`SELECT id_token_type FROM id_tags WHERE id_tag = 'EMAID-API-0000000000000000001'`)).rows[0];
  assert.equal(row?.id_token_type, 'eMAID');
});
