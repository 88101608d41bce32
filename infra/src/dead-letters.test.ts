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
      consumer: 'processors', topic: 'inbound', sourceTopic: 'ocpp.inbound', partition: 3, message: consumed(Buffer.from('bytes')),
      reason: 'DECIDE_FAILED', error: new TypeError('bug'),
    });
    const { key, value } = await encodeDeadLetter(serde, letter);
    assert.equal(key, 'processors/ocpp.inbound/3/41');
    const decoded = await serde.decode('deadLetter', value);
    assert.equal(decoded.type === 'DeadLetter' && decoded.value.toString(), 'bytes');
  });

  it('keep only the position of a record larger than a Kafka record may be', async () => {
    const letter = deadLetterOf({
      consumer: 'projection:transactions', topic: 'sessions', sourceTopic: 'csms.sessions', partition: 0,
      message: consumed(Buffer.alloc(MAX_RECORD_BYTES)), reason: 'DB_REFUSED', error: new Error('refused'),
    });
    const { value } = await encodeDeadLetter(serde, letter);
    assert.ok(value.length <= MAX_RECORD_BYTES);
    const decoded = await serde.decode('deadLetter', value);
    assert.equal(decoded.type === 'DeadLetter' && decoded.value.length, 0);
    assert.match(decoded.type === 'DeadLetter' ? decoded.error : '', /not copied here; read them at its offset/);
  });

  it('keep only the position of a record whose topic holds secrets, never its bytes or the error\'s text', async () => {
    const hash = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
    for (const topic of ['stationCredentials', 'apiKeys'] as const) {
      const letter = deadLetterOf({
        consumer: `projection:${topic}`, topic, sourceTopic: `csms.config.${topic}`, partition: 1, message: consumed(Buffer.from(hash)),
        reason: 'DECIDE_FAILED', error: new SyntaxError(`Unexpected token 's', "${hash}" is not valid JSON`),
      });
      assert.equal(letter.value.length, 0);
      assert.equal(letter.error.includes(hash), false);
      assert.match(letter.error, /^SyntaxError\n/);
      assert.equal(letter.key, 'CP001', 'the key names the station or the key id, no secret');
      const { value } = await encodeDeadLetter(serde, letter);
      assert.equal(value.includes(Buffer.from(hash)), false);
    }
  });
});
