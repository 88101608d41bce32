// The projections against real Kafka, schema registry and PostgreSQL: a realistic event
// sequence folds into the expected rows (station facts, command lifecycles and security records included), a
// rebuild from offset 0 yields identical tables (also where a projection folds two topics whose
// interleaving differs between runs), and redelivering records already applied does not
// duplicate meter values; a projection a rebuild holds is left alone while the others go on, and
// catches up once released; a row PostgreSQL refuses is set aside as a dead letter and the
// projection moves on. Billing: CDRs, credits, running costs and tariffs fold into their rows,
// whatever comes first and however often.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kafka, Producer } from 'kafkajs';
import { exampleSite } from '@csms/contracts/test-station-site.ts';
import { createSerde, KEYED_PARTITIONS, ocpp16Detail, topicName, type RerateRequested, type Serde, type TopicName, type ValueOf } from '@csms/contracts';
import {
  connectReplaceableProducer, createKafka, createLogger, createPool, ensureTopics, type Logger, type Pool, type ReplaceableProducer,
} from '@csms/infra';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import type { ProjectedTopic } from './projection.ts';
import { deadLetterWriter, type DeadLetterSink } from './runtime/dead-letter-writer.ts';
import { projectionsGroupId, startLiveProjections, type RunningProjection } from './runtime/live-consumer.ts';
import { rebuildProjections } from './runtime/rebuild-projections.ts';
import { findChargePoint, listConnectors, stationSites } from './charge-points/queries.ts';
import { findDeviceModel } from './device-model/queries.ts';
import { findTransaction, listMeterValues } from './transactions/queries.ts';
import { findRerate } from './rerates/queries.ts';
import { cdrsForExport, findCdr, findSessionCost, listCdrs, listCredits, statementOf } from './billing/queries.ts';
import { findTariff, findTariffAssignment, listTariffAssignments, listTariffs } from './tariffs/queries.ts';
import { assignment, cdrCorrection, cdrCredited, cdrIssued, sessionCost, tariff } from './test-billing-events.ts';
import { projections } from './runtime/registry.ts';
import { lockProjection, saveNextOffsets } from './runtime/offsets.ts';
import { commandCompleted, commandRequested, commandSent } from './test-commands.ts';
import { booted, connected, disconnected, sampled, started, statusChanged, stopped, T0 } from './test-events.ts';
import {
  attribute, connected201, deviceModel, evseStatusChanged, reportPart, signedSampled, started201, stopped201, updated201, variablesAnswered,
} from './test-ocpp201-events.ts';
import { securityRecordSequence } from './test-security-records.ts';
import { profileSet, stationFactSequence } from './test-station-facts.ts';

const logger = createLogger('projections-int', 'silent');
let env: TestEnvironment;
let kafka: Kafka;
let producer: Producer;
let deadLetterProducer: ReplaceableProducer | undefined;
let serde: Serde;
let pool: Pool;
let running: RunningProjection[] = [];
let deadLetters: DeadLetterSink;

const tables: Record<string, string> = {
  charge_points: 'id', connectors: 'charge_point_id, connector_id, evse_connector_id', connections: 'charge_point_id',
  transactions: 'transaction_id', meter_values: 'source_partition, source_offset, sample_index', id_tags: 'id_tag',
  authorizations: 'source_partition, source_offset', projection_offsets: 'projection, topic, partition',
  commands: 'id', reservations: 'charge_point_id, reservation_id', local_lists: 'charge_point_id',
  local_list_entries: 'charge_point_id, id_tag', charging_profiles: 'charge_point_id, charging_profile_id',
  charging_profile_transaction_ends: 'charge_point_id, transaction_id, ended_at',
  composite_schedules: 'charge_point_id, connector_id', configuration_keys: 'charge_point_id, key',
  configuration_changes: 'charge_point_id, key', security_events: 'source_partition, source_offset', dead_letters: 'id',
  station_credentials: 'charge_point_id', device_variables: 'charge_point_id, variable_key',
  device_model_reports: 'charge_point_id, request_id',
  tariffs: 'id', tariff_assignments: 'key', cdrs: 'cdr_id', cdr_credits: 'credit_id', session_costs: 'transaction_id',
};

// Billing of the two sessions above: CP-A's 101 is billed, then re-rated (credit, correction);
// CP-B's 102 is flagged for review; CP-B's 103 is credited, then its CDR is written again (a
// redelivery), which keeps the credit's mark.
const cdrA = cdrIssued('CP-A', 101, T0 + 9_000);
const correctionA = cdrCorrection(cdrA, T0 + 86_400_000, 20_000);
const cdrB = cdrIssued('CP-B', 102, T0 + 9_500, { kind: 'Provisional', idTag: 'RFID-B', groupIdToken: null });
const cdrB2 = cdrIssued('CP-B', 103, T0 + 7_200_000, { idTag: 'RFID-B', groupIdToken: null });
const creditA = cdrCredited(cdrA, correctionA, T0 + 86_400_000);
const creditB2 = cdrCredited(cdrB2, cdrCorrection(cdrB2, T0 + 90_000_000, 1_000), T0 + 90_000_000);

async function dump(): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(tables)) result[table] = (await pool.query(`SELECT * FROM ${table} ORDER BY ${key}`)).rows;
  return result;
}

const rerateRequested: RerateRequested = {
  type: 'RerateRequested', rerateId: 'RR-1', at: T0, tariffId: 'T-1', from: T0 - 86_400_000, to: T0, dryRun: true, reason: 'check', requestedBy: 'key:admin',
};

async function produce<T extends TopicName>(topic: T, key: string, value: ValueOf<T> | null): Promise<void> {
  const bytes = value === null ? null : await serde.encode(topic, value);
  await producer.send({ topic: topicName(topic, env.topicPrefix), acks: -1, messages: [{ key, value: bytes }] });
}

