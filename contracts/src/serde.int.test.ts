import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEnvironment, type TestEnvironment } from '@csms/infra/test-env.ts';
import { createSerde, type Serde } from './serde.ts';
import type { InboundFrame, SessionEvent } from './generated/avro-types.ts';
import { ocpp16Detail } from './ocpp16-detail.ts';

describe('serde against the real schema registry', () => {
  let env: TestEnvironment;
  let serde: Serde;
  before(async () => {
    env = await startTestEnvironment();
    serde = await createSerde({ registryUrl: env.registryUrl, topicPrefix: env.topicPrefix });
  });
  after(() => env.stop());

  it('writes the Confluent wire format: magic byte 0 and the registered schema id', async () => {
    const frame: InboundFrame = {
      type: 'Frame', chargePointId: 'CP1', node: 0, connectionId: 'c1', at: 1_700_000_000_000, protocol: 'ocpp1.6',
      raw: '[2,"1","Heartbeat",{}]', messageTypeId: 2, messageId: '1', action: 'Heartbeat', payload: '{}',
      rejection: null, repliedByGateway: true, rawTruncated: null,
    };
    const bytes = await serde.encode('inbound', frame);
    assert.equal(bytes[0], 0);
    const schemaId = bytes.readInt32BE(1);
    const response = await fetch(`${env.registryUrl}/schemas/ids/${schemaId}`);
    assert.equal(response.status, 200);
    assert.match(((await response.json()) as { schema: string }).schema, /InboundFrame/);
    assert.deepEqual(await serde.decode('inbound', bytes), frame);
  });

  it('round-trips each branch of a union topic as a plain object with its type', async () => {
    const events: SessionEvent[] = [
      { type: 'TransactionStarted', chargePointId: 'CP1', at: 1, transactionId: 7, connectorId: 1, idTag: 'T',
        idTagStatus: 'Accepted', meterStartWh: 100, startedAt: 1, reservationId: null, ...ocpp16Detail.TransactionStarted },
      { type: 'TransactionStopped', chargePointId: 'CP1', at: 2, transactionId: 7, connectorId: 1, idTag: 'T',
        meterStopWh: 600, stoppedAt: 2, reason: 'Local', energyWh: 500, durationSeconds: 1, transactionData: [],
        ...ocpp16Detail.TransactionStopped },
    ];
    for (const event of events) assert.deepEqual(await serde.decode('sessions', await serde.encode('sessions', event)), event);
  });

  it('refuses a value that does not match the schema', async () => {
    const bad = { type: 'TransactionStarted', chargePointId: 'CP1' } as unknown as SessionEvent;
    await assert.rejects(serde.encode('sessions', bad));
  });
});
