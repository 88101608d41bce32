// Dead letters (admins): what a processor or projection set aside and why, with a re-drive per
// open letter; the page waits a few seconds for its outcome, then shows it (re-driven, or why not).
import { useState } from 'preact/hooks';
import type { ApiError } from '../api/client.ts';
import type { DeadLetter, Page } from '../api/types.ts';
import { formatTime, orDash } from '../format.ts';
import { Badge } from '../ui/badge.tsx';
import { ErrorBox } from '../ui/error-box.tsx';
import { PAGE_SIZE, PagedTable } from '../ui/paged-table.tsx';
import { useSession } from '../ui/session-context.ts';
import { asApiError, useResource } from '../ui/use-resource.ts';

const COLUMNS = ['Recorded', 'Consumer', 'Source', 'Key', 'Reason', 'Status', ''];
/** How long a re-drive is waited for before the list shows it as it then stands. */
const REDRIVE_WAIT_SECONDS = 10;

export function DeadLettersPage() {
  const { api } = useSession();
  const [offset, setOffset] = useState(0);
  const [status, setStatus] = useState('open');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const letters = useResource(() => api.get<Page<DeadLetter>>('/dead-letters', { status, limit: PAGE_SIZE, offset }), [status, offset]);

  async function redrive(letter: DeadLetter): Promise<void> {
    setBusy(letter.id);
    setError(undefined);
    try {
      await api.send('POST', `/dead-letters/${encodeURIComponent(letter.id)}/redrive?wait=${REDRIVE_WAIT_SECONDS}`);
      letters.reload();
    } catch (cause) {
      setError(asApiError(cause));
    } finally {
      setBusy(null);
    }
  }

  return (
    <main>
      <h1>Dead letters</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <select value={status} onChange={(e) => { setStatus(e.currentTarget.value); setOffset(0); }}>
          <option value="open">Open</option><option value="redriven">Re-driven</option><option value="">All</option>
        </select>
      </form>
      <ErrorBox error={letters.error ?? error} testId="dead-letter-error" />
      {letters.data !== undefined && (
        <PagedTable page={letters.data} offset={offset} onOffset={setOffset} testId="dead-letters-table" columns={COLUMNS} empty="Nothing set aside." row={(letter) => (
          <tr key={letter.id} data-testid="dead-letter-row">
            <td>{formatTime(letter.recordedAt)}</td><td>{letter.consumer}</td>
            <td class="mono">{letter.sourceTopic}[{letter.partition}]@{letter.offset} <span class="muted">{letter.valueBytes} B</span></td>
            <td>{orDash(letter.key)}</td>
            <td><strong>{letter.reason}</strong><div class="muted mono">{letter.error}</div></td>
            <td>
              <Badge text={letter.status} />
              {letter.redriveOutcome !== null && <div class="muted">{letter.redriveOutcome} by {orDash(letter.redrivenBy)}</div>}
              {letter.lastRedriveError !== null && (
                <div class="problem" data-testid="dead-letter-redrive-error">
                  re-drive failed {formatTime(letter.lastRedriveAttemptAt)}: {letter.lastRedriveError}
                </div>
              )}
            </td>
            <td>
              {letter.status === 'open' && (
                <button type="button" disabled={busy !== null} data-testid="dead-letter-redrive" onClick={() => void redrive(letter)}>
                  {busy === letter.id ? 'Re-driving…' : 'Re-drive'}
                </button>
              )}
            </td>
          </tr>
        )} />
      )}
    </main>
  );
}