/** Waits until every projection stored, for every partition holding data, the offset past its end. */
async function caughtUp(timeoutMs = 60_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const ends: { topic: string; partition: number; high: number; projection: string }[] = [];
  for (const projection of projections) {
    for (const topic of projection.topics as readonly ProjectedTopic[]) {
      const name = topicName(topic, env.topicPrefix);
      for (const p of await admin.fetchTopicOffsets(name)) {
        if (Number(p.high) > 0) ends.push({ topic: name, partition: p.partition, high: Number(p.high), projection: projection.name });
      }
    }
  }
  await admin.disconnect();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ projection: string; topic: string; partition: number; next_offset: number }>('SELECT * FROM projection_offsets');
    const behind = ends.filter((e) => !rows.some((r) => r.projection === e.projection && r.topic === e.topic && r.partition === e.partition && r.next_offset >= e.high));
    if (behind.length === 0) return;
    if (Date.now() > deadline) assert.fail(`projections did not catch up: ${JSON.stringify(behind)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startAll(): Promise<void> {
  running.push(await startLiveProjections({
    kafka, pool, serde, topicPrefix: env.topicPrefix, projections, groupId: projectionsGroupId(env.topicPrefix), logger, deadLetters,
    maxAttempts: 2, partitionsInParallel: 4, onBatch: () => undefined,
  }));
}

async function stopAll(): Promise<void> {
  await Promise.all(running.map((r) => r.stop()));
  running = [];
}

before(async () => {
  env = await startTestEnvironment();
  kafka = createKafka({ brokers: env.kafkaBrokers, clientId: 'projections-int', logger });
  await ensureTopics(kafka, env.topicPrefix);
  serde = await createSerde({ registryUrl: env.registryUrl, topicPrefix: env.topicPrefix });
  pool = createPool(env.databaseUrl);
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  deadLetterProducer = await connectReplaceableProducer(kafka, logger);
  deadLetters = deadLetterWriter(deadLetterProducer, serde, env.topicPrefix);

  await produce('chargePoints', 'CP-A', { id: 'CP-A', name: 'Depot A', location: 'Bay 1', registrationStatus: 'Accepted', updatedAt: T0 - 60_000, securityProfile: 1, updatedBy: 'key:k1', site: exampleSite });
  const credential = { passwordHash: 'scrypt$14$8$1$c2FsdA==$aGFzaA==', previousPasswordHash: null, previousValidUntil: null, updatedBy: 'key:k1' };
  await produce('stationCredentials', 'CP-A', { ...credential, chargePointId: 'CP-A', updatedAt: T0 - 60_000 });
  await produce('stationCredentials', 'CP-A', {
    ...credential, chargePointId: 'CP-A', previousPasswordHash: credential.passwordHash, previousValidUntil: T0 + 86_400_000, updatedAt: T0,
  });
  await produce('stationCredentials', 'CP-GONE', { ...credential, chargePointId: 'CP-GONE', updatedAt: T0 });
  await produce('stationCredentials', 'CP-GONE', null);
  await produce('chargePoints', 'CP-C', { id: 'CP-C', name: 'Never seen', location: null, registrationStatus: 'Pending', updatedAt: T0 - 60_000, securityProfile: 0, updatedBy: null, site: null });
  await produce('chargePoints', 'CP-C', null);
  // PostgreSQL refuses NUL in text; the registration after it must still be projected.
  await produce('chargePoints', 'CP-NUL', { id: 'CP-NUL', name: 'a\u0000b', location: null, registrationStatus: 'Accepted', updatedAt: T0 - 50_000, securityProfile: 0, updatedBy: null, site: null });
  await produce('chargePoints', 'CP-AFTER', { id: 'CP-AFTER', name: 'After', location: null, registrationStatus: 'Accepted', updatedAt: T0 - 40_000, securityProfile: 0, updatedBy: null, site: null });
  await produce('idTags', 'RFID-12345', { idTag: 'RFID-12345', status: 'Accepted', expiryDate: T0 + 86_400_000, parentIdTag: null, updatedAt: T0 - 1, updatedBy: null, idTokenType: null });
  await produce('idTags', 'RFID-GONE', { idTag: 'RFID-GONE', status: 'Blocked', expiryDate: null, parentIdTag: null, updatedAt: T0 - 1, updatedBy: null, idTokenType: null });
  await produce('idTags', 'RFID-GONE', null);

  for (const cp of ['CP-A', 'CP-B']) {
    await produce('stations', cp, connected(cp, `${cp}-c1`, T0));
    await produce('stations', cp, booted(cp, T0 + 1_000));
    await produce('stations', cp, statusChanged(cp, 1, 'Available', T0 + 2_000));
    await produce('stations', cp, statusChanged(cp, 1, 'Charging', T0 + 10_000));
  }
  // CP-A reconnects: the new socket opens before the old one is seen closed.
  await produce('stations', 'CP-A', connected('CP-A', 'CP-A-c2', T0 + 20_000));
  await produce('stations', 'CP-A', disconnected('CP-A', 'CP-A-c1', T0 + 21_000));
  await produce('stations', 'CP-B', disconnected('CP-B', 'CP-B-c1', T0 + 22_000));

  await produce('sessions', 'CP-A', started('CP-A', 101, T0 + 9_000));
  await produce('sessions', 'CP-A', sampled('CP-A', 101, T0 + 30_000));
  await produce('sessions', 'CP-A', stopped('CP-A', 101, T0 + 69_000, T0 + 9_000));
  await produce('sessions', 'CP-B', started('CP-B', 102, T0 + 9_500));
  await produce('sessions', 'CP-B', sampled('CP-B', 102, T0 + 40_000));
  await produce('sessions', 'CP-B', {
    type: 'AuthorizationDecided', chargePointId: 'CP-B', at: T0 + 9_000, idTag: 'RFID-12345', status: 'Accepted', expiryDate: null, parentIdTag: null, ...ocpp16Detail.AuthorizationDecided,
  });

  for (const { chargePointId, event } of stationFactSequence()) await produce('stations', chargePointId, event);
  await produce('commands', 'CP-A', commandRequested('CP-A', 'cmd-1', T0 + 100_000));
  await produce('commands', 'CP-A', commandSent('CP-A', 'cmd-1', T0 + 100_050));
  await produce('commands', 'CP-A', commandCompleted('CP-A', 'cmd-1', T0 + 100_500));
  await produce('commands', 'CP-A', commandRequested('CP-A', 'cmd-2', T0 + 200_000, 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '30' }));
  await produce('commands', 'CP-A', commandCompleted('CP-A', 'cmd-2', T0 + 200_001, 'NotConnected', 'ChangeConfiguration'));
  await produce('commands', 'CP-B', commandRequested('CP-B', 'cmd-3', T0 + 300_000));
  await produce('commands', 'CP-B', commandSent('CP-B', 'cmd-3', T0 + 300_010));
  await produce('commands', 'CP-B', commandCompleted('CP-B', 'cmd-3', T0 + 335_000, 'TimedOut'));
  await produce('commands', 'CP-B', commandCompleted('CP-B', 'cmd-3', T0 + 336_000, 'Accepted'));
  await produce('commands', 'CP-B', commandRequested('CP-B', 'cmd-4', T0 + 400_000));
  for (const record of securityRecordSequence()) await produce('security', record.chargePointId, record);

  await produce('tariffs', 'T-STD', tariff('T-STD', 2));
  await produce('tariffs', 'T-OLD', tariff('T-OLD'));
  await produce('tariffs', 'T-OLD', null);
  await produce('tariffAssignments', 'default', assignment('Default', 'T-STD'));
  await produce('tariffAssignments', 'evse:CP-A:1', assignment('Evse', 'T-STD', { chargePointId: 'CP-A', evseId: 1 }));
  await produce('tariffAssignments', 'station:CP-B', assignment('Station', 'T-OLD', { chargePointId: 'CP-B' }));
  await produce('tariffAssignments', 'station:CP-B', null);
  await produce('billing', 'CP-A', sessionCost('CP-A', 101, T0 + 30_000, 100));
  await produce('billing', 'CP-A', sessionCost('CP-A', 101, T0 + 60_000, 250));
  // Runs to an earlier asOf than the one before it: the newer cost stays.
  await produce('billing', 'CP-A', sessionCost('CP-A', 101, T0 + 45_000, 180));
  await produce('billing', 'CP-A', cdrA);
  await produce('billing', 'CP-A', cdrA);
  await produce('billing', 'CP-A', creditA);
  await produce('billing', 'CP-A', correctionA);
  await produce('billing', 'CP-B', sessionCost('CP-B', 102, T0 + 40_000, 90));
  await produce('billing', 'CP-B', cdrB);
  await produce('billing', 'CP-B', cdrB2);
  await produce('billing', 'CP-B', creditB2);
  await produce('billing', 'CP-B', cdrB2);
  await produce('rerates', 'RR-1', rerateRequested);
  await produce('rerates', 'RR-1', { ...rerateRequested, type: 'RerateCompleted', error: null, sessions: [] });
  // Folded again after it ran, the request must not make it look pending.
  await produce('rerates', 'RR-1', rerateRequested);

  await startAll();
  await caughtUp();
});

after(async () => {
  await stopAll();
  await producer?.disconnect();
  await deadLetterProducer?.disconnect();
  await pool?.end();
  await env?.stop();
});

test('charge points combine the registration and what the station reported', async () => {
  const { rows } = await pool.query(`SELECT * FROM charge_points WHERE id IN ('CP-A', 'CP-B', 'CP-C') ORDER BY id`);
  assert.deepEqual(rows.map((r) => r.id), ['CP-A', 'CP-B'], 'CP-C was registered then deleted and never seen');
  const [a, b] = rows;
  assert.equal(a.registered, true);
  assert.equal(a.name, 'Depot A');
  assert.equal(a.vendor, 'ExampleVendor');
  assert.equal(a.firmware_version, '1.2.3');
  assert.equal(a.last_boot_status, 'Accepted');
  assert.deepEqual(a.last_seen_at, new Date(T0 + 21_000));
  assert.equal(a.security_profile, 1);
  assert.deepEqual([a.site_address, a.site_country, a.site_latitude], [exampleSite.address, 'NLD', exampleSite.coordinates.latitude]);
  assert.deepEqual(await stationSites(pool, ['CP-A', 'CP-B']), new Map([['CP-A', exampleSite]]), 'CP-B was never registered');
  assert.equal(b.registered, false);
  assert.equal(b.name, null);
  assert.equal(b.model, 'Model-X');
  assert.equal(b.security_profile, null);
});

test('station credentials keep when and by whom a password was set, never a hash; a tombstone removes them', async () => {
  const { rows } = await pool.query('SELECT * FROM station_credentials ORDER BY charge_point_id');
  assert.deepEqual(rows, [{
    charge_point_id: 'CP-A', password_set_at: new Date(T0), password_set_by: 'key:k1', previous_valid_until: new Date(T0 + 86_400_000),
  }]);
  const view = await findChargePoint(pool, 'CP-A');
  assert.deepEqual([view?.securityProfile, view?.passwordSet, view?.passwordSetAt, view?.passwordSetBy], [1, true, new Date(T0).toISOString(), 'key:k1']);
  assert.equal((await findChargePoint(pool, 'CP-B'))?.passwordSet, false);
});

test('a row PostgreSQL refuses is set aside as a dead letter, and the projection moves on', async () => {
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM charge_points WHERE id IN ('CP-NUL', 'CP-AFTER') ORDER BY id`);
  assert.deepEqual(rows.map((r) => r.id), ['CP-AFTER']);
  // The letter is folded from its own topic, which may trail the others.
  await until('the dead letter is folded', async () => (await pool.query('SELECT 1 FROM dead_letters')).rows.length > 0);
  const letters = await pool.query<{ consumer: string; reason: string; record_key: string; source_topic: string; redriven_at: Date | null; value: Buffer }>(
    'SELECT * FROM dead_letters');
  assert.equal(letters.rows.length, 1);
  const [letter] = letters.rows;
  assert.equal(letter?.consumer, 'projection:charge-points');
  assert.equal(letter?.reason, 'DB_REFUSED');
  assert.equal(letter?.record_key, 'CP-NUL');
  assert.equal(letter?.source_topic, topicName('chargePoints', env.topicPrefix));
  assert.equal(letter?.redriven_at, null);
  assert.equal((await serde.decode('chargePoints', letter!.value)).name, 'a\u0000b', 'the record is kept as it was, for a re-drive');
});

