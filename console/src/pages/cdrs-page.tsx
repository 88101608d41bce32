import { useState } from 'preact/hooks';
import type { Cdr, Page } from '../api/types.ts';
import { formatKwh, formatMoney, formatTime, orDash } from '../format.ts';
import { href } from '../routes.ts';
import { Badge } from '../ui/badge.tsx';
import { ErrorBox } from '../ui/error-box.tsx';
import { Pager } from '../ui/pager.tsx';
import { useSession } from '../ui/session-context.ts';
import { useResource } from '../ui/use-resource.ts';

const PAGE_SIZE = 50;

/** The CDRs billing issued, newest first, read-only. */
export function CdrsPage() {
  const { api } = useSession();
  const [offset, setOffset] = useState(0);
  const cdrs = useResource(() => api.get<Page<Cdr>>('/cdrs', { limit: PAGE_SIZE, offset }), [offset]);
  return (
    <main>
      <h1>CDRs</h1>
      <ErrorBox error={cdrs.error} />
      {cdrs.data !== undefined && (
        <>
          <table data-testid="cdrs-table">
            <thead><tr><th>CDR</th><th>Kind</th><th>Station</th><th>Session</th><th>Id tag</th><th>Stopped</th><th>Energy</th><th>Total incl. VAT</th></tr></thead>
            <tbody>
              {cdrs.data.items.map((cdr) => (
                <tr key={cdr.cdrId} data-testid="cdr-row">
                  <td>{cdr.cdrId}{cdr.creditedBy !== null && <div class="muted">credited by {cdr.creditedBy}</div>}</td>
                  <td><Badge text={cdr.kind} /></td>
                  <td><a href={href.station(cdr.chargePointId)}>{cdr.chargePointId}</a></td>
                  <td><a href={href.session(cdr.transactionId)}>{cdr.transactionId}</a></td>
                  <td>{orDash(cdr.idTag)}</td><td>{formatTime(cdr.stoppedAt)}</td><td>{formatKwh(cdr.energyWh)}</td>
                  <td>{formatMoney(cdr.totalInclVatMinor, cdr.currency)}</td>
                </tr>
              ))}
              {cdrs.data.items.length === 0 && <tr><td colSpan={8} class="empty">No CDR yet.</td></tr>}
            </tbody>
          </table>
          <Pager total={cdrs.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />
        </>
      )}
    </main>
  );
}
