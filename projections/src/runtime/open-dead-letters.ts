// csms_projection_dead_letters_open{consumer}: the letters no one has re-driven yet, counted in the
// dead-letters read model. The counters of dead letters say when records were set aside; this
// says what still waits for an operator, whichever process set it aside and however long ago,
// so an alert can hold while any is open and clear once they are re-driven.
import type { Gauge } from 'prom-client';
import { repeatUnref, sampleEvery, type Logger, type RepeatUnref, type Sampler } from '@csms/infra';

/**
 * Who sets records aside besides the projections (contracts' DeadLetterSource names them): the
 * processors write these names, and no service may import another's, so they are repeated here.
 */
const SERVICE_CONSUMERS = ['processors', 'certificate-authority'] as const;

/** Letters of a consumer this version does not know (a newer service, a projection since removed): one bounded label. */
const OTHER_CONSUMER = 'other';

export interface OpenDeadLettersOptions {
  /** Open letters by consumer, as openDeadLetterCounts reads them; a consumer with none is absent. */
  readonly count: () => Promise<ReadonlyMap<string, number>>;
  readonly gauge: Gauge<'consumer'>;
  /** The projections' own consumers (`projection:<name>`), known from the start. */
  readonly projectionConsumers: readonly string[];
  readonly logger: Pick<Logger, 'warn'>;
  readonly everyMs?: number;
  readonly repeat?: RepeatUnref;
}

/** sample() counts now (the timer counts otherwise) and never rejects. */
export function sampleOpenDeadLetters(options: OpenDeadLettersOptions): Sampler {
  const { count, gauge, logger, everyMs = 60_000, repeat = repeatUnref } = options;
  const known = new Set<string>([...SERVICE_CONSUMERS, ...options.projectionConsumers]);
  const labels = [...known, OTHER_CONSUMER];
  // Every consumer from zero: a rule sees a consumer's first letter, and "none open" is a value, not an absence.
  for (const consumer of labels) gauge.set({ consumer }, 0);
  const countNow = async (): Promise<void> => {
    const open = await count();
    const totals = new Map(labels.map((consumer): [string, number] => [consumer, 0]));
    for (const [consumer, letters] of open) {
      const label = known.has(consumer) ? consumer : OTHER_CONSUMER;
      totals.set(label, (totals.get(label) ?? 0) + letters);
    }
    for (const [consumer, letters] of totals) gauge.set({ consumer }, letters);
  };
  // A failed count leaves the last values, which were true a minute ago, rather than zeroes that
  // would clear an alert.
  return sampleEvery(countNow, everyMs, (error) => logger.warn({ err: error }, 'open dead letters not counted'), repeat);
}
