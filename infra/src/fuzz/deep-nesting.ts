// Family 'deep-nesting': thousands of levels of arrays or objects, where a recursive parser,
// validator or serializer runs out of stack. The depth stays within the frame size limit so
// the frame reaches the parser instead of the size check.
import { fuzzMessageId, textFrame, type FrameContext, type FuzzFrame } from './fuzz-frame.ts';
import type { Random } from './random.ts';

export type DeepNestingVariant = 'nested-frame' | 'nested-array-payload' | 'nested-object-field' | 'nested-extra-field' | 'unclosed';

const MIN_DEPTH = 1000;
const MAX_DEPTH = 50_000;
/** Room for the CALL around the nesting. */
const ENVELOPE_BYTES = 100;

const VARIANTS: readonly DeepNestingVariant[] = ['nested-frame', 'nested-array-payload', 'nested-object-field', 'nested-extra-field', 'unclosed'];

/** Levels of `perLevel` bytes that fit the limit; at least one, whatever the limit. */
function depthFor(random: Random, context: FrameContext, perLevel: number): number {
  const fits = Math.floor((context.maxFrameBytes - ENVELOPE_BYTES) / perLevel);
  return Math.max(1, Math.min(random.int(MIN_DEPTH, MAX_DEPTH), fits));
}

const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

export function deepNestingFrame(random: Random, context: FrameContext): FuzzFrame {
  const variant = random.pick(VARIANTS);
  const id = fuzzMessageId(context.index);
  const text = (() => {
    switch (variant) {
      case 'nested-frame': return arrays(depthFor(random, context, 2));
      case 'nested-array-payload': return `[2,"${id}","Heartbeat",${arrays(depthFor(random, context, 2))}]`;
      // DataTransfer.data is a string; a station sending an object there is the likeliest real case.
      case 'nested-object-field': return `[2,"${id}","DataTransfer",{"vendorId":"FUZZ","data":${objects(depthFor(random, context, 6))}}]`;
      case 'nested-extra-field': return `[2,"${id}","Authorize",{"idTag":"FUZZ","x":${arrays(depthFor(random, context, 2))}}]`;
      case 'unclosed': return random.chance(0.5) ? '['.repeat(depthFor(random, context, 1)) : '{"a":'.repeat(depthFor(random, context, 5));
      default: {
        const unknown: never = variant;
        return unknown;
      }
    }
  })();
  return textFrame('deep-nesting', variant, text);
}
