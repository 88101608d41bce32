import { useState } from 'preact/hooks';
import type { Page, Transaction } from '../api/types.ts';
import { formatDuration, formatKwh, formatTime, orDash } from '../format.ts';
import { href } from '../routes.ts';
import { Badge } from '../ui/badge.tsx';
import { ErrorBox } from '../ui/error-box.tsx';
import { Pager } from '../ui/pager.tsx';
import { PAGE_SIZE } from '../ui/paged-table.tsx';
import { useSession } from '../ui/session-context.ts';
import { useDebounced } from '../ui/use-debounced.ts';
import { useResource } from '../ui/use-resource.ts';


/** Charging sessions (GET /transactions), active or finished, optionally of one station. */
export function SessionsPage() {
  const { api } = useSession();
  const [status, setStatus] = useState('');
  const [station, setStation] = useState('');
  const [offset, setOffset] = useState(0);
  const chargePointId = useDebounced(station.trim(), 300);
  const sessions = useResource(
    () => api.get<Page<Transaction>>('/transactions', { status, chargePointId, limit: PAGE_SIZE, offset }),
    [status, chargePointId, offset],
  );
  return (
    <main>
      <h1>Sessions</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <select value={status} data-testid="sessions-status-filter" onChange={(e) => { setStatus(e.currentTarget.value); setOffset(0); }}>
          <option value="">Active and finished</option>
          <option value="Active">Active</option>
          <option value="Completed">Finished</option>
        </select>
        <input placeholder="Station id" value={station} data-testid="sessions-station-filter" onInput={(e) => { setStation(e.currentTarget.value); setOffset(0); }} />
      </form>
      <ErrorBox error={sessions.error} />
      {sessions.data !== undefined && (
        <>
          <table data-testid="sessions-table">
            <thead><tr><th>Session</th><th>Station</th><th>Connector</th><th>Id tag</th><th>Status</th><th>Started</th><th>Duration</th><th>Energy</th></tr></thead>
            <tbody>
              {sessions.data.items.map((t) => (
                <tr key={t.transactionId} data-testid="session-row">
                  <td><a href={href.session(t.transactionId)}>{t.transactionId}</a></td>
                  <td><a href={href.station(t.chargePointId)}>{t.chargePointId}</a></td>
                  <td>{orDash(t.connectorId)}</td><td>{orDash(t.idTag)}</td><td><Badge text={t.status} /></td>
                  <td>{formatTime(t.startedAt)}</td><td>{formatDuration(t.durationSeconds)}</td><td>{formatKwh(t.energyWh)}</td>
                </tr>
              ))}
              {sessions.data.items.length === 0 && <tr><td colSpan={8} class="empty">No session.</td></tr>}
            </tbody>
          </table>
          <Pager total={sessions.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />
        </>
      )}
    </main>
  );
}
