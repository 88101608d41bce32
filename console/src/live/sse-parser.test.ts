import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSseParser } from './sse-parser.ts';

describe('createSseParser', () => {
  it('answers the ready event and a default event with JSON data', () => {
    const parser = createSseParser();
    const messages = parser.push('event: ready\ndata: {}\n\ndata: {"type":"StationConnected"}\n\n');
    assert.deepEqual(messages, [
      { event: 'ready', data: '{}' },
      { event: 'message', data: '{"type":"StationConnected"}' },
    ]);
  });

  it('keeps a message cut across chunks until its blank line arrives', () => {
    const parser = createSseParser();
    assert.deepEqual(parser.push('da'), []);
    assert.deepEqual(parser.push('ta: {"a"'), []);
    assert.deepEqual(parser.push(':1}\n'), []);
    assert.deepEqual(parser.push('\n'), [{ event: 'message', data: '{"a":1}' }]);
  });

  it('ignores comments (keep-alives) and unknown fields', () => {
    const parser = createSseParser();
    assert.deepEqual(parser.push(': ping\n\nid: 7\nretry: 10\ndata: x\n\n'), [{ event: 'message', data: 'x' }]);
  });

  it('joins several data lines with a newline and keeps a value without the space after the colon', () => {
    const parser = createSseParser();
    assert.deepEqual(parser.push('data:first\ndata: second\n\n'), [{ event: 'message', data: 'first\nsecond' }]);
  });

  it('accepts CRLF line ends, also when the CR and the LF arrive in different chunks', () => {
    const parser = createSseParser();
    assert.deepEqual(parser.push('data: a\r'), []);
    assert.deepEqual(parser.push('\n\r\n'), [{ event: 'message', data: 'a' }]);
    assert.deepEqual(parser.push('data: b\r\rdata: c\n\n'), [{ event: 'message', data: 'b' }, { event: 'message', data: 'c' }]);
  });

  it('dispatches nothing for a blank line alone', () => {
    assert.deepEqual(createSseParser().push('\n\n\n'), []);
  });
});
