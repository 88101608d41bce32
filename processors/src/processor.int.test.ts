// The processor against a real Kafka and registry: a charge point's session end to end,
// a resent StartTransaction, a restart of the runtime, a second instance taking over
// half the inbound partitions while records are in flight, remote commands from
// csms.command-requests completed by the station's answers on ocpp.inbound, the 1.6
// security extension's station messages with their facts on csms.security, and a station that
// speaks OCPP 2.0.1.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import {
  createSerde, ocpp16Detail, outboundFrameText, topicName, type CommandEvent, type CommandRequested, type InboundRecord, type OutboundFrame, type Serde,
  type SecurityRecord, type SessionEvent, type StationEvent, KEYED_PARTITIONS, type DeadLetter, type InboundFrame,
} from '@csms/contracts';
import { createKafka, createLogger, ensureTopics, keyOnSamePartition } from '@csms/infra';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { defaultSettings } from './deciders/context.ts';
import { createProcessorMetrics, type ProcessorMetrics } from './runtime/metrics.ts';
import { startProcessor, type Processor } from './runtime/processor.ts';

const CP = 'CP-INT-1';
const NODE = 3;
const T0 = Date.parse('2025-03-01T08:00:00.000Z');
const logger = createLogger('processors-int', 'warn');

interface Seen {
  readonly outbound: Array<{ partition: number; offset: string; value: OutboundFrame }>;
  readonly stations: StationEvent[];
  readonly sessions: SessionEvent[];
  readonly commands: CommandEvent[];
  readonly deadLetters: DeadLetter[];
  readonly security: SecurityRecord[];
}

let env: TestEnvironment;
let kafka: Kafka;
let serde: Serde;
let producer: Producer;
let reader: Consumer;
const seen: Seen = { outbound: [], stations: [], sessions: [], commands: [], deadLetters: [], security: [] };

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function frame(
  messageId: string, action: string, payload: object, at: number, repliedByGateway = false, chargePointId = CP,
): InboundRecord {
  return {
    type: 'Frame', chargePointId, node: NODE, connectionId: 'conn-1', at, protocol: 'ocpp1.6',
    raw: JSON.stringify([2, messageId, action, payload]), messageTypeId: 2, messageId, action,
    payload: JSON.stringify(payload), rejection: null, repliedByGateway, rawTruncated: null,
  };
}

async function sendInbound(...records: InboundRecord[]): Promise<void> {
  const messages = [];
  for (const record of records) messages.push({ key: record.chargePointId, value: await serde.encode('inbound', record) });
  await producer.send({ topic: topicName('inbound', env.topicPrefix), acks: -1, messages });
}

async function sendCommandRequest(request: CommandRequested): Promise<void> {
  await producer.send({
    topic: topicName('commandRequests', env.topicPrefix), acks: -1,
    messages: [{ key: request.chargePointId, value: await serde.encode('commandRequests', request) }],
  });
}

function commandRequest(chargePointId: string, action: string, payload: object, at: number): CommandRequested {
  return { type: 'CommandRequested', chargePointId, at, commandId: randomUUID(), action, payload: JSON.stringify(payload), timeoutSeconds: 30, requestedBy: null };
}

/** The station's CALLRESULT to a CSMS call, as the gateway records it (with the call's action). */
function answerFrame(chargePointId: string, messageId: string, action: string, payload: object, at: number): InboundRecord {
  return {
    type: 'Frame', chargePointId, node: NODE, connectionId: 'conn-cmd', at, protocol: 'ocpp1.6',
    raw: JSON.stringify([3, messageId, payload]), messageTypeId: 3, messageId, action,
    payload: JSON.stringify(payload), rejection: null, repliedByGateway: false, rawTruncated: null,
  };
}

function commandEvent<T extends CommandEvent['type']>(type: T, commandId: string) {
  return () => seen.commands.find((e): e is Extract<CommandEvent, { type: T }> => e.type === type && e.commandId === commandId);
}

function reply(messageId: string) {
  return () => seen.outbound.find((o) => o.value.messageId === messageId);
}

