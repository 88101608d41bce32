// Family 'random-bytes': whatever a broken modem or a port scanner sends. Random bytes as
// binary frames and as text frames (so mostly invalid UTF-8, which RFC 6455 §8.1 makes a
// protocol error), random text full of control characters and surrogates, a well-formed CALL
// with invalid UTF-8 inside a string, a CALL in a binary frame, and the empty frame.
import { fuzzMessageId, type FrameContext, type FuzzFrame } from './fuzz-frame.ts';
import type { Random } from './random.ts';

export type RandomBytesVariant = 'binary-bytes' | 'text-bytes' | 'random-text' | 'invalid-utf8-call' | 'binary-call' | 'empty-text';

const VARIANTS: readonly (readonly [RandomBytesVariant, number])[] = [
  ['binary-bytes', 3], ['random-text', 3], ['binary-call', 2], ['empty-text', 1],
  // Both make the gateway's WebSocket library close the socket (1007), so they come rarer.
  ['text-bytes', 1], ['invalid-utf8-call', 1],
];

/** Byte sequences no UTF-8 decoder may accept (RFC 3629 §3, §10). */
const INVALID_UTF8: readonly number[][] = [
  [0xc0, 0xaf], // overlong "/"
  [0xed, 0xa0, 0x80], // a UTF-16 surrogate encoded as UTF-8
  [0xff], [0xfe, 0xfe],
  [0xe2, 0x82], // truncated three-byte sequence
  [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
  [0x80], // lone continuation byte
];

function randomLength(random: Random): number {
  return random.chance(0.1) ? random.int(513, 4096) : random.int(1, 512);
}

/** Any UTF-16 code unit, lone surrogates and C0/C1 controls included, now and then an astral pair. */
function randomText(random: Random, length: number): string {
  let text = '';
  while (text.length < length) {
    text += random.chance(0.05) ? String.fromCodePoint(random.int(0x10000, 0x10ffff))
      : random.chance(0.3) ? String.fromCharCode(random.int(0, 0x9f))
        : String.fromCharCode(random.int(0, 0xffff));
  }
  return text;
}

function invalidUtf8Call(random: Random, index: number): Buffer {
  const head = Buffer.from(`[2,"${fuzzMessageId(index)}","Authorize",{"idTag":"A`);
  return Buffer.concat([head, Buffer.from(random.pick(INVALID_UTF8)), Buffer.from('"}]')]);
}

export function randomBytesFrame(random: Random, context: FrameContext): FuzzFrame {
  const variant = random.weighted(VARIANTS);
  const frame = (data: string | Buffer, binary: boolean): FuzzFrame => ({ family: 'random-bytes', variant, data, binary });
  switch (variant) {
    case 'binary-bytes': return frame(random.bytes(randomLength(random)), true);
    case 'text-bytes': return frame(random.bytes(randomLength(random)), false);
    case 'random-text': return frame(randomText(random, randomLength(random)), false);
    case 'invalid-utf8-call': return frame(invalidUtf8Call(random, context.index), false);
    case 'binary-call': return frame(Buffer.from(JSON.stringify([2, fuzzMessageId(context.index), 'Heartbeat', {}])), true);
    case 'empty-text': return frame('', false);
    default: {
      const unknown: never = variant;
      return unknown;
    }
  }
}
