import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createSerdeOver, inMemorySchemaRegistry, MAX_RECORD_BYTES, type Serde } from '@csms/contracts';
import { deadLetterOf, encodeDeadLetter, type ConsumedMessage } from './dead-letters.ts';

let serde: Serde;
before(async () => { serde = await createSerdeOver(inMemorySchemaRegistry(), ''); });

function consumed(value: Buffer): ConsumedMessage {
  return { offset: '41', key: Buffer.from('CP001'), value, timestamp: '1736935200000' };
}

describe('dead letters', () => {
  it('keep the record\'s bytes, named by who gave up on which record', async () => {
    const letter = deadLetterOf({
      consumer: 'processors', sourceTopic: 'ocpp.inbound', partition: 3, message: consumed(Buffer.from('bytes')),
      reason: 'DECIDE_FAILED', error: new TypeError('bug'),
    });
    const { key, value } = await encodeDeadLetter(serde, letter);
    assert.equal(key, 'processors/ocpp.inbound/3/41');
    const decoded = await serde.decode('deadLetter', value);
    assert.equal(decoded.type === 'DeadLetter' && decoded.value.toString(), 'bytes');
  });

  it('keep only the position of a record larger than a Kafka record may be', async () => {
    const letter = deadLetterOf({
      consumer: 'projection:transactions', sourceTopic: 'csms.sessions', partition: 0,
      message: consumed(Buffer.alloc(MAX_RECORD_BYTES)), reason: 'DB_REFUSED', error: new Error('refused'),
    });
    const { value } = await encodeDeadLetter(serde, letter);
    assert.ok(value.length <= MAX_RECORD_BYTES);
    const decoded = await serde.decode('deadLetter', value);
    assert.equal(decoded.type === 'DeadLetter' && decoded.value.length, 0);
    assert.match(decoded.type === 'DeadLetter' ? decoded.error : '', /not copied here; read them at its offset/);
  });
});