test('connectors hold the latest status', async () => {
  const { rows } = await pool.query('SELECT * FROM connectors ORDER BY charge_point_id, connector_id');
  assert.deepEqual(rows.map((r) => [r.charge_point_id, r.connector_id, r.status]), [['CP-A', 1, 'Charging'], ['CP-B', 1, 'Charging']]);
  assert.deepEqual(rows[0].status_at, new Date(T0 + 9_500));
});

test('a Disconnected for an older connection does not close the newer one', async () => {
  const { rows } = await pool.query('SELECT * FROM connections ORDER BY charge_point_id');
  const [a, b] = rows;
  assert.equal(a.connected, true);
  assert.equal(a.connection_id, 'CP-A-c2');
  assert.equal(a.disconnected_at, null);
  assert.equal(b.connected, false);
  assert.equal(b.close_code, 1006);
  assert.deepEqual(b.disconnected_at, new Date(T0 + 22_000));
});

test('transactions and their meter values', async () => {
  const { rows } = await pool.query('SELECT * FROM transactions ORDER BY transaction_id');
  assert.deepEqual(rows.map((r) => [r.transaction_id, r.status]), [[101, 'Completed'], [102, 'Active']]);
  assert.equal(rows[0].energy_wh, 25_500);
  assert.equal(rows[0].meter_start_wh, 1_000);
  assert.equal(rows[0].duration_seconds, 60);
  assert.deepEqual(rows[0].started_at, new Date(T0 + 9_000));
  const meter = await pool.query('SELECT transaction_id, count(*)::int AS n FROM meter_values GROUP BY transaction_id ORDER BY transaction_id');
  assert.deepEqual(meter.rows, [{ transaction_id: 101, n: 3 }, { transaction_id: 102, n: 2 }]);
});

