// The certificate authority's batch handling against fakes at its I/O ports: the kafkajs
// producers (recording each transaction), the serde (JSON), the committed offsets.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KafkaMessage, Message, Transaction } from 'kafkajs';
import { Registry, type Histogram } from 'prom-client';
import { MAX_RECORD_BYTES, type CertificateSigningRequested, type CommandRequested, type DeadLetter, type SecurityRecord, type Serde } from '@csms/contracts';
import { createDevelopmentCa, createLogger, type CertificateAuthority } from '@csms/infra';
import { csrPem } from '@csms/infra/security/certificates/test-csrs.ts';
import { PartitionLostError } from '../runtime/partition-lost.ts';
import { MAX_REQUEST_BYTES } from '../runtime/partition-transaction.ts';
import { createPartitionProducers, type TransactionalProducer } from '../runtime/partition-producers.ts';
import { createSignerBatchHandler, type SignerBatchPayload } from './signer-batch.ts';
import { createSignerMetrics } from './signer-metrics.ts';

const AT = Date.parse('2025-06-01T12:00:00.000Z');
const PARTITION = 4;
let authority: CertificateAuthority;
let goodCsr: string;

interface Committed {
  readonly messages: Map<string, Message[]>;
  readonly offset: string | undefined;
}

/** The broker's answer to a fenced producer, as kafkajs 2.2.4 reports it. */
function fencedError(): Error {
  return Object.assign(new Error('old epoch'), { name: 'KafkaJSProtocolError', type: 'INVALID_PRODUCER_EPOCH' });
}

/** `padBytes`: every encoded value is followed by that much JSON whitespace, to make outputs large. */
function setUp(committedOffset = 0n, padBytes = 0) {
  const committed: Committed[] = [];
  const fetches: number[] = [];
  const failNextCommit: Error[] = [];
  const requestBytes: number[] = [];
  let producersCreated = 0;
  const createProducer = (): TransactionalProducer => ({
    connect: async () => { producersCreated += 1; }, disconnect: async () => {},
    transaction: async () => {
      const messages = new Map<string, Message[]>();
      let offset: string | undefined;
      const transaction: Transaction = {
        send: async () => [], isActive: () => true, abort: async () => {},
        sendBatch: async ({ topicMessages }) => {
          let bytes = 0;
          for (const t of topicMessages ?? []) {
            messages.set(t.topic, [...(messages.get(t.topic) ?? []), ...t.messages]);
            for (const m of t.messages) bytes += Buffer.byteLength(m.value ?? '');
          }
          requestBytes.push(bytes);
          return [];
        },
        sendOffsets: async ({ topics }) => { offset = topics[0]?.partitions[0]?.offset; },
        commit: async () => {
          const failure = failNextCommit.shift();
          if (failure !== undefined) throw failure;
          committed.push({ messages, offset });
        },
      };
      return transaction;
    },
  });
  const logger = createLogger('signer-batch-test', 'silent');
  const serde: Serde = {
    encode: async (_topic, value) => Buffer.from(
      JSON.stringify(value, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)) + ' '.repeat(padBytes),
    ),
    decode: async (_topic, bytes) => JSON.parse(bytes.toString('utf8')),
  };
  const registry = new Registry();
  const metrics = createSignerMetrics(registry);
  const handle = createSignerBatchHandler({
    serde, topicPrefix: '', consumerGroupId: 'csms-certificate-authority',
    producers: createPartitionProducers({ transactionalIdPrefix: 'csms-certificate-authority', createProducer, logger }),
    committedOffset: async (partition) => { fetches.push(partition); return committedOffset; },
    settings: { authority, validityDays: 30 }, logger, metrics, maxAttempts: 2,
  });
  const resolved: string[] = [];
  const run = (messages: KafkaMessage[]) => handle(payload(messages, resolved));
  return { committed, fetches, failNextCommit, requestBytes, producersCreated: () => producersCreated, metrics, registry, resolved, run };
}

