// Family 'oversize': frames straddling the gateway's size limit (CSMS_MAX_FRAME_BYTES, where
// RFC 6455 §7.4.1 has it close with 1009). Under the limit a schema-valid DataTransfer whose
// data fills the frame must be taken, recorded and answered like any other; over it, the
// socket closes and nothing else suffers.
import { fuzzMessageId, type FrameContext, type FuzzFrame } from './fuzz-frame.ts';
import type { Random } from './random.ts';

export type OversizeVariant = 'under-limit-call' | 'under-limit-binary' | 'over-limit-call' | 'over-limit-binary' | 'far-over-limit';

const VARIANTS: readonly OversizeVariant[] = ['under-limit-call', 'under-limit-binary', 'over-limit-call', 'over-limit-binary', 'far-over-limit'];
/** Far over is bounded, so the fuzzer itself never holds more than this per frame. */
const FAR_OVER_MAX_BYTES = 1024 * 1024;

/** A DataTransfer CALL of exactly `bytes` bytes (ASCII, so bytes and characters agree), or longer when `bytes` is too small for one. */
function dataTransferOf(bytes: number, index: number): string {
  const head = `[2,"${fuzzMessageId(index)}","DataTransfer",{"vendorId":"FUZZ","data":"`;
  const tail = '"}]';
  return head + 'D'.repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
}

export function oversizeFrame(random: Random, context: FrameContext): FuzzFrame {
  const variant = random.pick(VARIANTS);
  const limit = context.maxFrameBytes;
  const under = limit - random.int(0, 64);
  const over = limit + random.int(1, 64);
  const frame = (data: string | Buffer, binary: boolean): FuzzFrame => ({ family: 'oversize', variant, data, binary });
  switch (variant) {
    case 'under-limit-call': return frame(dataTransferOf(under, context.index), false);
    case 'under-limit-binary': return frame(Buffer.alloc(under, 0x5b), true);
    case 'over-limit-call': return frame(dataTransferOf(over, context.index), false);
    case 'over-limit-binary': return frame(Buffer.alloc(over, 0x5b), true);
    case 'far-over-limit': return frame(Buffer.alloc(Math.min(limit * random.int(2, 16), FAR_OVER_MAX_BYTES), 0x20), random.chance(0.5));
    default: {
      const unknown: never = variant;
      return unknown;
    }
  }
}