test('id tags follow the compacted topic, tombstones included; authorizations are logged', async () => {
  const { rows } = await pool.query('SELECT id_tag, status FROM id_tags ORDER BY id_tag');
  assert.deepEqual(rows, [{ id_tag: 'RFID-12345', status: 'Accepted' }]);
  const auth = await pool.query('SELECT charge_point_id, id_tag, status FROM authorizations');
  assert.deepEqual(auth.rows, [{ charge_point_id: 'CP-B', id_tag: 'RFID-12345', status: 'Accepted' }]);
});

test('commands: Requested -> Sent -> Accepted, and the first outcome stays', async () => {
  const { rows } = await pool.query('SELECT * FROM commands ORDER BY id');
  assert.deepEqual(rows.map((r) => [r.id, r.charge_point_id, r.status]), [
    ['cmd-1', 'CP-A', 'Accepted'], ['cmd-2', 'CP-A', 'NotConnected'], ['cmd-3', 'CP-B', 'TimedOut'], ['cmd-4', 'CP-B', 'Requested'],
  ]);
  const [one, two, three, four] = rows;
  assert.equal(one.payload, '{"type":"Soft"}');
  assert.equal(one.response, '{"status":"Accepted"}');
  assert.equal(one.message_id, 'cmd-1');
  assert.equal(one.node, 1);
  assert.deepEqual([one.requested_at, one.sent_at, one.completed_at], [new Date(T0 + 100_000), new Date(T0 + 100_050), new Date(T0 + 100_500)]);
  assert.equal(two.sent_at, null);
  assert.equal(two.action, 'ChangeConfiguration');
  assert.equal(three.response, null, 'the late answer after the timeout is ignored');
  assert.deepEqual(three.completed_at, new Date(T0 + 335_000));
  assert.equal(four.completed_at, null);
});

test('firmware and diagnostics statuses on the charge point', async () => {
  const { rows } = await pool.query(`SELECT * FROM charge_points WHERE id = 'CP-A'`);
  const [a] = rows;
  assert.equal(a.firmware_status, 'Installed');
  assert.deepEqual(a.firmware_status_at, new Date(T0 + 4_000));
  assert.equal(a.diagnostics_status, 'Uploaded');
  assert.equal(a.diagnostics_file_name, 'diag-A.zip', 'a notification without a file name keeps the known one');
  assert.deepEqual(a.last_seen_at, new Date(T0 + 21_000));
  assert.equal(a.firmware_request_id, null);
  assert.deepEqual([a.log_status, a.log_status_request_id, a.log_status_at], ['Uploaded', 3, new Date(T0 + 8_000)]);
  const b = (await pool.query(`SELECT * FROM charge_points WHERE id = 'CP-B'`)).rows[0];
  assert.deepEqual([b.firmware_status, b.firmware_request_id, b.log_status], ['SignatureVerified', 12, null], 'signed firmware progress');
});

test('security events: one row per record of every type, newest first per station, without the CSR', async () => {
  const { rows } = await pool.query('SELECT * FROM security_events ORDER BY charge_point_id, at DESC');
  assert.deepEqual(rows.map((r) => [r.charge_point_id, r.type]), [
    ['CP-A', 'CertificateIssued'], ['CP-A', 'CertificateSigningRequested'], ['CP-A', 'SecurityEventReported'],
    ['CP-A', 'ConnectionReplaced'], ['CP-A', 'StationAuthenticationRefused'],
    ['CP-B', 'SecurityEventReported'], ['CP-B', 'CertificateSigningRefused'], ['CP-B', 'CertificateSigningRequested'],
  ]);
  const [issued, requested, reported] = rows;
  assert.equal(issued.request_id, requested.request_id, 'the certificate names the request it answers');
  assert.equal(issued.serial_number, '4F2A91');
  assert.deepEqual([reported.event_type, reported.station_timestamp], ['InvalidCentralSystemCertificate', new Date(T0 + 28_000)]);
  assert.equal(rows[4].reason, 'WRONG_PASSWORD');
  assert.equal(rows[6].reason, 'CN_MISMATCH');
  const columns = Object.keys(rows[0]);
  assert.ok(!columns.includes('csr') && !JSON.stringify(rows).includes('BEGIN CERTIFICATE REQUEST'), 'no CSR is stored');
});

test('configuration: complete reports drop unlisted keys, unknown keys go, latest change per key', async () => {
  const keys = await pool.query('SELECT charge_point_id, key, value, readonly FROM configuration_keys ORDER BY charge_point_id, key');
  assert.deepEqual(keys.rows.map((r) => [r.key, r.value, r.readonly]), [
    ['HeartbeatInterval', '60', false], ['MeterValueSampleInterval', '10', false], ['NumberOfConnectors', '2', true],
  ]);
  const changes = await pool.query('SELECT key, value, status FROM configuration_changes ORDER BY key');
  assert.deepEqual(changes.rows, [
    { key: 'Foo', value: '1', status: 'NotSupported' }, { key: 'HeartbeatInterval', value: '15', status: 'Rejected' },
  ]);
});

test('local lists: Full replaces, Differential upserts and removes, versions sent and reported', async () => {
  const lists = await pool.query('SELECT charge_point_id, version_sent, update_type, version_reported FROM local_lists ORDER BY charge_point_id');
  assert.deepEqual(lists.rows, [
    { charge_point_id: 'CP-A', version_sent: 2, update_type: 'Differential', version_reported: 1 },
    { charge_point_id: 'CP-B', version_sent: 6, update_type: 'Full', version_reported: null },
  ]);
  const entries = await pool.query('SELECT charge_point_id, id_tag, status FROM local_list_entries ORDER BY charge_point_id, id_tag');
  assert.deepEqual(entries.rows.map((r) => [r.charge_point_id, r.id_tag, r.status]), [
    ['CP-A', 'TAG-A', 'Accepted'], ['CP-A', 'TAG-C', 'Blocked'], ['CP-A', 'TAG-D', 'Accepted'],
  ]);
});

