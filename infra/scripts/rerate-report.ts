// What `npm run rerate` prints: one line per session the re-rating touched, with what it was
// billed and what it is billed now, then the totals per currency of what changed.
import { formatMinor, type RerateCompleted, type RerateSession } from '@csms/contracts';

function sessionLine(session: RerateSession): string {
  const billed = formatMinor(session.billedTotalInclVatMinor, session.currency);
  const now = session.newTotalInclVatMinor === null ? '?' : formatMinor(session.newTotalInclVatMinor, session.currency);
  const what = {
    unchanged: 'unchanged',
    corrected: `credited, replaced by ${session.correctionCdrId}`,
    unpriceable: 'cannot be priced any more: left as billed',
  }[session.status];
  return `  ${session.chargePointId} transaction ${session.transactionId}  ${session.billedCdrId}  ${billed} → ${now} ${session.currency}  ${what}`;
}

/** The change per currency, incl. VAT, of the sessions whose price moved. */
function deltas(sessions: readonly RerateSession[]): string[] {
  const byCurrency = new Map<string, number>();
  for (const session of sessions) {
    if (session.status !== 'corrected' || session.newTotalInclVatMinor === null) continue;
    byCurrency.set(session.currency, (byCurrency.get(session.currency) ?? 0) + session.newTotalInclVatMinor - session.billedTotalInclVatMinor);
  }
  return [...byCurrency].map(([currency, minor]) => `${minor > 0 ? '+' : ''}${formatMinor(minor, currency)} ${currency}`);
}

export function rerateReport(completed: RerateCompleted): string[] {
  const heading = `re-rating ${completed.rerateId} of tariff ${completed.tariffId}, ${new Date(completed.from).toISOString()} to ${new Date(completed.to).toISOString()}${completed.dryRun ? ' (dry run: nothing written)' : ''}`;
  if (completed.error !== null) return [heading, `  not run: ${completed.error}`];
  const changed = completed.sessions.filter((s) => s.status === 'corrected').length;
  const verb = completed.dryRun ? 'would be corrected' : 'corrected';
  const change = deltas(completed.sessions);
  return [
    heading,
    ...completed.sessions.map(sessionLine),
    `${completed.sessions.length} sessions billed under the tariff in the period, ${changed} ${verb}${change.length > 0 ? `, change incl. VAT ${change.join(', ')}` : ''}`,
  ];
}
