import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupSend } from './group-send.ts';

describe('sending in groups', () => {
  it('sends what queued during a request in the next one, one request at a time, in order', async () => {
    const requests: string[][] = [];
    let release: () => void = () => undefined;
    const sender = groupSend((messages: { value: string }[]) => {
      requests.push(messages.map((m) => m.value));
      return requests.length === 1 ? new Promise<void>((resolve) => { release = resolve; }) : Promise.resolve();
    }, 2);
    const sent = ['a', 'b', 'c', 'd'].map((value) => sender.send({ value }));
    release();
    await Promise.all(sent);
    assert.deepEqual(requests, [['a'], ['b', 'c'], ['d']]);
  });

  it('fails the messages of a failed request only', async () => {
    let calls = 0;
    const sender = groupSend<{ value: string }>(async () => { calls += 1; if (calls === 1) throw new Error('broker gone'); });
    const first = sender.send({ value: 'a' });
    const second = sender.send({ value: 'b' });
    await assert.rejects(first, /broker gone/);
    await second;
  });
});