test('reservations: the first end stays, a new id is active', async () => {
  const { rows } = await pool.query('SELECT * FROM reservations ORDER BY charge_point_id, reservation_id');
  assert.deepEqual(rows.map((r) => [r.charge_point_id, r.reservation_id, r.status, r.transaction_id]), [
    ['CP-A', 1, 'Used', 101], ['CP-A', 2, 'Active', null], ['CP-B', 3, 'Cancelled', null],
  ]);
  assert.deepEqual(rows[0].ended_at, new Date(T0 + 61_000));
  assert.equal(rows[1].connector_id, 2);
});

test('charging profiles follow the OCPP 1.6 replacement rules; clearing removes what matches', async () => {
  const { rows } = await pool.query('SELECT * FROM charging_profiles ORDER BY charge_point_id, connector_id, stack_level');
  assert.deepEqual(rows.map((r) => [r.charge_point_id, r.connector_id, r.charging_profile_id, r.stack_level, r.purpose]), [
    ['CP-A', 1, 3, 1, 'TxDefaultProfile'], ['CP-A', 2, 4, 1, 'TxDefaultProfile'], ['CP-A', 2, 1, 5, 'TxProfile'],
  ]);
  assert.deepEqual(rows[0].valid_from, new Date(T0));
  assert.deepEqual(rows[0].valid_to, new Date(T0 + 86_400_000));
  assert.equal(JSON.parse(rows[0].profile).chargingProfileId, 3);
  const schedules = await pool.query('SELECT connector_id, reported_at FROM composite_schedules ORDER BY charge_point_id, connector_id');
  assert.deepEqual(schedules.rows, [{ connector_id: 0, reported_at: new Date(T0 + 72_000) }, { connector_id: 1, reported_at: new Date(T0 + 71_000) }]);
});

test('a TxProfile ends with its transaction; the TxDefaultProfile on the connector stays', async () => {
  // OCPP 1.6 §3.13.1. 'stations' and 'sessions' reach the projection in no fixed order, so the
  // stop may be folded before the profiles it ends, and before profile 24 that it must not end.
  const cp = 'CP-T';
  await produce('sessions', cp, started(cp, 201, T0 + 500_000));
  await produce('stations', cp, profileSet(cp, { connectorId: 1, chargingProfileId: 20, stackLevel: 0, purpose: 'TxDefaultProfile' }, T0 + 501_000));
  await produce('stations', cp, profileSet(cp, { connectorId: 1, chargingProfileId: 21, stackLevel: 1, purpose: 'TxProfile', transactionId: 201 }, T0 + 502_000));
  // Without transactionId: the transaction running on connector 1, 201 here.
  await produce('stations', cp, profileSet(cp, { connectorId: 1, chargingProfileId: 22, stackLevel: 2, purpose: 'TxProfile' }, T0 + 503_000));
  await produce('sessions', cp, stopped(cp, 201, T0 + 560_000, T0 + 500_000));
  // The next transaction on connector 1 gets its own TxProfile, set after 201 stopped: it stays.
  await produce('sessions', cp, started(cp, 202, T0 + 570_000));
  await produce('stations', cp, profileSet(cp, { connectorId: 1, chargingProfileId: 24, stackLevel: 3, purpose: 'TxProfile' }, T0 + 571_000));
  await caughtUp();

  const { rows } = await pool.query(
    `SELECT connector_id, charging_profile_id, purpose, transaction_id FROM charging_profiles WHERE charge_point_id = 'CP-T' ORDER BY stack_level`,
  );
  assert.deepEqual(rows.map((r) => [r.connector_id, r.charging_profile_id, r.purpose, r.transaction_id]), [
    [1, 20, 'TxDefaultProfile', null], [1, 24, 'TxProfile', null],
  ]);
  const ends = await pool.query(`SELECT transaction_id, connector_id, ended_at FROM charging_profile_transaction_ends WHERE charge_point_id = 'CP-T'`);
  assert.deepEqual(ends.rows, [{ transaction_id: 201, connector_id: 1, ended_at: new Date(T0 + 560_200) }]);
});

test('OCPP 2.0.1: a transaction whose events arrive late keeps what its newest event said, its gaps, its signed readings', async () => {
  const cp = 'CP-201';
  await produce('sessions', cp, started201(cp, 301, T0 + 600_000, 4711));
  await produce('sessions', cp, signedSampled(cp, 301, T0 + 601_000));
  // Sent again after a lost reply: recorded twice, shown once.
  await produce('sessions', cp, signedSampled(cp, 301, T0 + 601_000));
  await produce('sessions', cp, updated201(cp, 301, 2, T0 + 602_000, { chargingState: 'Charging', missingSeqNos: [1] }));
  // seqNo 1, sent while offline, comes after seqNo 2: it fills the gap but is not the newest.
  await produce('sessions', cp, updated201(cp, 301, 1, T0 + 603_000, {
    offline: true, triggerReason: 'MeterValuePeriodic', chargingState: 'EVConnected', missingSeqNos: [],
  }));
  await produce('sessions', cp, stopped201(cp, 301, 3, T0 + 660_000, T0 + 600_000));
  // A transaction first seen at seqNo 4 starts there, lacking seqNos 0 to 3.
  await produce('sessions', cp, started201(cp, 302, T0 + 670_000, null, { seqNo: 4, missingSeqNos: [0, 1, 2, 3] }));
  await caughtUp();

  const done = await findTransaction(pool, 301);
  assert.deepEqual(
    [done?.status, done?.stationTransactionId, done?.connectorId, done?.evseConnectorId, done?.idTokenType, done?.remoteStartId],
    ['Completed', 'tx-301', 1, 2, 'eMAID', 4711],
  );
  assert.deepEqual(
    [done?.lastSeqNo, done?.missingSeqNos, done?.triggerReason, done?.chargingState, done?.offline, done?.energyWh],
    [3, [], 'EVCommunicationLost', 'Idle', true, 12_000],
  );
  const samples = await listMeterValues(pool, 301);
  assert.deepEqual(samples.map((m) => [m.measurand, m.evseConnectorId, m.signedMeterValue?.signingMethod ?? null]), [
    ['Energy.Active.Import.Register', 2, 'ECDSA-secp256r1-SHA256'], ['Power.Active.Import', 2, null],
  ]);
  const early = await findTransaction(pool, 302);
  assert.deepEqual([early?.status, early?.lastSeqNo, early?.missingSeqNos], ['Active', 4, [0, 1, 2, 3]]);
  const oneSix = await findTransaction(pool, 101);
  assert.deepEqual([oneSix?.stationTransactionId, oneSix?.lastSeqNo, oneSix?.offline, oneSix?.missingSeqNos], [null, null, null, null]);
});

