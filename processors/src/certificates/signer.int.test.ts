// The certificate authority against a real Kafka and registry: station CSRs on csms.security
// become a CertificateSigned command on csms.command-requests plus a CertificateIssued, or a
// CertificateSigningRefused; a record it cannot read is dead-lettered and the partition moves
// on; and a restart signs nothing twice. Every request is keyed by one station, so all of them
// share a partition and its order: once the reader has seen the last request's outcome, any
// duplicate of an earlier one would already be there.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import {
  createSerde, topicName, type CertificateSigningRequested, type CommandRequested, type DeadLetterRecord, type SecurityRecord, type Serde,
} from '@csms/contracts';
import { chainsTo, createDevelopmentCa, createKafka, createLogger, ensureTopics, type CertificateAuthority } from '@csms/infra';
import { csrPem } from '@csms/infra/security/certificates/test-csrs.ts';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { Registry } from 'prom-client';
import { certificateCommandId } from './sign-request.ts';
import { startCertificateSigner, type CertificateSigner } from './signer.ts';
import { createSignerMetrics } from './signer-metrics.ts';

const CP = 'CP-CA-1';
const T0 = Date.parse('2025-06-01T08:00:00.000Z');
const logger = createLogger('certificate-authority-int', 'warn');

interface Seen {
  readonly commandRequests: CommandRequested[];
  readonly security: SecurityRecord[];
  readonly deadLetters: DeadLetterRecord[];
}

let env: TestEnvironment;
let kafka: Kafka;
let serde: Serde;
let producer: Producer;
let reader: Consumer;
let authority: CertificateAuthority;
const seen: Seen = { commandRequests: [], security: [], deadLetters: [] };

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function request(requestId: string, csr: string): CertificateSigningRequested {
  return { type: 'CertificateSigningRequested', chargePointId: CP, at: T0, requestId, csr };
}

async function sendSecurity(...values: Array<SecurityRecord | Buffer>): Promise<void> {
  const messages = [];
  for (const value of values) messages.push({ key: CP, value: Buffer.isBuffer(value) ? value : await serde.encode('security', value) });
  await producer.send({ topic: topicName('security', env.topicPrefix), acks: -1, messages });
}

function outcomeOf(requestId: string) {
  return () => seen.security.find((r) => (r.type === 'CertificateIssued' || r.type === 'CertificateSigningRefused') && r.requestId === requestId);
}

function startSigner(): Promise<CertificateSigner> {
  return startCertificateSigner({
    kafka, serde, topicPrefix: env.topicPrefix, settings: { authority, validityDays: 30 }, logger,
    metrics: createSignerMetrics(new Registry()), maxAttempts: 2, stallMs: 60_000,
  });
}

async function startReader(): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `${env.topicPrefix}reader-${randomUUID()}`, readUncommitted: false });
  await consumer.connect();
  const topics = {
    commandRequests: topicName('commandRequests', env.topicPrefix), security: topicName('security', env.topicPrefix),
    deadLetter: topicName('deadLetter', env.topicPrefix),
  };
  await consumer.subscribe({ topics: Object.values(topics), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      if (message.value === null) return;
      if (topic === topics.commandRequests) seen.commandRequests.push(await serde.decode('commandRequests', message.value));
      if (topic === topics.deadLetter) seen.deadLetters.push(await serde.decode('deadLetter', message.value));
      // The test's own garbage record is on this topic too; only what decodes is a record.
      if (topic === topics.security) {
        const record = await serde.decode('security', message.value).catch(() => null);
        if (record !== null) seen.security.push(record);
      }
    },
  });
  return consumer;
}

describe('certificate authority', () => {
  before(async () => {
    env = await startTestEnvironment();
    kafka = createKafka({ brokers: env.kafkaBrokers, clientId: 'certificate-authority-int-test', logger });
    await ensureTopics(kafka, env.topicPrefix);
    serde = await createSerde({ registryUrl: env.registryUrl, topicPrefix: env.topicPrefix });
    authority = await createDevelopmentCa({ commonName: 'Int CA', validityDays: 365, now: new Date(T0 - 86_400_000) });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    reader = await startReader();
  });

  after(async () => {
    await reader?.disconnect();
    await producer?.disconnect();
    await env?.stop();
  });

  it('signs a good CSR, refuses another CN, dead-letters garbage, each once, and signs nothing again after a restart', async () => {
    let signer = await startSigner();
    try {
      await sendSecurity(
        { type: 'CertificateSigningRefused', chargePointId: CP, at: T0, requestId: 'not-for-the-signer', reason: 'CN_MISMATCH' },
        request('r-good', await csrPem([{ O: ['Acme'] }, { CN: [CP] }])),
        request('r-other', await csrPem([{ CN: ['CP-SOMEONE-ELSE'] }])),
        Buffer.from('garbage'),
        request('r-after-garbage', await csrPem([{ CN: [CP] }])),
      );
      const issued = await waitFor('the certificate issued', outcomeOf('r-good'));
      assert.equal(issued.type, 'CertificateIssued');
      const commandId = certificateCommandId({ chargePointId: CP, requestId: 'r-good' });
      assert.equal(issued.type === 'CertificateIssued' && issued.commandId, commandId);
      const command = await waitFor('the CertificateSigned command', () => seen.commandRequests.find((c) => c.commandId === commandId));
      assert.equal(command.action, 'CertificateSigned');
      assert.equal(command.requestedBy, 'csms:certificate-authority');
      const { certificateChain } = JSON.parse(command.payload) as { certificateChain: string };
      assert.equal(await chainsTo(certificateChain, authority.certificatePem, new Date(T0)), true);

      const refused = await waitFor('the refusal', outcomeOf('r-other'));
      assert.deepEqual(refused, { type: 'CertificateSigningRefused', chargePointId: CP, at: T0, requestId: 'r-other', reason: 'CN_MISMATCH' });
      assert.equal((await waitFor('the request after the garbage', outcomeOf('r-after-garbage'))).type, 'CertificateIssued');
      const deadLetter = await waitFor('the dead letter', () => seen.deadLetters.find((d) => d.type === 'DeadLetter'));
      assert.equal(deadLetter.type === 'DeadLetter' && deadLetter.consumer, 'certificate-authority');
      assert.equal(deadLetter.type === 'DeadLetter' && deadLetter.reason, 'DECODE_FAILED');
      assert.equal(deadLetter.type === 'DeadLetter' && deadLetter.value.toString(), 'garbage');

      await signer.stop();
      signer = await startSigner();
      await sendSecurity(request('r-marker', await csrPem([{ CN: [CP] }])));
      await waitFor('the request after the restart', outcomeOf('r-marker'));
      await waitFor('its command', () => seen.commandRequests.find((c) => c.commandId === certificateCommandId({ chargePointId: CP, requestId: 'r-marker' })));
    } finally {
      await signer.stop();
    }

    const outcomes = seen.security.filter((r) => r.type === 'CertificateIssued' || r.type === 'CertificateSigningRefused');
    assert.deepEqual(outcomes.map((r) => [r.type, 'requestId' in r ? r.requestId : '']), [
      ['CertificateSigningRefused', 'not-for-the-signer'],
      ['CertificateIssued', 'r-good'],
      ['CertificateSigningRefused', 'r-other'],
      ['CertificateIssued', 'r-after-garbage'],
      ['CertificateIssued', 'r-marker'],
    ]);
    assert.equal(seen.commandRequests.length, 3, 'one CertificateSigned per certificate issued');
    assert.equal(seen.deadLetters.length, 1);
  });
});
