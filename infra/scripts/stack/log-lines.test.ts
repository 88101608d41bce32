import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineFormat } from './log-lines.ts';

const line = JSON.stringify({ level: 40, time: Date.UTC(2026, 11, 2, 14, 52, 45, 183), pid: 7, hostname: 'vm', name: 'gateway', msg: 'probe write failed', err: { message: 'broker down' } });

test('in a terminal a pino line reads as time, level and message, with its fields below', () => {
  const shown = lineFormat(true, false)(line);
  assert.match(shown, /^\[\d{2}:\d{2}:\d{2}\.183\] WARN: probe write failed\n/);
  assert.match(shown, /broker down/);
  assert.doesNotMatch(shown, /hostname|pid|"level"/);
  assert.ok(!shown.endsWith('\n'), 'the caller ends the line');
});

test('a line that is not a pino record is shown as it is', () => {
  const format = lineFormat(true, false);
  for (const other of ['    at Socket.emit (node:events:517:28)', '{"not":"pino"}', '{broken json', '']) assert.equal(format(other), other);
});

test('outside a terminal every line stays the JSON it was', () => {
  assert.equal(lineFormat(false)(line), line);
});
