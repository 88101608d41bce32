// Reading an OCPP-J frame a benchmark station receives as the answer to its call. The echo
// floor sends the CALL straight back, so an echoed CALL with the station's own id answers it too:
// the generator is then the same code for the system and for the floor.

import type { Reply } from './pending-calls.ts';

export interface AnswerFrame {
  readonly messageId: string;
  readonly reply: Reply;
}

/** The answer a frame carries, or null for anything else (a CSMS-initiated CALL, garbage). */
export function answerOf(text: string): AnswerFrame | null {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(frame) || typeof frame[1] !== 'string') return null;
  const messageId = frame[1];
  switch (frame[0]) {
    case 3: return { messageId, reply: { kind: 'result', payload: frame[2] } };
    case 4: return { messageId, reply: { kind: 'error', code: typeof frame[2] === 'string' ? frame[2] : 'GenericError' } };
    case 2: return { messageId, reply: { kind: 'result', payload: frame[3] } };
    default: return null;
  }
}
