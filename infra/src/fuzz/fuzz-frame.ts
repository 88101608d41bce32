// What the fuzzer sends: one WebSocket message, the family and variant that made it, and for
// payload frames what the official schema should make of it.

/** One family per generator file; `--frames N` are mixed across all of them. */
export type FuzzFamily =
  | 'random-bytes' // random bytes and random text, as text and as binary frames, invalid UTF-8 too
  | 'broken-framing' // not OCPP-J: not JSON, not an array, bad ids, wrong lengths, unknown actions
  | 'schema-payload' // a valid payload of a charge point action, or one field of it made hostile
  | 'deep-nesting' // thousands of levels of arrays or objects
  | 'oversize' // just under, at and over the frame size limit
  | 'orphan-answer'; // CALLRESULT / CALLERROR frames answering nothing

export const FUZZ_FAMILIES: readonly FuzzFamily[] = [
  'random-bytes', 'broken-framing', 'schema-payload', 'deep-nesting', 'oversize', 'orphan-answer',
];

/**
 * valid: passes the action's official schema; invalid: fails it, at `path`;
 * unchecked: the schema has no say (an integer of 3e9, a NUL inside an idTag): the edge must.
 */
export type SchemaExpectation = 'valid' | 'invalid' | 'unchecked';

/** Where a payload frame's hostile value sits: property names and array indexes from the payload root. */
export type FieldPath = readonly (string | number)[];

export interface PayloadTarget {
  readonly action: string;
  readonly path: FieldPath;
  readonly expectation: SchemaExpectation;
}

export interface FuzzFrame {
  readonly family: FuzzFamily;
  readonly variant: string;
  /** A Buffer is sent as it is, so a text frame can carry bytes that are not UTF-8. */
  readonly data: string | Buffer;
  /** Sent with the binary opcode (OCPP-J 1.6 §3 allows only text frames). */
  readonly binary: boolean;
  readonly target?: PayloadTarget;
}

/** What every generator is given besides its random stream. */
export interface FrameContext {
  /** The frame's index in the run; its message id is derived from it. */
  readonly index: number;
  /** The gateway's frame size limit (CSMS_MAX_FRAME_BYTES); oversize frames straddle it. */
  readonly maxFrameBytes: number;
}

/** A message id no one else uses (OCPP-J 1.6 §4.1.1: at most 36 characters). */
export function fuzzMessageId(index: number): string {
  return `fz-${index}`;
}

export function textFrame(family: FuzzFamily, variant: string, data: string): FuzzFrame {
  return { family, variant, data, binary: false };
}
