// The rebuild benchmark's one call into the projections: what `npm run rebuild-projection -- all`
// does (projections/src/rebuild.ts): its groups of projections replayed side by side, timed as
// one step, the dead letters counted. Kept to this file, so only this follows the rebuild's changes.
import type { Kafka } from 'kafkajs';
import type { Serde } from '@csms/contracts';
import { projections, rebuildInGroups } from '@csms/projections';
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
const PARALLEL = 4;

export async function rebuildAll(options: ReplayOptions): Promise<ReplayStep[]> {
  const { kafka, pool, serde, topicPrefix, logger } = options;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const sink = deadLetterWriter(producer, serde, topicPrefix);
  try {
    let deadLetters = 0;
    const counted = { write: (letters: Parameters<typeof sink.write>[0]) => { deadLetters += letters.length; return sink.write(letters); } };
    const started = performance.now();
    const groups = await rebuildInGroups({
      kafka, pool, serde, topicPrefix, projections, parallel: PARALLEL, logger, stallTimeoutMs: STALL_TIMEOUT_MS, maxAttempts: MAX_ATTEMPTS,
      groupIdPrefix: `${topicPrefix}csms-projection-rebuild-${Date.now()}`, deadLetters: counted,
    });
    const failed = groups.find(({ outcome }) => outcome.status === 'rejected')?.outcome;
    if (failed?.status === 'rejected') throw failed.reason;
    const applied = groups.flatMap(({ outcome }) => (outcome.status === 'fulfilled' ? [...outcome.value.applied.values()] : []));
    const step: ReplayStep = {
      name: 'all', topics: [...new Set(projections.flatMap((p) => p.topics))],
      records: applied.reduce((sum, n) => sum + n, 0), seconds: (performance.now() - started) / 1000, deadLetters,
    };
    options.onStep(step);
    return [step];
  } finally {
    await producer.disconnect();
  }
}
