import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import pino from 'pino';
import { keepAlive, type PingedSocket } from './keep-alive.ts';
import type { Repeat } from './timers.ts';

/** A socket as keep-alive sees it: pings and terminations are counted, pongs sent by the test. */
function fakeSocket() {
  const emitter = new EventEmitter();
  const seen = { pings: 0, terminated: false };
  const socket: PingedSocket & { pong(): void } = {
    on: (event, listener) => emitter.on(event, listener),
    ping: () => { seen.pings += 1; },
    terminate: () => { seen.terminated = true; },
    pong: () => emitter.emit('pong'),
  };
  return { socket, seen };
}

/** A repeat the test turns by hand, one interval per round(). */
function manualRepeat() {
  let tick: (() => void) | null = null;
  const repeat: Repeat = (_ms, fn) => { tick = fn; return () => { tick = null; }; };
  return { repeat, round: () => tick?.(), stopped: () => tick === null };
}

const log = pino({ level: 'silent' });

describe('keep-alive', () => {
  it('pings every interval and terminates a socket that did not answer the previous ping', () => {
    const { socket, seen } = fakeSocket();
    const timer = manualRepeat();
    let alive = 0;
    keepAlive(socket, { intervalMs: 30_000, log, repeat: timer.repeat, onAlive: () => { alive += 1; } });
    timer.round();
    socket.pong();
    timer.round();
    assert.deepEqual([seen.pings, seen.terminated, alive], [2, false, 1]);
    timer.round();
    assert.equal(seen.terminated, true, 'no pong for the second ping');
  });

  it('neither terminates nor takes for dead a socket the gateway stopped reading, however long', () => {
    const { socket, seen } = fakeSocket();
    const timer = manualRepeat();
    let alive = 0;
    const pings = keepAlive(socket, { intervalMs: 30_000, log, repeat: timer.repeat, onAlive: () => { alive += 1; } });
    timer.round();
    pings.hold(); // back-pressure: the pong, if any, waits unread
    for (let i = 0; i < 5; i += 1) timer.round();
    assert.deepEqual([seen.terminated, alive, seen.pings], [false, 5, 1], 'alive as far as anyone can tell, and not pinged meanwhile');
    pings.release();
    timer.round();
    assert.deepEqual([seen.terminated, seen.pings], [false, 2], 'the round it was released in does not count against it');
    timer.round();
    assert.equal(seen.terminated, true, 'read again and silent: dead');
  });

  it('forgives a round in which the socket was held only for a moment', () => {
    const { socket, seen } = fakeSocket();
    const timer = manualRepeat();
    const pings = keepAlive(socket, { intervalMs: 30_000, log, repeat: timer.repeat, onAlive: () => {} });
    timer.round();
    pings.hold();
    pings.release();
    timer.round();
    assert.equal(seen.terminated, false, 'its pong may have been read only just now');
    pings.stop();
    assert.equal(timer.stopped(), true);
  });
});
