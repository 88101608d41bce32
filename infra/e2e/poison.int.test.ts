// Invariant 6 end to end, the whole system as processes: a value the schema allows but the
// CSMS cannot carry, a burst of frames at the size limit, and a flood of upgrades from one
// address. After each, another station whose frames share the hostile one's ocpp.inbound
// partition (so the same processor partition) still gets its BootNotification answered, and
// the gateway's /health stays ok.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import type WebSocket from 'ws';
import { topics } from '@csms/contracts';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { UpgradeRefusedError, connectWithRetry, openOcppSocket } from '../src/simulator/index.ts';
import { startSystem, type RunningSystem } from './system.ts';

const BASE_PORT = 24_400;
/** A bound on every answer, generous for a loaded machine; never what decides an outcome. */
const ANSWER_TIMEOUT_MS = 90_000;
const FRAME_BYTES = 65_500;

/**
 * The ocpp.inbound partition of a station, by the gateway producer's own partitioner: kafkajs's
 * default, murmur2 of the key modulo the topic's partitions.
 */
function inboundPartition(chargePointId: string): number {
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: topics.inbound.partitions }, (_, partitionId) => ({
    partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0],
  }));
  return Partitioners.DefaultPartitioner()({ topic: 'ocpp.inbound', partitionMetadata, message: { key: chargePointId, value: null } });
}

/** Another station id that lands on the same ocpp.inbound partition. */
function neighbourOf(chargePointId: string): string {
  const partition = inboundPartition(chargePointId);
  for (let i = 0; ; i += 1) {
    const candidate = `E2E-NEIGHBOUR-${chargePointId}-${i}`;
    if (inboundPartition(candidate) === partition) return candidate;
  }
}

interface Station {
  readonly ws: WebSocket;
  /** Sends a frame as is and resolves with the frame answering `messageId`. */
  send(raw: string, messageId: string): Promise<unknown[]>;
  call(action: string, payload: object): Promise<unknown[]>;
}

async function station(system: RunningSystem, id: string): Promise<Station> {
  const ws = await connectWithRetry(() => openOcppSocket(`${system.ocppUrl}/${id}`));
  const waiting = new Map<string, (frame: unknown[]) => void>();
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as unknown[];
    const waiter = waiting.get(String(frame[1]));
    waiting.delete(String(frame[1]));
    waiter?.(frame);
  });
  const send = (raw: string, messageId: string) => new Promise<unknown[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${id}: no answer to ${messageId}`)), ANSWER_TIMEOUT_MS);
    waiting.set(messageId, (frame) => { clearTimeout(timer); resolve(frame); });
    ws.send(raw);
  });
  let calls = 0;
  return {
    ws, send,
    call(action, payload) {
      calls += 1;
      const messageId = `${id}-${calls}`;
      return send(JSON.stringify([2, messageId, action, payload]), messageId);
    },
  };
}

describe('one hostile station or address affects no other', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  const healthUrl = `http://127.0.0.1:${BASE_PORT}/health`;

  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, BASE_PORT);
  });
  after(async () => {
    await system?.shutdown();
    await env?.stop();
  });

  async function neighbourStillServed(neighbour: Station): Promise<void> {
    const boot = await neighbour.call('BootNotification', { chargePointVendor: 'E2E', chargePointModel: 'Neighbour' });
    assert.equal(boot[0], 3, `BootNotification answered with ${JSON.stringify(boot)}`);
    assert.ok(['Accepted', 'Pending'].includes((boot[2] as { status: string }).status));
    const health = await fetch(healthUrl);
    assert.deepEqual([health.status, ((await health.json()) as { status: string }).status], [200, 'ok']);
  }

  it('refuses a StartTransaction with connectorId 3e9 as a PropertyConstraintViolation', { timeout: 300_000 }, async () => {
    const id = 'E2E-POISON-VALUE';
    const [poison, neighbour] = [await station(system, id), await station(system, neighbourOf(id))];
    const start = { connectorId: 3e9, idTag: 'E2E-TAG', meterStart: 0, timestamp: '2025-03-01T10:00:00Z' };
    const reply = await poison.send(JSON.stringify([2, 'pv-1', 'StartTransaction', start]), 'pv-1');
    assert.deepEqual(reply.slice(0, 3), [4, 'pv-1', 'PropertyConstraintViolation']);
    assert.match(String(reply[3]), /connectorId/);
    await neighbourStillServed(neighbour);
    const heartbeat = await poison.call('Heartbeat', {});
    assert.equal(heartbeat[0], 3, 'the station that sent it is still served too');
    poison.ws.close();
    neighbour.ws.close();
  });

  it(`absorbs a burst of 40 frames of ${FRAME_BYTES} bytes from one socket`, { timeout: 600_000 }, async () => {
    const id = 'E2E-POISON-BURST';
    const [burst, neighbour] = [await station(system, id), await station(system, neighbourOf(id))];
    const frameOf = (i: number): string => {
      const head = `[2,"pb-${i}","DataTransfer",{"vendorId":"E2E","data":"`;
      const tail = '"}]';
      return `${head}${'x'.repeat(FRAME_BYTES - head.length - tail.length)}${tail}`;
    };
    assert.equal(Buffer.byteLength(frameOf(7)), FRAME_BYTES);
    const answers = Array.from({ length: 40 }, (_, i) => burst.send(frameOf(i), `pb-${i}`));
    // Queued behind the burst in the same partition.
    await neighbourStillServed(neighbour);
    const replies = await Promise.all(answers);
    assert.deepEqual(new Set(replies.map((r) => r[0])), new Set([3]), 'every frame of the burst was answered');
    assert.equal(burst.ws.readyState, burst.ws.OPEN);
    burst.ws.close();
    neighbour.ws.close();
  });

  it('answers some of 500 upgrades from one address at once with 429, and serves the others', { timeout: 300_000 }, async () => {
    const neighbour = await station(system, neighbourOf('E2E-FLOOD-0'));
    const flood = Promise.allSettled(Array.from({ length: 500 }, (_, i) => openOcppSocket(`${system.ocppUrl}/E2E-FLOOD-${i}`)));
    await neighbourStillServed(neighbour);
    const outcomes = await flood;
    const opened = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    assert.ok(refused.length > 0 && opened.length > 0, `${opened.length} opened, ${refused.length} refused`);
    for (const reason of refused) {
      assert.ok(reason instanceof UpgradeRefusedError && reason.status === 429, `refused with ${String(reason)}`);
    }
    await neighbourStillServed(neighbour);
    for (const ws of opened) ws.terminate();
    neighbour.ws.close();
  });
});