function payloadOf(entry: { value: OutboundFrame }): unknown {
  const parsed = JSON.parse(outboundFrameText(entry.value)!) as unknown[];
  assert.equal(parsed[0], 3);
  return parsed[2];
}

async function startReader(): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `${env.topicPrefix}reader-${randomUUID()}`, readUncommitted: false });
  await consumer.connect();
  const topics = {
    outbound: topicName('outbound', env.topicPrefix), stations: topicName('stations', env.topicPrefix),
    sessions: topicName('sessions', env.topicPrefix), commands: topicName('commands', env.topicPrefix),
    deadLetter: topicName('deadLetter', env.topicPrefix),
    security: topicName('security', env.topicPrefix),
  };
  await consumer.subscribe({ topics: Object.values(topics), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      if (message.value === null) return;
      if (topic === topics.outbound) seen.outbound.push({ partition, offset: message.offset, value: await serde.decode('outbound', message.value) });
      if (topic === topics.stations) seen.stations.push(await serde.decode('stations', message.value));
      if (topic === topics.sessions) seen.sessions.push(await serde.decode('sessions', message.value));
      if (topic === topics.commands) seen.commands.push(await serde.decode('commands', message.value));
      if (topic === topics.deadLetter) {
        const letter = await serde.decode('deadLetter', message.value);
        if (letter.type === 'DeadLetter') seen.deadLetters.push(letter);
      }
      if (topic === topics.security) seen.security.push(await serde.decode('security', message.value));
    },
  });
  return consumer;
}

function startTestProcessor(instanceId = '0', metrics = createProcessorMetrics({ defaultMetrics: false })): Promise<Processor> {
  return startProcessor({ kafka, serde, topicPrefix: env.topicPrefix, instanceId, settings: defaultSettings, logger, metrics });
}

