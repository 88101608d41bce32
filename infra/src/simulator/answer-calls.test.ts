import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { RPCClient } from 'ocpp-rpc';
import { answerCalls, answerWritten } from './answer-calls.ts';
import { followUpQueue } from './station-client.ts';

type Handler = NonNullable<Parameters<RPCClient['handle']>[1]>;

/** The I/O port: what ocpp-rpc does with a CALL it receives, with the writing of the answer in the test's hands. */
class FakeClient extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  /** Frames as written to the socket, in order. */
  readonly wire: string[] = [];

  handle(method: string | Handler, handler?: Handler): void {
    if (typeof method === 'string' && handler !== undefined) this.handlers.set(method, handler);
  }

  /** Runs the handler and gives the means to write its answer, as ocpp-rpc's sendRaw does: ws.send, then the event. */
  async receive(method: string, messageId: string, params: Record<string, unknown>): Promise<() => void> {
    const result = await this.handlers.get(method)!({ messageId, method, params });
    return () => this.write(JSON.stringify([3, messageId, result]));
  }

  write(message: string): void {
    this.wire.push(message);
    this.emit('message', { message, outbound: true });
  }
}

async function station() {
  const client = new FakeClient();
  const logged: string[] = [];
  const followUps = followUpQueue(async (action) => { client.write(JSON.stringify([2, `own-${action}`, action, {}])); return {}; }, (l) => logged.push(l));
  answerCalls(client, { Reset: () => { followUps.later('BootNotification', {}); return { status: 'Accepted' }; } }, followUps, (l) => logged.push(l));
  return { client, followUps, logged };
}

describe('answering a CSMS call', () => {
  it('sends the follow-ups a handler queued only once its answer is written, however long that takes', async () => {
    const { client, followUps } = await station();
    const writeAnswer = await client.receive('Reset', 'm-1', { type: 'Immediate' });
    for (let i = 0; i < 20; i += 1) await tick();
    assert.deepEqual(client.wire, [], 'nothing overtakes the answer');
    writeAnswer();
    await followUps.idle();
    assert.deepEqual(client.wire.map((frame) => JSON.parse(frame).slice(0, 2)), [[3, 'm-1'], [2, 'own-BootNotification']]);
  });

  it('is not released by the answer to another call, nor by an inbound frame', async () => {
    const client = new FakeClient();
    let written = false;
    void answerWritten(client, 'm-2').then(() => { written = true; });
    client.emit('message', { message: JSON.stringify([3, 'm-2', {}]), outbound: false });
    client.write(JSON.stringify([3, 'm-other', {}]));
    await tick();
    assert.equal(written, false);
    client.write(JSON.stringify([4, 'm-2', 'InternalError', '', {}]));
    await tick();
    assert.equal(written, true, 'a CALLERROR is an answer too');
    assert.equal(client.listenerCount('message') + client.listenerCount('disconnect'), 0);
  });

  it('gives up waiting when the connection drops before the answer is written', async () => {
    const client = new FakeClient();
    const written = answerWritten(client, 'm-3');
    client.emit('disconnect', { code: 1006, reason: '' });
    await assert.rejects(written, /dropped before the answer to m-3/);
    assert.equal(client.listenerCount('message') + client.listenerCount('disconnect'), 0);
  });
});
