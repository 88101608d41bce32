import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerOf } from './ws-reply.ts';

describe('reading an answer', () => {
  it('takes a CALLRESULT, a CALLERROR and the echo floor\'s echoed CALL as answers to their message id', () => {
    assert.deepEqual(answerOf('[3,"b7",{"currentTime":"2025-03-01T12:00:00Z"}]'), { messageId: 'b7', reply: { kind: 'result', payload: { currentTime: '2025-03-01T12:00:00Z' } } });
    assert.deepEqual(answerOf('[4,"b8","InternalError","",{}]'), { messageId: 'b8', reply: { kind: 'error', code: 'InternalError' } });
    assert.deepEqual(answerOf('[2,"b9","Heartbeat",{}]'), { messageId: 'b9', reply: { kind: 'result', payload: {} } });
  });

  it('ignores what answers nothing', () => {
    for (const text of ['not json', '{}', '[3]', '[5,"b1",{}]', '[3,7,{}]']) assert.equal(answerOf(text), null, text);
  });
});
