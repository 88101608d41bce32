// Seeded randomness for the fuzzer. Every frame draws from its own stream, keyed by the run's
// seed and the frame's index, so frame #i of seed s is the same frame whichever socket sends it
// and however the sockets interleave: `--seed s` reproduces the run's frames.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export interface Random {
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks an entry with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  chance(probability: number): boolean;
  bytes(count: number): Buffer;
}

/** Neighbouring states start xoroshiro's outputs correlated; a few draws mix them apart. */
const WARM_UP_DRAWS = 16;

export function randomStream(seed: number, stream: number): Random {
  const rng: RandomGenerator = xoroshiro128plusFromState([seed | 0, stream | 0, ~seed, (stream * 0x9e3779b1) | 0]);
  for (let i = 0; i < WARM_UP_DRAWS; i += 1) rng.next();
  const int = (min: number, max: number): number => uniformInt(rng, min, max);
  return {
    int,
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
    weighted(entries) {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = int(1, total);
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll <= 0) return value;
      }
      throw new RangeError('weights must be positive integers');
    },
    chance: (probability) => int(0, 999_999) < probability * 1_000_000,
    bytes(count) {
      // Four bytes per draw: the generator's outputs are uniform 32-bit integers.
      const buffer = Buffer.alloc(count + 3);
      for (let offset = 0; offset < count; offset += 4) buffer.writeInt32LE(rng.next(), offset);
      return buffer.subarray(0, count);
    },
  };
}