async function batchesCommitted(metrics: ProcessorMetrics): Promise<number> {
  return (await metrics.batchesCommitted.get()).values[0]?.value ?? 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const startPayload = { connectorId: 1, idTag: 'TAG-1', meterStart: 1000, timestamp: '2025-03-01T08:00:05.000Z' };

describe('processor runtime', () => {
  before(async () => {
    env = await startTestEnvironment();
    kafka = createKafka({ brokers: env.kafkaBrokers, clientId: 'processors-int-test', logger });
    await ensureTopics(kafka, env.topicPrefix);
    serde = await createSerde({ registryUrl: env.registryUrl, topicPrefix: env.topicPrefix });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: topicName('idTags', env.topicPrefix), acks: -1,
      messages: [{ key: 'TAG-1', value: await serde.encode('idTags', { idTag: 'TAG-1', status: 'Accepted', expiryDate: null, parentIdTag: null, updatedAt: T0, updatedBy: null, idTokenType: null }) }],
    });
    await producer.send({
      topic: topicName('chargePoints', env.topicPrefix), acks: -1,
      messages: [{ key: CP, value: await serde.encode('chargePoints', { id: CP, name: null, location: null, registrationStatus: 'Pending', updatedAt: T0, securityProfile: 0, updatedBy: null, site: null }) }],
    });
    reader = await startReader();
  });

  after(async () => {
    await reader?.disconnect();
    await producer?.disconnect();
    await env?.stop();
  });

  it('answers a session, deduplicates a resent start, and survives a restart without duplicates', async () => {
    let processor = await startTestProcessor();
    await sendInbound(
      { type: 'Connected', chargePointId: CP, node: NODE, connectionId: 'conn-1', at: T0, protocol: 'ocpp1.6', remoteAddress: null, securityProfile: 0 },
      frame('m-boot', 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' }, T0 + 1),
      frame('m-auth', 'Authorize', { idTag: 'TAG-1' }, T0 + 2),
      frame('m-start', 'StartTransaction', startPayload, T0 + 3),
      frame('m-meter', 'MeterValues', { connectorId: 1, meterValue: [{ timestamp: '2025-03-01T08:01:00.000Z', sampledValue: [{ value: '2000' }] }] }, T0 + 4, true),
      frame('m-start-again', 'StartTransaction', startPayload, T0 + 5),
    );

    const boot = await waitFor('boot reply', reply('m-boot'));
    assert.equal(boot.partition, NODE);
    assert.equal(boot.value.connectionId, 'conn-1');
    assert.deepEqual(payloadOf(boot), { status: 'Pending', currentTime: new Date(T0 + 1).toISOString(), interval: 60 });
    assert.deepEqual(payloadOf(await waitFor('authorize reply', reply('m-auth'))), { idTagInfo: { status: 'Accepted' } });
    const start = await waitFor('start reply', reply('m-start'));
    const again = await waitFor('resent start reply', reply('m-start-again'));
    assert.equal(start.partition, NODE);
    const { transactionId } = payloadOf(start) as { transactionId: number };
    assert.ok(Number.isInteger(transactionId) && transactionId > 0);
    assert.deepEqual(payloadOf(again), { transactionId, idTagInfo: { status: 'Accepted' } });
    await waitFor('meter values event', () => seen.sessions.find((e) => e.type === 'MeterValuesSampled'));
    assert.equal(seen.outbound.some((o) => o.value.messageId === 'm-meter'), false, 'the gateway answered MeterValues');
    await waitFor('station booted', () => seen.stations.find((e) => e.type === 'StationBooted'));
    assert.deepEqual(seen.stations.map((e) => e.type), ['StationConnected', 'StationBooted']);

    await processor.stop();
    processor = await startTestProcessor();
    try {
      await sendInbound(
        frame('m-stop', 'StopTransaction', { transactionId, meterStop: 4500, timestamp: '2025-03-01T08:30:05.000Z', idTag: 'TAG-1' }, T0 + 6),
        frame('m-start-2', 'StartTransaction', { ...startPayload, connectorId: 2 }, T0 + 7),
        frame('m-beat', 'Heartbeat', {}, T0 + 8, true),
      );
      assert.deepEqual(payloadOf(await waitFor('stop reply', reply('m-stop'))), { idTagInfo: { status: 'Accepted' } });
      const stopped = await waitFor('stopped', () => seen.sessions.find((e) => e.type === 'TransactionStopped'));
      assert.equal(stopped.type === 'TransactionStopped' && stopped.energyWh, 3500, 'meterStart survived the restart');
      assert.equal(stopped.type === 'TransactionStopped' && stopped.durationSeconds, 1800);
      const second = payloadOf(await waitFor('second start reply', reply('m-start-2'))) as { transactionId: number };
      assert.notEqual(second.transactionId, transactionId, 'the id counter survived the restart');
      await waitFor('heartbeat', () => seen.stations.find((e) => e.type === 'HeartbeatReceived'));
      await waitFor('second start', () => seen.sessions.filter((e) => e.type === 'TransactionStarted').length === 2 || undefined);
    } finally {
      await processor.stop();
    }

    assert.deepEqual(seen.stations.map((e) => e.type), ['StationConnected', 'StationBooted', 'HeartbeatReceived']);
    assert.deepEqual(seen.sessions.map((e) => e.type), [
      'AuthorizationDecided', 'TransactionStarted', 'MeterValuesSampled', 'TransactionStopped', 'TransactionStarted',
    ]);
    assert.deepEqual(seen.outbound.map((o) => o.value.messageId).sort(), ['m-auth', 'm-boot', 'm-start', 'm-start-again', 'm-start-2', 'm-stop'].sort());
    assert.ok(seen.outbound.every((o) => o.partition === NODE && o.value.frameType === 'CallResult' && o.value.deadline === null));
  });

  it('hands half the partitions to a second instance mid-stream with exactly one reply and one event per frame', async () => {
    // 24 stations spread over the 12 inbound partitions; each wave is one StartTransaction per station.
    const stations = Array.from({ length: 24 }, (_, i) => `CP-REB-${i}`);
    const sent: string[] = [];
    const wave = async (round: number): Promise<void> => {
      const timestamp = new Date(T0 + 60_000 * (round + 1)).toISOString();
      const payload = { connectorId: round + 1, idTag: 'TAG-1', meterStart: round * 100, timestamp };
      const ids = stations.map((cp) => `reb-${round}-${cp}`);
      sent.push(...ids);
      await sendInbound(...stations.map((cp, i) => frame(ids[i] ?? '', 'StartTransaction', payload, T0 + 1_000 + round, false, cp)));
    };
    const allReplied = () => sent.every((id) => seen.outbound.some((o) => o.value.messageId === id)) || undefined;
    const metricsA = createProcessorMetrics({ defaultMetrics: false });
    const metricsB = createProcessorMetrics({ defaultMetrics: false });
    const first = await startTestProcessor('a', metricsA);
    let starting: Promise<Processor> | undefined;
    try {
      await sendInbound(...stations.map((cp): InboundRecord => ({
        type: 'Connected', chargePointId: cp, node: NODE, connectionId: 'conn-1', at: T0 + 900, protocol: 'ocpp1.6', remoteAddress: null, securityProfile: 0,
      })));
      await wave(0);
      await waitFor('the first wave, all on the first instance', allReplied);
      const committedAlone = await batchesCommitted(metricsA);
      // The second instance joins the group while waves keep coming: partitions move with records in flight.
      starting = startTestProcessor('b', metricsB);
      starting.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
      for (let round = 1; round <= 4; round += 1) {
        await wave(round);
        await sleep(700);
      }
      await starting;
      for (let round = 5; round <= 7; round += 1) {
        await wave(round);
        await sleep(300);
      }
      await waitFor('every wave', allReplied, 120_000);
      assert.ok(await batchesCommitted(metricsB) > 0, 'the second instance took partitions over');
      assert.ok(await batchesCommitted(metricsA) > committedAlone, 'the first instance kept working');
    } finally {
      const second = await starting?.catch(() => undefined);
      await second?.stop();
      await first.stop();
    }
    // Both stopped: a duplicate would have been committed by now; give the reader time to see it.
    await sleep(3_000);

    const replies = seen.outbound.filter((o) => o.value.messageId.startsWith('reb-'));
    const repeated = [...countBy(replies, (o) => o.value.messageId)].filter(([, n]) => n > 1).map(([id]) => id);
    const where = replies.filter((o) => repeated.includes(o.value.messageId)).map((o) => `${o.value.messageId}@${o.partition}/${o.offset}`);
    assert.equal(replies.length, sent.length, `one reply per frame; repeated: ${where.join(' ')}`);
    assert.deepEqual([...countBy(replies, (o) => o.value.messageId).values()].filter((n) => n > 1), []);
    const replyIds = replies.map((o) => (payloadOf(o) as { transactionId: number }).transactionId);
    assert.equal(new Set(replyIds).size, sent.length, 'every start got its own transactionId');
    const started = seen.sessions.filter((e) => e.type === 'TransactionStarted' && stations.includes(e.chargePointId));
    assert.equal(started.length, sent.length, 'one TransactionStarted per frame');
    assert.deepEqual(
      new Set(started.map((e) => (e.type === 'TransactionStarted' ? e.transactionId : -1))), new Set(replyIds),
      'the events carry the ids the stations were told',
    );
    const connected = seen.stations.filter((e) => e.type === 'StationConnected' && stations.includes(e.chargePointId));
    assert.equal(connected.length, stations.length, 'one StationConnected per station');
  });

  it('sends commands to a connected station and completes them by its answer, the gateway\'s report or no socket', async () => {
    const station = 'CP-CMD-1';
    const offline = 'CP-CMD-2';
    const t = T0 + 10_000;
    const metrics = createProcessorMetrics({ defaultMetrics: false });
    const processor = await startTestProcessor('cmd', metrics);
    try {
      await sendInbound({ type: 'Connected', chargePointId: station, node: NODE, connectionId: 'conn-cmd', at: t, protocol: 'ocpp1.6', remoteAddress: null, securityProfile: 0 });
      // The two topics are consumed independently: the request must come after the Connected is decided.
      await waitFor('station connected', () => seen.stations.find((e) => e.type === 'StationConnected' && e.chargePointId === station));

      const reset = commandRequest(station, 'Reset', { type: 'Soft' }, t + 1);
      await sendCommandRequest(reset);
      const call = await waitFor('the Reset call', reply(reset.commandId));
      assert.equal(call.partition, NODE);
      const { frameType, connectionId, action, payload, raw, deadline } = call.value;
      assert.deepEqual(
        { frameType, connectionId, action, payload, raw, deadline },
        {
          frameType: 'Call', connectionId: 'conn-cmd', action: 'Reset', payload: JSON.stringify({ type: 'Soft' }), raw: '',
          deadline: reset.at + reset.timeoutSeconds * 1000,
        },
      );
      assert.equal(outboundFrameText(call.value), JSON.stringify([2, reset.commandId, 'Reset', { type: 'Soft' }]));
      const sent = await waitFor('CommandSent', commandEvent('CommandSent', reset.commandId));
      assert.deepEqual({ node: sent.node, connectionId: sent.connectionId, messageId: sent.messageId }, { node: NODE, connectionId: 'conn-cmd', messageId: reset.commandId });
      await sendInbound(answerFrame(station, reset.commandId, 'Reset', { status: 'Accepted' }, t + 2));
      const done = await waitFor('Reset completed', commandEvent('CommandCompleted', reset.commandId));
      assert.deepEqual({ outcome: done.outcome, response: done.response }, { outcome: 'Accepted', response: '{"status":"Accepted"}' });

      const unreachable = commandRequest(offline, 'Reset', { type: 'Hard' }, t + 3);
      await sendCommandRequest(unreachable);
      assert.equal((await waitFor('NotConnected', commandEvent('CommandCompleted', unreachable.commandId))).outcome, 'NotConnected');
      assert.equal(seen.commands.some((e) => e.type === 'CommandSent' && e.commandId === unreachable.commandId), false);

      const unlock = commandRequest(station, 'UnlockConnector', { connectorId: 1 }, t + 4);
      await sendCommandRequest(unlock);
      await waitFor('the UnlockConnector call', reply(unlock.commandId));
      await sendInbound({
        type: 'CallUndelivered', chargePointId: station, node: NODE, connectionId: 'conn-cmd', at: t + 5, messageId: unlock.commandId, reason: 'Timeout',
      });
      assert.equal((await waitFor('TimedOut', commandEvent('CommandCompleted', unlock.commandId))).outcome, 'TimedOut');

      const expiryDate = '2025-03-01T09:00:00.000Z';
      const reserve = commandRequest(station, 'ReserveNow', { connectorId: 1, expiryDate, idTag: 'TAG-1', reservationId: 5 }, t + 6);
      await sendCommandRequest(reserve);
      await waitFor('the ReserveNow call', reply(reserve.commandId));
      await sendInbound(answerFrame(station, reserve.commandId, 'ReserveNow', { status: 'Accepted' }, t + 7));
      const made = await waitFor('ReservationMade', () => seen.stations.find((e) => e.type === 'ReservationMade' && e.chargePointId === station));
      assert.deepEqual(made, {
        type: 'ReservationMade', chargePointId: station, at: t + 7, reservationId: 5, connectorId: 1, idTag: 'TAG-1',
        parentIdTag: null, expiryDate: Date.parse(expiryDate), ...ocpp16Detail.ReservationMade,
      });
      assert.equal((await waitFor('ReserveNow completed', commandEvent('CommandCompleted', reserve.commandId))).outcome, 'Accepted');
      const lifecycle = (id: string) => seen.commands.filter((e) => e.commandId === id).map((e) => e.type);
      assert.deepEqual(lifecycle(reset.commandId), ['CommandRequested', 'CommandSent', 'CommandCompleted']);
      assert.deepEqual(lifecycle(unreachable.commandId), ['CommandRequested', 'CommandCompleted']);
      // Counted once each, by action and outcome (the ReserveNow's may still be on its way from the commit).
      const counted = new Map((await metrics.commandsCompleted.get()).values.map((v) => [`${v.labels.action}/${v.labels.outcome}`, v.value]));
      assert.deepEqual([counted.get('Reset/Accepted'), counted.get('Reset/NotConnected'), counted.get('UnlockConnector/TimedOut')], [1, 1, 1]);
    } finally {
      await processor.stop();
    }
  });

  it('sets aside a record it cannot write, answers its station, and moves on: the partition\'s other stations are answered', async () => {
    const poisoned = 'CP-POISON';
    const neighbour = keyOnSamePartition(poisoned, 'CP-NEIGHBOUR', KEYED_PARTITIONS);
    const metrics = createProcessorMetrics({ defaultMetrics: false });
    const processor = await startTestProcessor('0', metrics);
    try {
      const t = T0 + 3_600_000;
      const connected = (id: string) => ({ type: 'Connected', chargePointId: id, node: NODE, connectionId: 'conn-1', at: t, protocol: 'ocpp1.6', remoteAddress: null, securityProfile: 0 } as const);
      // Valid under the OCPP 1.6 JSON schema; the TransactionStarted it makes does not fit an Avro int.
      const poison = frame('m-poison', 'StartTransaction', { ...startPayload, connectorId: 3_000_000_000 }, t + 1, false, poisoned);
      await sendInbound(connected(poisoned), connected(neighbour), poison,
        frame('m-neighbour-boot', 'BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'X1' }, t + 2, false, neighbour),
        frame('m-poison-beat', 'Heartbeat', {}, t + 3, true, poisoned),
      );
      await waitFor('the neighbour\'s boot answered', reply('m-neighbour-boot'));
      const letter = await waitFor('the dead letter', () => seen.deadLetters.find((d) => d.key === poisoned));
      assert.equal(letter.reason, 'ENCODE_FAILED');
      assert.equal(letter.consumer, 'processors');
      assert.equal(letter.sourceTopic, topicName('inbound', env.topicPrefix));
      assert.deepEqual(await serde.decode('inbound', letter.value), poison, 'the record is kept as it was, for a re-drive');
      const answer = await waitFor('the poisoned CALL answered', reply('m-poison'));
      assert.deepEqual(JSON.parse(outboundFrameText(answer.value)!).slice(0, 3), [4, 'm-poison', 'InternalError']);
      await waitFor('the poisoned station\'s next frame handled', () => seen.stations.find((e) => e.type === 'HeartbeatReceived' && e.chargePointId === poisoned));
      assert.equal(seen.sessions.some((e) => e.chargePointId === poisoned && e.type === 'TransactionStarted'), false);
      assert.equal((await metrics.deadLetters.get()).values.find((v) => v.labels.reason === 'ENCODE_FAILED')?.value, 1);
    } finally {
      await processor.stop();
    }
  });

  it('accepts a StopTransaction it sets aside with {}, and completes an operator\'s command it sets aside as Failed', async () => {
    const station = 'CP-POISON-2';
    const processor = await startTestProcessor('0');
    try {
      const t = T0 + 3_700_000;
      await sendInbound(
        { type: 'Connected', chargePointId: station, node: NODE, connectionId: 'conn-1', at: t, protocol: 'ocpp1.6', remoteAddress: null, securityProfile: 0 },
        // Valid under the OCPP 1.6 JSON schema; the TransactionStopped it makes does not fit an Avro int.
        frame('m-poison-stop', 'StopTransaction', { transactionId: 3_000_000_000, meterStop: 10, timestamp: '2025-03-01T09:00:00.000Z' }, t + 1, false, station),
      );
      // Refused, a station may drop the transaction's billing data (invariant 5).
      assert.deepEqual(payloadOf(await waitFor('the StopTransaction answered', reply('m-poison-stop'))), {});
      const stopLetter = await waitFor('its dead letter', () => seen.deadLetters.find((d) => d.key === station && d.sourceTopic === topicName('inbound', env.topicPrefix)));
      assert.equal(stopLetter.reason, 'ENCODE_FAILED');
      // A command whose CommandRequested echo is larger than a Kafka record may be.
      const huge = commandRequest(station, 'DataTransfer', { vendorId: 'v', data: 'x'.repeat(950 * 1024) }, t + 2);
      await sendCommandRequest(huge);
      const completed = await waitFor('the command completed', commandEvent('CommandCompleted', huge.commandId));
      assert.deepEqual([completed.outcome, completed.errorCode], ['Failed', 'InternalError']);
      const letter = await waitFor('its dead letter', () => seen.deadLetters.find((d) => d.key === station && d.sourceTopic === topicName('commandRequests', env.topicPrefix)));
      assert.equal(letter.reason, 'TOO_LARGE');
    } finally {
      await processor.stop();
    }
  });

  it('answers the security extension\'s station messages and writes their facts to csms.security and csms.stations', async () => {
    const station = 'CP-SEC-1';
    const t = T0 + 20_000;
    const csr = '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n';
    const processor = await startProcessor({
      kafka, serde, topicPrefix: env.topicPrefix, instanceId: 'sec', settings: { ...defaultSettings, certificateSigning: true }, logger,
      metrics: createProcessorMetrics({ defaultMetrics: false }),
    });
    try {
      const unproven = 'CP-SEC-0';
      const connected = (chargePointId: string, securityProfile: number): InboundRecord => ({
        type: 'Connected', chargePointId, node: NODE, connectionId: 'conn-1', at: t - 1, protocol: 'ocpp1.6', remoteAddress: null, securityProfile,
      });
      await sendInbound(
        connected(station, 3),
        connected(unproven, 0),
        frame('sec-event', 'SecurityEventNotification', { type: 'TamperDetectionActivated', timestamp: '2025-03-01T08:00:19.000Z', techInfo: 'lid' }, t, false, station),
        frame('sec-csr', 'SignCertificate', { csr }, t + 1, false, station),
        frame('sec-csr-0', 'SignCertificate', { csr }, t + 1, false, unproven),
        frame('sec-log', 'LogStatusNotification', { status: 'Uploaded', requestId: 9 }, t + 2, false, station),
        frame('sec-fw', 'SignedFirmwareStatusNotification', { status: 'SignatureVerified', requestId: 10 }, t + 3, false, station),
      );
      assert.deepEqual(payloadOf(await waitFor('SecurityEventNotification reply', reply('sec-event'))), {});
      assert.deepEqual(payloadOf(await waitFor('SignCertificate reply', reply('sec-csr'))), { status: 'Accepted' });
      assert.deepEqual(payloadOf(await waitFor('unauthenticated SignCertificate reply', reply('sec-csr-0'))), { status: 'Rejected' });
      const refused = await waitFor('the refusal', () => seen.security.find((e) => e.chargePointId === unproven));
      assert.equal(refused.type === 'CertificateSigningRefused' && refused.reason, 'CONNECTION_NOT_AUTHENTICATED');
      assert.deepEqual(payloadOf(await waitFor('LogStatusNotification reply', reply('sec-log'))), {});
      assert.deepEqual(payloadOf(await waitFor('SignedFirmwareStatusNotification reply', reply('sec-fw'))), {});
      const security = await waitFor('security facts', () => {
        const facts = seen.security.filter((e) => e.chargePointId === station);
        return facts.length === 2 ? facts : undefined;
      });
      assert.deepEqual(security, [
        {
          type: 'SecurityEventReported', chargePointId: station, at: t, eventType: 'TamperDetectionActivated',
          timestamp: Date.parse('2025-03-01T08:00:19.000Z'), techInfo: 'lid',
        },
        { type: 'CertificateSigningRequested', chargePointId: station, at: t + 1, requestId: `${station}/${t + 1}/sec-csr`, csr },
      ]);
      const stationFacts = await waitFor('station facts', () => {
        const facts = seen.stations.filter((e) => e.chargePointId === station && e.type !== 'StationConnected');
        return facts.length === 2 ? facts : undefined;
      });
      assert.deepEqual(stationFacts, [
        { type: 'LogStatusReported', chargePointId: station, at: t + 2, status: 'Uploaded', requestId: 9 },
        { type: 'FirmwareStatusReported', chargePointId: station, at: t + 3, status: 'SignatureVerified', requestId: 10 },
      ]);
    } finally {
      await processor.stop();
    }
  });

  it('answers a 2.0.1 station by the 2.0.1 table, and sends and completes its 2.0.1 commands', async () => {
    const station = 'CP-201-1';
    const t = T0 + 30_000;
    const frame201 = (messageTypeId: 2 | 3, messageId: string, action: string, payload: object, at: number, repliedByGateway = false): InboundFrame => ({
      type: 'Frame', chargePointId: station, node: NODE, connectionId: 'conn-1', at, protocol: 'ocpp2.0.1',
      raw: JSON.stringify(messageTypeId === 2 ? [2, messageId, action, payload] : [3, messageId, payload]), messageTypeId, messageId, action,
      payload: JSON.stringify(payload), rejection: null, repliedByGateway, rawTruncated: null,
    });
    const processor = await startTestProcessor('v201');
    try {
      await sendInbound(
        { type: 'Connected', chargePointId: station, node: NODE, connectionId: 'conn-1', at: t, protocol: 'ocpp2.0.1', remoteAddress: null, securityProfile: 0 },
        frame201(2, 'v201-boot', 'BootNotification', { chargingStation: { vendorName: 'Acme', model: 'X2' }, reason: 'PowerUp' }, t + 1),
        frame201(2, 'v201-auth', 'Authorize', { idToken: { idToken: 'TAG-1', type: 'ISO14443' } }, t + 2),
        frame201(2, 'v201-status', 'StatusNotification', { timestamp: '2025-03-01T08:00:31.000Z', connectorStatus: 'Occupied', evseId: 1, connectorId: 1 }, t + 3, true),
      );
      assert.deepEqual(payloadOf(await waitFor('boot reply', reply('v201-boot'))), { status: 'Accepted', currentTime: new Date(t + 1).toISOString(), interval: 60 });
      assert.deepEqual(payloadOf(await waitFor('authorize reply', reply('v201-auth'))), { idTokenInfo: { status: 'Accepted' } });
      const status = await waitFor('connector status', () => seen.stations.find((e) => e.type === 'ConnectorStatusChanged' && e.chargePointId === station));
      assert.deepEqual(status.type === 'ConnectorStatusChanged' && [status.connectorId, status.evseConnectorId, status.status], [1, 1, 'Occupied']);
      assert.equal(seen.outbound.some((o) => o.value.messageId === 'v201-status'), false, 'the gateway answered StatusNotification');

      const getVariables = commandRequest(station, 'GetVariables', { getVariableData: [{ component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' } }] }, t + 4);
      await sendCommandRequest(getVariables);
      await waitFor('the GetVariables call', reply(getVariables.commandId));
      const result = { attributeStatus: 'Accepted', attributeValue: '2025-03-01T08:00:34Z', component: { name: 'ClockCtrlr' }, variable: { name: 'DateTime' } };
      await sendInbound(frame201(3, getVariables.commandId, 'GetVariables', { getVariableResult: [result] }, t + 5));
      assert.equal((await waitFor('GetVariables completed', commandEvent('CommandCompleted', getVariables.commandId))).outcome, 'Accepted');
      const reported = await waitFor('variables reported', () => seen.stations.find((e) => e.type === 'VariablesReported' && e.chargePointId === station));
      assert.deepEqual(reported.type === 'VariablesReported' && reported.variables.map((v) => [v.component, v.variable, v.value, v.status]), [
        ['ClockCtrlr', 'DateTime', '2025-03-01T08:00:34Z', 'Accepted'],
      ]);

      const legacy = commandRequest(station, 'GetConfiguration', {}, t + 6);
      await sendCommandRequest(legacy);
      const refused = await waitFor('GetConfiguration refused', commandEvent('CommandCompleted', legacy.commandId));
      assert.deepEqual([refused.outcome, refused.errorCode], ['Failed', 'NotSupported']);
    } finally {
      await processor.stop();
    }
  });
});