function payload(messages: KafkaMessage[], resolved: string[]): SignerBatchPayload {
  return { batch: { partition: PARTITION, messages }, resolveOffset: (offset) => { resolved.push(offset); }, heartbeat: async () => {} };
}

function message(offset: number, value: SecurityRecord | string): KafkaMessage {
  const bytes = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
  return { key: Buffer.from('CP001'), value: bytes, timestamp: String(AT), attributes: 0, offset: String(offset), headers: {} };
}

function request(requestId: string, csr = goodCsr): CertificateSigningRequested {
  return { type: 'CertificateSigningRequested', chargePointId: 'CP001', at: AT, requestId, csr };
}

function decoded<T>(messages: Message[] | undefined): T[] {
  return (messages ?? []).map((m) => JSON.parse(String(m.value)) as T);
}

async function outcomes(metrics: ReturnType<typeof setUp>['metrics']): Promise<Record<string, number>> {
  return Object.fromEntries((await metrics.requests.get()).values.map((v) => [String(v.labels.outcome), v.value]));
}

async function transactionsTimed(setup: ReturnType<typeof setUp>): Promise<number> {
  const histogram = setup.registry.getSingleMetric('csms_certificate_stage_seconds') as Histogram | undefined;
  assert.ok(histogram, 'the certificate authority\'s stage histogram is registered');
  const values = (await histogram.get()).values;
  return values.find((v) => v.metricName?.endsWith('_count') && v.labels.stage === 'transaction')?.value ?? 0;
}

