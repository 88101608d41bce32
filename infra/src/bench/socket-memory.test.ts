import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gatewayMemory } from './socket-memory.ts';

const MB = 1024 * 1024;

describe('the gateway\'s memory per held socket', () => {
  it('divides the growth since before connecting by the sockets open at each reading', () => {
    const memory = gatewayMemory({ before: 100 * MB, connected: 400 * MB, end: 390 * MB }, { connected: 5000, atEnd: 4000 });
    assert.deepEqual(memory, {
      beforeBytes: 100 * MB, connectedBytes: 400 * MB, endBytes: 390 * MB, kbPerSocket: (300 * 1024) / 5000, kbPerSocketAtEnd: (290 * 1024) / 4000,
    });
  });

  it('has no figure per socket without both readings or without sockets', () => {
    const memory = gatewayMemory({ before: null, connected: 400 * MB, end: 390 * MB }, { connected: 5000, atEnd: 5000 });
    assert.equal(memory.kbPerSocket, null);
    assert.equal(memory.kbPerSocketAtEnd, null);
    assert.equal(gatewayMemory({ before: MB, connected: MB, end: MB }, { connected: 0, atEnd: 0 }).kbPerSocket, null);
  });
});
