// Family 'orphan-answer': CALLRESULT and CALLERROR frames answering no CALL of the CSMS
// (OCPP-J 1.6 §4.2.2, §4.2.3), some well-formed, some not: unknown ids, ids shaped like the
// CSMS's own, odd payloads, error codes not in the table, huge descriptions and details.
import { fuzzMessageId, textFrame, type FrameContext, type FuzzFrame } from './fuzz-frame.ts';
import type { Random } from './random.ts';

export type OrphanAnswerVariant = 'callresult-unknown-id' | 'callresult-odd-payload' | 'callerror-unknown-id' | 'callerror-odd-fields';

const VARIANTS: readonly OrphanAnswerVariant[] = ['callresult-unknown-id', 'callresult-odd-payload', 'callerror-unknown-id', 'callerror-odd-fields'];

/** A random version 4 UUID, the shape most CSMSs give their message ids. */
function uuidLike(random: Random): string {
  const hex = random.bytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function answerId(random: Random, index: number): string {
  return random.chance(0.5) ? uuidLike(random) : fuzzMessageId(index);
}

export function orphanAnswerFrame(random: Random, context: FrameContext): FuzzFrame {
  const variant = random.pick(VARIANTS);
  const id = answerId(random, context.index);
  const data = (() => {
    switch (variant) {
      case 'callresult-unknown-id': return [3, id, random.pick([{}, { status: 'Accepted' }, { idTagInfo: { status: 'Accepted' } }])];
      case 'callresult-odd-payload': return [3, id, random.pick([[], null, 'x', 0, { status: 'D'.repeat(random.int(100, 5000)) }])];
      case 'callerror-unknown-id': return [4, id, 'GenericError', 'no such call', {}];
      case 'callerror-odd-fields': return [
        4, id, random.pick(['NoSuchCode', '', 'x'.repeat(1000), '\u0000', 'FormationViolation']),
        random.pick(['', 'd'.repeat(random.int(100, 5000)), '\ud800']), random.pick([{}, [], null, 'x', { a: { b: [1, 2, 3] } }]),
      ];
      default: {
        const unknown: never = variant;
        return unknown;
      }
    }
  })();
  return textFrame('orphan-answer', variant, JSON.stringify(data));
}
