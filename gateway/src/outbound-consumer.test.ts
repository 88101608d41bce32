// The outbound consumer's eachMessage against fakes at its ports: the serde over an in-memory
// schema registry, and a dispatcher that records what it is handed.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import pino from 'pino';
import { createSerdeOver, inMemorySchemaRegistry, outboundReply, type OutboundFrame, type Serde } from '@csms/contracts';
import { createMetrics } from './metrics.ts';
import { outboundHandler } from './outbound-consumer.ts';

let serde: Serde;
before(async () => { serde = await createSerdeOver(inMemorySchemaRegistry(), ''); });

function handlerOver() {
  const metrics = createMetrics({ defaultMetrics: false });
  const dispatched: OutboundFrame[] = [];
  const handle = outboundHandler({
    node: 3, serde, metrics, logger: pino({ level: 'silent' }), clock: () => 0,
    dispatcher: { dispatch: async (frame) => { dispatched.push(frame); return 'sent'; } },
  }, 'ocpp.outbound');
  const deliver = (value: Buffer) =>
    handle({ partition: 3, message: { key: null, value, timestamp: '0', offset: '0', attributes: 0, headers: {} } });
  return { metrics, dispatched, deliver };
}

describe('outbound consumer', () => {
  it('skips a record it cannot decode, counting it, and goes on with the next', async () => {
    const { metrics, dispatched, deliver } = handlerOver();
    assert.deepEqual((await metrics.outboundUndecodable.get()).values.map((v) => v.value), [0], 'scraped before the first one');
    await deliver(Buffer.from('not an Avro record'));
    const reply = outboundReply({ chargePointId: 'CP1', node: 3, connectionId: null, at: 0 }, 'm1', { kind: 'CallResult', payload: {} });
    await deliver(await serde.encode('outbound', reply));
    assert.deepEqual(dispatched.map((f) => f.messageId), ['m1']);
    assert.deepEqual((await metrics.outboundUndecodable.get()).values.map((v) => v.value), [1]);
  });
});
