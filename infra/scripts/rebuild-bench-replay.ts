// The rebuild benchmark's one call into the projections: what `npm run rebuild-projection -- all`
// does (projections/src/rebuild.ts), with each projection timed and its dead letters counted.
// Kept to this file, so that when the rebuild changes (one replay feeding every projection, say)
// only this follows it; a single replay would be one step here.
import type { Kafka } from 'kafkajs';
import type { Serde } from '@csms/contracts';
import { projections, rebuildProjection } from '@csms/projections';
import { deadLetterWriter } from '@csms/projections/runtime/dead-letter-writer.ts';
import type { Logger, Pool } from '../src/index.ts';
import type { ReplayStep } from '../src/rebuild-bench/rebuild-report.ts';

export interface ReplayOptions {
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly serde: Serde;
  readonly topicPrefix: string;
  readonly logger: Logger;
  /** Told as each step ends, so a long rebuild shows its progress. */
  readonly onStep: (step: ReplayStep) => void;
}

/** rebuild.ts's settings, so the bench measures what an operator's rebuild does. */
const STALL_TIMEOUT_MS = 120_000;
const MAX_ATTEMPTS = 3;

export async function rebuildAll(options: ReplayOptions): Promise<ReplayStep[]> {
  const { kafka, pool, serde, topicPrefix, logger } = options;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const sink = deadLetterWriter(producer, serde, topicPrefix);
  try {
    const steps: ReplayStep[] = [];
    for (const projection of projections) {
      let deadLetters = 0;
      const counted = { write: (letters: Parameters<typeof sink.write>[0]) => { deadLetters += letters.length; return sink.write(letters); } };
      const started = performance.now();
      const { applied } = await rebuildProjection({
        kafka, pool, serde, topicPrefix, projection, logger, stallTimeoutMs: STALL_TIMEOUT_MS, maxAttempts: MAX_ATTEMPTS,
        groupId: `${topicPrefix}csms-projection-rebuild-${projection.name}-${Date.now()}`, deadLetters: counted,
      });
      const step = { name: projection.name, topics: projection.topics, records: applied, seconds: (performance.now() - started) / 1000, deadLetters };
      options.onStep(step);
      steps.push(step);
    }
    return steps;
  } finally {
    await producer.disconnect();
  }
}
