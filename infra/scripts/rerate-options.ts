// `npm run rerate`'s command line, checked before anything connects.
import { UsageError, integer, parseFlags } from './cli-flags.ts';

export interface RerateOptions {
  readonly tariffId: string;
  readonly from: number;
  readonly to: number;
  readonly dryRun: boolean;
  readonly reason: string;
  readonly timeoutSeconds: number;
}

const flags = {
  tariff: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  reason: { type: 'string' },
  'timeout-seconds': { type: 'string', default: '300' },
} as const;

export const RERATE_USAGE = 'usage: npm run rerate -- --tariff <id> --from <time> --to <time> [--dry-run] [--reason <text>]';

/** An instant: a date (UTC midnight) or a date-time with its offset, never a local time left to guess. */
function instant(flag: string, value: string | undefined): number {
  if (value === undefined) throw new UsageError(`--${flag} is required\n${RERATE_USAGE}`);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const at = dateOnly ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
  if ((!dateOnly && !withOffset) || Number.isNaN(at)) {
    throw new UsageError(`--${flag} must be a date (2026-11-01) or a date-time with its offset (2026-11-01T06:00:00+01:00), not ${JSON.stringify(value)}`);
  }
  return at;
}

export function rerateOptions(args: readonly string[]): RerateOptions {
  const values = parseFlags(args, flags);
  const tariffId = values.tariff;
  if (tariffId === undefined || tariffId === '') throw new UsageError(`--tariff is required\n${RERATE_USAGE}`);
  const from = instant('from', values.from);
  const to = instant('to', values.to);
  if (to <= from) throw new UsageError('--to must be after --from');
  const reason = values.reason ?? `tariff ${tariffId} re-rated`;
  return { tariffId, from, to, dryRun: values['dry-run'], reason, timeoutSeconds: integer('timeout-seconds', values['timeout-seconds'], 1) };
}
