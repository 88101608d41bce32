import { test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import type { DeadLetterRedriven, Serde } from '@csms/contracts';
import type { Db } from '../db.ts';
import type { StoredDeadLetter } from '../dead-letters/queries.ts';
import type { Projection } from '../projection.ts';
import { redriveLetter, type RedriveOptions } from './redrive-letter.ts';

const AT = 1_736_935_200_000;

/**
 * Fakes at the ports, all writing to one log so the order shows: the database transaction (its
 * statements, COMMIT or ROLLBACK), the Kafka producer, and a projection that applies or throws.
 */
function setUp(options: { letterOpen?: boolean; applyFails?: boolean; rebuilding?: string } = {}) {
  const log: string[] = [];
  const sent: { topic: string; key: string | null; value: string; header: string | undefined }[] = [];
  const db: Db = {
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
      if (text.startsWith('UPDATE dead_letters')) log.push(`mark ${String(values?.[3])} at ${(values?.[1] as Date).getTime()}`);
      else if (text.includes('pg_advisory_xact_lock')) {
        if (values?.[0] === options.rebuilding) throw Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
        log.push(`lock projection ${String(values?.[0])}`);
      }
      else if (text.includes('FOR UPDATE')) log.push(`lock letter ${String(values?.[0])}`);
      else log.push(text);
      const rows = text.includes('FOR UPDATE') ? [{ open: options.letterOpen ?? true }] : [];
      return { rows: rows as unknown as R[], rowCount: rows.length, command: '', oid: 0, fields: [] };
    },
  };
  const projection: Projection = {
    name: 'charge-points', topics: ['chargePoints'], tables: [],
    apply: async (_db, record, position) => {
      log.push(`apply ${record.key} at ${position.partition}/${position.offset}`);
      if (options.applyFails === true) throw Object.assign(new Error('refused'), { code: '23514' });
    },
  };
  // JSON instead of Avro: the port's behaviour, without a registry.
  const serde: Pick<Serde, 'decode' | 'encode'> = {
    decode: async (_topic, bytes) => JSON.parse(bytes.toString('utf8')),
    encode: async (_topic, value) => Buffer.from(JSON.stringify(value)),
  };
  const redrive: RedriveOptions = {
    transaction: async (work) => {
      log.push('BEGIN');
      try {
        const result = await work(db);
        log.push('COMMIT');
        return result;
      } catch (error) {
        log.push('ROLLBACK');
        throw error;
      }
    },
    producer: {
      send: async (messages) => {
        for (const m of messages) {
          log.push(`send ${m.topic}`);
          sent.push({ topic: m.topic, key: m.key, value: String(m.value), header: m.headers?.['csms-redrive-of'] });
        }
      },
    },
    serde, topicPrefix: '', by: 'cli:ops', clock: () => AT,
    findProjection: (name) => (name === 'charge-points' ? projection : undefined),
  };
  return { log, sent, redrive };
}

function letter(consumer: string, sourceTopic: string, value: string): StoredDeadLetter {
  return {
    id: `${consumer}/${sourceTopic}/2/41`, consumer, sourceTopic, partition: 2, offset: '41', key: 'CP-R', reason: 'DB_REFUSED',
    error: 'refused', recordedAt: new Date(AT).toISOString(), valueBytes: Buffer.byteLength(value), status: 'open', redrivenAt: null,
    redrivenBy: null, redriveOutcome: null, lastRedriveError: null, lastRedriveAttemptAt: null, value: Buffer.from(value),
  };
}

const chargePoint = JSON.stringify({ id: 'CP-R', name: 'Forbidden', location: null, registrationStatus: 'Accepted', updatedAt: 1 });
const projectionLetter = letter('projection:charge-points', 'csms.config.charge-points', chargePoint);
const processorsLetter = letter('processors', 'csms.command-requests', 'the record as it was');

test('a projection\'s letter is locked, applied and marked re-driven in one transaction, then recorded on Kafka', async () => {
  const { log, sent, redrive } = setUp();
  assert.equal(await redriveLetter(redrive, projectionLetter), 'Applied');
  assert.deepEqual(log, [
    'BEGIN', 'SET LOCAL lock_timeout = 5000', 'lock projection charge-points', 'lock projection dead-letters', 'SET LOCAL lock_timeout TO DEFAULT',
    `lock letter ${projectionLetter.id}`, 'apply CP-R at 2/41', `mark Applied at ${AT}`, 'COMMIT', 'send csms.dead-letter',
  ]);
  const redriven = JSON.parse(sent[0]?.value ?? '') as DeadLetterRedriven;
  assert.deepEqual(redriven, { type: 'DeadLetterRedriven', deadLetterId: projectionLetter.id, at: AT, by: 'cli:ops', outcome: 'Applied' });
  assert.equal(sent[0]?.key, projectionLetter.id);
});

test('a letter re-driven meanwhile (by a second operator, or before a crash) is neither applied nor recorded again', async () => {
  for (const letterOfEither of [projectionLetter, processorsLetter]) {
    const { log, sent, redrive } = setUp({ letterOpen: false });
    assert.equal(await redriveLetter(redrive, letterOfEither), 'NotOpen');
    assert.equal(log.some((entry) => entry.startsWith('apply') || entry.startsWith('mark') || entry.startsWith('send')), false, log.join(', '));
    assert.deepEqual(sent, []);
  }
});

test('a letter is refused while a projection it writes is being rebuilt: the swap would replace what it wrote', async () => {
  for (const [letterOfEither, rebuilding] of [[projectionLetter, 'charge-points'], [projectionLetter, 'dead-letters'], [processorsLetter, 'dead-letters']] as const) {
    const { log, sent, redrive } = setUp({ rebuilding });
    await assert.rejects(redriveLetter(redrive, letterOfEither), new RegExp(`^Error: ${rebuilding} is being rebuilt`));
    assert.equal(log.some((entry) => /^(lock letter|apply|mark|send)/.test(entry)), false, log.join(', '));
    assert.equal(log.at(-1), 'ROLLBACK');
    assert.deepEqual(sent, []);
  }
});

test('a letter whose record still fails stays open: nothing is marked, nothing recorded', async () => {
  const { log, sent, redrive } = setUp({ applyFails: true });
  await assert.rejects(redriveLetter(redrive, projectionLetter), /refused/);
  assert.deepEqual(log.slice(-2), ['apply CP-R at 2/41', 'ROLLBACK']);
  assert.deepEqual(sent, []);
});

test('a processors\' letter is appended again while its row is locked, marked in that transaction, then recorded', async () => {
  const { log, sent, redrive } = setUp();
  assert.equal(await redriveLetter(redrive, processorsLetter), 'Reappended');
  assert.deepEqual(log, [
    'BEGIN', 'SET LOCAL lock_timeout = 5000', 'lock projection dead-letters', 'SET LOCAL lock_timeout TO DEFAULT',
    `lock letter ${processorsLetter.id}`, 'send csms.command-requests', `mark Reappended at ${AT}`, 'COMMIT', 'send csms.dead-letter',
  ]);
  assert.deepEqual(sent[0], { topic: 'csms.command-requests', key: 'CP-R', value: 'the record as it was', header: processorsLetter.id });
});

test('a letter holding no copy of its record (too large, or a secret) is refused', async () => {
  const { log, redrive } = setUp();
  await assert.rejects(redriveLetter(redrive, { ...projectionLetter, value: Buffer.alloc(0), valueBytes: 0 }), /holds no copy/);
  assert.deepEqual(log, []);
});