test('OCPP 2.0.1: connectors of one EVSE are kept apart, and a station that changed protocol shows one numbering', async () => {
  const cp = 'CP-201';
  await produce('stations', cp, statusChanged(cp, 1, 'Available', T0 + 599_000));
  await produce('stations', cp, connected201(cp, 'CP-201-c1', T0 + 600_000));
  await produce('stations', cp, evseStatusChanged(cp, 1, 1, 'Available', T0 + 600_100));
  await produce('stations', cp, evseStatusChanged(cp, 1, 2, 'Occupied', T0 + 600_200));
  await produce('stations', cp, evseStatusChanged(cp, 1, 2, 'Available', T0 + 600_300));
  await caughtUp();
  const connectors = await listConnectors(pool, cp);
  assert.deepEqual(connectors.map((c) => [c.connectorId, c.evseConnectorId, c.status]), [[1, 1, 'Available'], [1, 2, 'Available']]);
  assert.deepEqual((await listConnectors(pool, 'CP-A')).map((c) => [c.connectorId, c.evseConnectorId]), [[1, null]], '1.6 unchanged');
  assert.equal((await findChargePoint(pool, cp))?.protocol, 'ocpp2.0.1');
  assert.equal((await findChargePoint(pool, 'CP-A'))?.protocol, 'ocpp1.6');
});

test('OCPP 2.0.1: a report in parts builds the device model; answers change values; progress per report', async () => {
  const cp = 'CP-201';
  const model = deviceModel();
  for (const [seqNo, slice] of [[0, model.slice(0, 2)], [1, model.slice(2, 4)], [2, model.slice(4)]] as const) {
    await produce('stations', cp, reportPart(cp, 5, seqNo, seqNo < 2, [...slice], T0 + 700_000 + seqNo));
  }
  await produce('stations', cp, variablesAnswered(cp, 'SetVariables', [attribute('OCPPCommCtrlr', 'HeartbeatInterval', '60', {
    status: 'Accepted', mutability: null, persistent: null, constant: null, dataType: null,
  })], T0 + 701_000));
  // Refused: the fact carries no value (the device model decider gives one only where the station took it).
  await produce('stations', cp, variablesAnswered(cp, 'SetVariables', [attribute('AuthCtrlr', 'AuthorizeRemoteStart', null, {
    status: 'Rejected', mutability: null, persistent: null, constant: null, dataType: null,
  })], T0 + 701_100));
  // A second report loses its middle part.
  await produce('stations', cp, reportPart(cp, 6, 0, true, [attribute('OCPPCommCtrlr', 'HeartbeatInterval', '60', { unit: 's', minLimit: 1, maxLimit: 86_400 })], T0 + 702_000));
  await produce('stations', cp, reportPart(cp, 6, 2, false, [attribute('ocppcommctrlr', 'NETWORKPROFILECONNECTIONATTEMPTS', '5')], T0 + 702_200));
  await caughtUp();

  const all = await findDeviceModel(pool, cp, { limit: 50, offset: 0 });
  assert.equal(all.total, model.length, 'names are case-insensitive: no attribute twice');
  const value = (component: string, variable: string) => all.variables.find((v) => v.component.toLowerCase() === component.toLowerCase() && v.variable.toLowerCase() === variable.toLowerCase());
  assert.deepEqual([value('OCPPCommCtrlr', 'HeartbeatInterval')?.value, value('OCPPCommCtrlr', 'HeartbeatInterval')?.lastStatus, value('OCPPCommCtrlr', 'HeartbeatInterval')?.unit], ['60', 'Accepted', 's']);
  assert.deepEqual([value('AuthCtrlr', 'AuthorizeRemoteStart')?.value, value('AuthCtrlr', 'AuthorizeRemoteStart')?.lastStatus], ['true', 'Rejected']);
  assert.deepEqual([value('OCPPCommCtrlr', 'NetworkProfileConnectionAttempts')?.value, value('OCPPCommCtrlr', 'NetworkProfileConnectionAttempts')?.variable], ['5', 'NETWORKPROFILECONNECTIONATTEMPTS']);
  assert.deepEqual([value('Connector', 'ConnectorType')?.evseId, value('Connector', 'ConnectorType')?.connectorId], [1, 2]);
  assert.equal(all.complete, false, 'the latest report misses a part');
  assert.deepEqual(all.report, {
    requestId: 6, complete: false, partsReceived: 2, lastPartReceived: true, missingCount: 1, missingSeqNos: [1],
    startedAt: new Date(T0 + 702_000).toISOString(), updatedAt: new Date(T0 + 702_200).toISOString(),
  });
  const first = await pool.query('SELECT complete, seq_nos FROM device_model_reports WHERE charge_point_id = $1 AND request_id = 5', [cp]);
  assert.deepEqual(first.rows, [{ complete: true, seq_nos: [0, 1, 2] }]);
  const filtered = await findDeviceModel(pool, cp, { limit: 50, offset: 0, component: 'ocppcommctrlr', variable: 'heartbeatinterval' });
  assert.deepEqual(filtered.variables.map((v) => v.value), ['60']);
});

test('OCPP 2.0.1: an id tag keeps the token type it must be presented as', async () => {
  await produce('idTags', 'EMAID-0001', { idTag: 'EMAID-0001', status: 'Accepted', expiryDate: null, parentIdTag: null, updatedAt: T0, updatedBy: null, idTokenType: 'eMAID' });
  await caughtUp();
  const { rows } = await pool.query(`SELECT id_tag, id_token_type FROM id_tags ORDER BY id_tag`);
  assert.deepEqual(rows, [{ id_tag: 'EMAID-0001', id_token_type: 'eMAID' }, { id_tag: 'RFID-12345', id_token_type: null }]);
});