describe('certificate authority batches', () => {
  before(async () => {
    authority = await createDevelopmentCa({ commonName: 'Batch CA', validityDays: 365, now: new Date(AT - 86_400_000) });
    goodCsr = await csrPem([{ CN: ['CP001'] }]);
  });

  it('writes the command and the issued fact, or the refusal, with the next offset in one transaction', async () => {
    const setup = setUp();
    await setup.run([
      message(0, {
        type: 'ConnectionReplaced', chargePointId: 'CP001', at: AT, node: 0, connectionId: 'c2', remoteAddress: null,
        previousConnectionId: 'c1', previousRemoteAddress: null, presentedProfile: 3,
      }),
      message(1, request('r-good')),
      message(2, request('r-other', await csrPem([{ CN: ['CP002'] }]))),
    ]);
    assert.equal(setup.committed.length, 1);
    const [batch] = setup.committed;
    assert.equal(batch?.offset, '3');
    const commands = decoded<CommandRequested>(batch?.messages.get('csms.command-requests'));
    assert.deepEqual(commands.map((c) => [c.action, c.chargePointId]), [['CertificateSigned', 'CP001']]);
    const security = decoded<SecurityRecord>(batch?.messages.get('csms.security'));
    assert.deepEqual(security.map((r) => r.type), ['CertificateIssued', 'CertificateSigningRefused']);
    assert.deepEqual(batch?.messages.get('csms.command-requests')?.map((m) => m.key), ['CP001']);
    assert.deepEqual(await outcomes(setup.metrics), { issued: 1, CN_MISMATCH: 1 });
    assert.deepEqual(setup.resolved, ['2']);
    assert.equal(await transactionsTimed(setup), 1, 'one batch, one transaction timed');
  });

  it('skips what the group already committed, after reading that offset once per producer', async () => {
    const setup = setUp(2n);
    await setup.run([message(0, request('r0')), message(1, request('r1'))]);
    assert.equal(setup.committed.length, 0, 'nothing new: no transaction');
    await setup.run([message(1, request('r1')), message(2, request('r2'))]);
    assert.equal(setup.committed.length, 1);
    assert.equal(decoded<CommandRequested>(setup.committed[0]?.messages.get('csms.command-requests')).length, 1);
    assert.equal(setup.committed[0]?.offset, '3');
    assert.deepEqual(setup.fetches, [PARTITION]);
  });

  it('retries a record it cannot read with its batch, then dead-letters it and moves on', async () => {
    const setup = setUp();
    const batch = [message(0, 'not a record'), message(1, request('r1'))];
    await assert.rejects(setup.run(batch));
    assert.equal(setup.committed.length, 0);
    await setup.run(batch);
    const [committed] = setup.committed;
    const [deadLetter] = decoded<DeadLetter & { value: string }>(committed?.messages.get('csms.dead-letter'));
    assert.equal(deadLetter?.reason, 'DECODE_FAILED');
    assert.equal(deadLetter?.consumer, 'certificate-authority');
    assert.equal(Buffer.from(deadLetter?.value ?? '', 'base64').toString(), 'not a record');
    assert.deepEqual(committed?.messages.get('csms.dead-letter')?.map((m) => m.key), ['certificate-authority/csms.security/4/0']);
    assert.equal(decoded(committed?.messages.get('csms.command-requests')).length, 1, 'the next record is signed');
    assert.equal(committed?.offset, '2');
    assert.equal((await setup.metrics.deadLetters.get()).values.find((v) => v.labels.reason === 'DECODE_FAILED')?.value, 1);
  });

  it('loses the partition when fenced, and fences again and re-reads the committed offset before going on', async () => {
    const setup = setUp();
    setup.failNextCommit.push(fencedError());
    await assert.rejects(setup.run([message(0, request('r0'))]), (error: unknown) => error instanceof PartitionLostError && error.reason === 'fenced');
    assert.equal((await outcomes(setup.metrics)).issued, undefined, 'nothing counted for an uncommitted batch');
    assert.equal(await transactionsTimed(setup), 0, 'nor timed');
    await setup.run([message(0, request('r0'))]);
    assert.equal(setup.committed.length, 1);
    assert.deepEqual(setup.fetches, [PARTITION, PARTITION]);
  });

  it('writes a batch\'s outputs in produce requests below the broker\'s limit', async () => {
    const setup = setUp(0n, 200 * 1024);
    await setup.run([message(0, request('r0')), message(1, request('r1')), message(2, request('r2'))]);
    assert.equal(setup.committed.length, 1);
    assert.equal(decoded<SecurityRecord>(setup.committed[0]?.messages.get('csms.security')).length, 3);
    assert.ok(setup.requestBytes.length > 1, 'six outputs of 200 KiB do not go in one request');
    assert.ok(setup.requestBytes.every((bytes) => bytes <= MAX_REQUEST_BYTES), `requests of ${setup.requestBytes.join(', ')} bytes`);
  });

  it('sets aside, as TOO_LARGE, a record whose output would be larger than a Kafka record may be', async () => {
    const setup = setUp(0n, MAX_RECORD_BYTES);
    const batch = [message(0, request('r0'))];
    await assert.rejects(setup.run(batch));
    await setup.run(batch);
    const [committed] = setup.committed;
    assert.equal(committed?.messages.get('csms.command-requests'), undefined);
    assert.deepEqual(committed?.messages.get('csms.dead-letter')?.map((m) => m.key), ['certificate-authority/csms.security/4/0']);
    const counted = (await setup.metrics.deadLetters.get()).values.filter((v) => v.value > 0);
    assert.deepEqual(counted.map((v) => [v.labels.reason, v.value]), [['TOO_LARGE', 1]]);
  });

  it('replaces the producer after an aborted transaction, and fences with the new one before going on', async () => {
    const setup = setUp();
    setup.failNextCommit.push(new Error('request timed out'));
    await assert.rejects(setup.run([message(0, request('r0'))]), (error: unknown) => !(error instanceof PartitionLostError));
    assert.equal(setup.producersCreated(), 1);
    await setup.run([message(0, request('r0'))]);
    assert.equal(setup.producersCreated(), 2, 'a fresh producer: kafkajs may have left the aborted one\'s sequence numbers behind');
    assert.equal(setup.committed.length, 1);
    assert.equal((await setup.metrics.batchesAborted.get()).values[0]?.value, 1);
    assert.deepEqual(setup.fetches, [PARTITION, PARTITION], 'the committed offset is read again once the new producer holds the epoch');
  });
});
