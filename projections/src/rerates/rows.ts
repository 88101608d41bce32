// Row mapping from csms.billing.rerates to rerates (pure).
import type { RerateCompleted, RerateRequested } from '@csms/contracts';
import { toDate } from '../db.ts';
import { jsonb } from '../jsonb.ts';
import type { Row } from '../upsert.ts';

function requestColumns(event: RerateRequested | RerateCompleted): Row {
  return {
    rerate_id: event.rerateId,
    tariff_id: event.tariffId,
    period_from: toDate(event.from),
    period_to: toDate(event.to),
    dry_run: event.dryRun,
    reason: event.reason,
    requested_by: event.requestedBy,
    requested_at: toDate(event.at),
  };
}

export function rerateRequestedRow(event: RerateRequested): Row {
  return { ...requestColumns(event), status: 'Requested', error: null, sessions: null };
}

export function rerateCompletedRow(event: RerateCompleted): Row {
  return { ...requestColumns(event), status: event.error === null ? 'Completed' : 'Failed', error: event.error, sessions: jsonb(event.sessions) };
}