test('billing: CDRs, their credits and the running costs fold into rows; a CDR written twice is one row', async () => {
  const { rows } = await pool.query('SELECT cdr_id, kind, corrects_cdr_id, credited_by FROM cdrs ORDER BY cdr_id');
  assert.deepEqual(rows.map((r) => [r.cdr_id, r.kind, r.corrects_cdr_id, r.credited_by]), [
    ['CDR-CP-A-101', 'Final', null, creditA.creditId],
    [correctionA.cdrId, 'Correction', 'CDR-CP-A-101', null],
    ['CDR-CP-B-102-NO_STOP', 'Provisional', null, null],
    ['CDR-CP-B-103', 'Final', null, creditB2.creditId],
  ], 'a credit marks the CDR it cancels, and the CDR folded again after it keeps the mark');
  const detail = await findCdr(pool, 'CDR-CP-A-101');
  assert.deepEqual(detail?.priced, cdrA.priced, 'the priced session comes back as pricing computed it');
  assert.deepEqual([detail?.stoppedAt, detail?.totalInclVatMinor, detail?.tariffVersions], [
    new Date(T0 + 9_000 + 3_600_000).toISOString(), 932, [{ id: 'T-STD', version: 1 }],
  ]);
  assert.equal(await findCdr(pool, 'CDR-NONE'), undefined);

  const billable = await listCdrs(pool, { limit: 10, offset: 0, billable: true });
  assert.deepEqual([billable.total, billable.items.map((c) => c.cdrId)], [1, [correctionA.cdrId]]);
  const rest = await listCdrs(pool, { limit: 10, offset: 0, billable: false });
  assert.deepEqual(rest.items.map((c) => c.cdrId), ['CDR-CP-B-103', 'CDR-CP-B-102-NO_STOP', 'CDR-CP-A-101'], 'newest stoppedAt first');
  const exported = await cdrsForExport(pool, { chargePointId: 'CP-A' }, 10);
  assert.deepEqual(exported.map((c) => [c.cdrId, c.priced.energyWh]), [['CDR-CP-A-101', 22_000], [correctionA.cdrId, 20_000]]);

  const credits = await listCredits(pool, { limit: 10, offset: 0 });
  assert.deepEqual(credits.items.map((c) => [c.creditedCdrId, c.totalExclVatMinor, c.totalInclVatMinor]), [
    ['CDR-CP-B-103', -770, -932], ['CDR-CP-A-101', -770, -932],
  ]);
  assert.equal((await listCredits(pool, { limit: 10, offset: 0, chargePointId: 'CP-A' })).total, 1);

  const cost = await findSessionCost(pool, 101);
  // Once billed, the session's cost is its billable CDR's (here the correction), to the stop, not the last running cost.
  assert.deepEqual([cost?.asOf, cost?.totalExclVatMinor, cost?.cdrId], ['2025-01-15T11:00:09.000Z', 700, correctionA.cdrId]);
  assert.equal((await findSessionCost(pool, 102))?.cdrId, null, 'a Provisional CDR is not the final cost');
  const costB = await findSessionCost(pool, 102);
  assert.deepEqual([costB?.asOf, costB?.totalExclVatMinor], ['2025-01-15T10:00:40.000Z', 90], 'nor does it replace the running cost');
  assert.equal(await findSessionCost(pool, 999), undefined);

  const statement = await statementOf(pool, { idTag: 'RFID-12345', month: '2025-01' });
  assert.deepEqual(statement.cdrs.map((c) => c.cdrId), [correctionA.cdrId]);
  assert.deepEqual(statement.totals, [{ currency: 'EUR', sessions: 1, energyWh: 20_000, totalExclVatMinor: 700, vatMinor: 147, totalInclVatMinor: 847 }]);
  assert.deepEqual((await statementOf(pool, { groupIdToken: 'FLEET-1', month: '2025-02' })).cdrs, []);
});

test('a re-rating is Completed once its completion is folded, even with its request folded again after it', async () => {
  const found = await findRerate(pool, 'RR-1');
  assert.deepEqual([found?.status, found?.tariffId, found?.sessions], ['Completed', 'T-1', []]);
});

test('tariffs and their assignments follow the compacted topics, tombstones included', async () => {
  const tariffs = await listTariffs(pool, { limit: 10, offset: 0 });
  assert.deepEqual(tariffs.items.map((t) => [t.id, t.currency, t.currentVersion]), [['T-STD', 'EUR', 2]]);
  assert.deepEqual((await findTariff(pool, 'T-STD'))?.versions, tariff('T-STD', 2).versions);
  assert.equal(await findTariff(pool, 'T-OLD'), undefined);
  const assignments = await listTariffAssignments(pool, { limit: 10, offset: 0 });
  assert.deepEqual(assignments.items.map((a) => [a.key, a.scope, a.chargePointId, a.evseId, a.tariffId]), [
    ['default', 'Default', null, null, 'T-STD'], ['evse:CP-A:1', 'Evse', 'CP-A', 1, 'T-STD'],
  ]);
  assert.equal((await listTariffAssignments(pool, { limit: 10, offset: 0, chargePointId: 'CP-A' })).total, 1);
  assert.equal(await findTariffAssignment(pool, 'station:CP-B'), undefined);
});

test('rebuilding every projection from offset 0 yields identical tables', async () => {
  const snapshot = await dump();
  assert.ok(snapshot.meter_values!.length > 0);
  for (const table of ['tariffs', 'tariff_assignments', 'cdrs', 'cdr_credits', 'session_costs']) {
    assert.ok(snapshot[table]!.length > 0, `${table} is empty`);
  }
  assert.ok(snapshot.charging_profiles!.some((r) => (r as { charge_point_id: string }).charge_point_id === 'CP-T'));
  assert.ok(snapshot.charging_profile_transaction_ends!.length > 0);
  assert.equal(snapshot.security_events!.length, securityRecordSequence().length);
  await stopAll();
  const result = await rebuildProjections({
    kafka, pool, serde, topicPrefix: env.topicPrefix, projections, logger, stallTimeoutMs: 30_000,
    groupId: `${env.topicPrefix}rebuild-all`, deadLetters, maxAttempts: 2,
  });
  for (const projection of projections) assert.ok((result.applied.get(projection.name) ?? 0) > 0, `${projection.name} applied nothing`);
  assert.deepEqual(await dump(), snapshot);
});

