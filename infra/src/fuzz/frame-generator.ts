// The run's frames, mixed across the families: frame #i is a pure function of the seed and i.
import type { OcppJsonSchema } from '@csms/contracts';
import { brokenFramingFrame } from './broken-framing.ts';
import { deepNestingFrame } from './deep-nesting.ts';
import { FUZZ_FAMILIES, type FrameContext, type FuzzFamily, type FuzzFrame } from './fuzz-frame.ts';
import { orphanAnswerFrame } from './orphan-answer.ts';
import { oversizeFrame } from './oversize.ts';
import { payloadCatalogue } from './payload-mutations.ts';
import { randomBytesFrame } from './random-bytes.ts';
import { randomStream } from './random.ts';
import { schemaPayloadFrame } from './schema-payload.ts';

export type FamilyWeights = Readonly<Record<FuzzFamily, number>>;

/**
 * Payloads dominate: they reach furthest in. Frames that make the gateway close the socket
 * (oversize, invalid UTF-8) are rarer, so that most frames meet the parser rather than a reconnect.
 */
export const DEFAULT_FAMILY_WEIGHTS: FamilyWeights = {
  'schema-payload': 46, 'broken-framing': 25, 'random-bytes': 10, 'orphan-answer': 10, 'deep-nesting': 7, oversize: 2,
};

export interface FrameGeneratorOptions {
  readonly seed: number;
  /** The official schemas of the protocol, e.g. `ocppSchemas('ocpp1.6')`. */
  readonly schemas: readonly OcppJsonSchema[];
  /** The actions a charge point may send (the station calls of the version's action table). */
  readonly actions: Iterable<string>;
  /** The gateway's CSMS_MAX_FRAME_BYTES. */
  readonly maxFrameBytes: number;
  readonly weights?: FamilyWeights;
}

export type FrameGenerator = (index: number) => FuzzFrame;

export function createFrameGenerator(options: FrameGeneratorOptions): FrameGenerator {
  const catalogue = payloadCatalogue(options.schemas, options.actions);
  if (catalogue.length === 0) throw new RangeError('the fuzzer needs at least one action');
  const weights = options.weights ?? DEFAULT_FAMILY_WEIGHTS;
  const mix = FUZZ_FAMILIES.filter((family) => weights[family] > 0).map((family) => [family, weights[family]] as const);
  return (index) => {
    const random = randomStream(options.seed, index);
    const context: FrameContext = { index, maxFrameBytes: options.maxFrameBytes };
    const family = random.weighted(mix);
    switch (family) {
      case 'random-bytes': return randomBytesFrame(random, context);
      case 'broken-framing': return brokenFramingFrame(random, context);
      case 'schema-payload': return schemaPayloadFrame(random, context, catalogue);
      case 'deep-nesting': return deepNestingFrame(random, context);
      case 'oversize': return oversizeFrame(random, context);
      case 'orphan-answer': return orphanAnswerFrame(random, context);
      default: {
        const unknown: never = family;
        return unknown;
      }
    }
  };
}