test('redelivering records already applied does not duplicate meter values', async () => {
  const snapshot = await dump();
  // As after a crash between the row writes and the offset write: the stored offset is lost,
  // so the live consumer rereads the whole topic over rows that already exist.
  // The others, further on, skip what they have applied.
  await pool.query(`DELETE FROM projection_offsets WHERE projection = 'transactions'`);
  await startAll();
  await caughtUp();
  await stopAll();
  assert.deepEqual(await dump(), snapshot);
});

test('replaying the billing and tariff topics over their rows changes nothing', async () => {
  const snapshot = await dump();
  // As after a crash between the row writes and the offset write: every record is folded again.
  await pool.query(`DELETE FROM projection_offsets WHERE projection IN ('billing', 'tariffs')`);
  await startAll();
  await caughtUp();
  await stopAll();
  assert.deepEqual(await dump(), snapshot);
});


test('a projection a rebuild holds is left alone while the others fold the same topic, and catches up once released', async () => {
  const authorizations = async () => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM authorizations WHERE charge_point_id = 'CP-Z'`)).rows[0]!.n);
  const holder = await pool.connect();
  try {
    await holder.query('BEGIN');
    await lockProjection(holder, 'transactions');
    await startAll();
    await produce('sessions', 'CP-Z', started('CP-Z', 9301, T0 + 500_000));
    await produce('sessions', 'CP-Z', {
      type: 'AuthorizationDecided', chargePointId: 'CP-Z', at: T0 + 500_500, idTag: 'RFID-12345', status: 'Accepted', expiryDate: null,
      parentIdTag: null, ...ocpp16Detail.AuthorizationDecided,
    });
    await until('the id-tags projection folds the authorization after the held one', async () => (await authorizations()) === 1);
    assert.equal(await findTransaction(pool, 9301), undefined, 'the held projection wrote nothing');
  } finally {
    await holder.query('COMMIT');
    holder.release();
  }
  await until('the released projection folds the transaction', async () => (await findTransaction(pool, 9301)) !== undefined);
  await caughtUp();
  await stopAll();
  assert.equal(await authorizations(), 1, 'reading again for the released projection folds nothing twice for the others');
});

test('a read model ahead of its topic (Kafka data deleted, the topic recreated) is reported and left alone, and followed again once rebuilt', async () => {
  const sessions = topicName('sessions', env.topicPrefix);
  const authorizations = async () => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM authorizations WHERE charge_point_id = 'CP-Y'`)).rows[0]!.n);
  // As when Kafka lost the records the transactions read model was built from: its offsets lie past every partition's end.
  for (let partition = 0; partition < KEYED_PARTITIONS; partition++) await saveNextOffsets(pool, ['transactions'], sessions, partition, 1_000_000_000);
  await startAll();
  const live = running[0]!;
  await produce('sessions', 'CP-Y', started('CP-Y', 9401, T0 + 600_000));
  await produce('sessions', 'CP-Y', {
    type: 'AuthorizationDecided', chargePointId: 'CP-Y', at: T0 + 600_500, idTag: 'RFID-12345', status: 'Accepted', expiryDate: null,
    parentIdTag: null, ...ocpp16Detail.AuthorizationDecided,
  });
  await until('the id-tags projection folds the authorization beside the projection ahead', async () => (await authorizations()) === 1);
  await until('the projection ahead is reported', async () => live.problems().length > 0);
  assert.match(live.problems().join('\n'),
    new RegExp(`^transactions: ahead of ${sessions.replaceAll('.', '\\.')} \\(partitions [\\d, ]+\\): .*npm run rebuild-projection -- transactions$`));
  assert.equal(await findTransaction(pool, 9401), undefined, 'nothing is applied from past the end, and nothing is skipped for good');

  // The operator's rebuild, while the live consumer runs and the partition sees no new record.
  await rebuildProjections({
    kafka, pool, serde, topicPrefix: env.topicPrefix, projections: projections.filter((p) => p.name === 'transactions'), logger,
    stallTimeoutMs: 30_000, groupId: `${env.topicPrefix}rebuild-ahead`, deadLetters, maxAttempts: 2,
  });
  assert.notEqual(await findTransaction(pool, 9401), undefined, 'the rebuild folds what the live consumer left');
  await until('the rebuilt projection is no longer reported', async () => live.problems().length === 0);
  await produce('sessions', 'CP-Y', stopped('CP-Y', 9401, T0 + 660_000, T0 + 600_000));
  await until('the rebuilt projection follows the topic again', async () => (await findTransaction(pool, 9401))?.stoppedAt !== null);
  await caughtUp();
  await stopAll();
  assert.deepEqual(live.problems(), []);
  assert.equal(await authorizations(), 1);
});

test('a rebuild\'s swap waits for a reader of the live tables, trying again, and moves the offsets only with the tables', async () => {
  const before = await dump();
  const liveOffsets = async () => (await pool.query(
    `SELECT topic, partition, next_offset FROM projection_offsets WHERE projection = 'transactions' ORDER BY topic, partition`)).rows;
  // Emptied, so that the rebuild's ends differ from what is stored: a move before the swap would show.
  await pool.query(`DELETE FROM projection_offsets WHERE projection = 'transactions'`);
  let retried: () => void = () => undefined;
  const retrying = new Promise<void>((resolve) => { retried = resolve; });
  const watching: Logger = Object.assign(Object.create(logger) as Logger, {
    warn: (_fields: unknown, message?: string) => { if (message?.includes('trying the swap again')) retried(); },
  });
  const holder = await pool.connect();
  let rebuilt: Promise<unknown> = Promise.resolve();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT count(*) FROM transactions');
    rebuilt = rebuildProjections({
      kafka, pool, serde, topicPrefix: env.topicPrefix, projections: projections.filter((p) => p.name === 'transactions'), logger: watching,
      stallTimeoutMs: 30_000, groupId: `${env.topicPrefix}rebuild-behind-reader`, deadLetters, maxAttempts: 2, swapLockTimeoutMs: 50,
    });
    rebuilt.catch(() => undefined); // awaited below
    // A rebuild that fails, or swaps past the reader, ends the race instead of the retry.
    await Promise.race([retrying, rebuilt.then(() => assert.fail('the swap went past a reader'))]);
    assert.deepEqual(await liveOffsets(), [], 'no offset moves while the swap waits for the reader');
  } finally {
    await holder.query('COMMIT');
    holder.release();
  }
  await rebuilt;
  assert.deepEqual(await dump(), before);
  assert.ok((await liveOffsets()).length > 0, 'the swap stored the ends it rebuilt up to');
});
