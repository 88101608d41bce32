import { useState } from 'preact/hooks';
import type { Cdr, Page } from '../api/types.ts';
import { formatKwh, formatMoney, formatTime, orDash } from '../format.ts';
import { href } from '../routes.ts';
import { Badge } from '../ui/badge.tsx';
import { ErrorBox } from '../ui/error-box.tsx';
import { PAGE_SIZE, PagedTable } from '../ui/paged-table.tsx';
import { useSession } from '../ui/session-context.ts';
import { useResource } from '../ui/use-resource.ts';

const COLUMNS = ['CDR', 'Kind', 'Station', 'Session', 'Id tag', 'Stopped', 'Energy', 'Total incl. VAT'];

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
        <PagedTable page={cdrs.data} offset={offset} onOffset={setOffset} testId="cdrs-table" columns={COLUMNS} empty="No CDR yet." row={(cdr) => (
          <tr key={cdr.cdrId} data-testid="cdr-row">
            <td>{cdr.cdrId}{cdr.creditedBy !== null && <div class="muted">credited by {cdr.creditedBy}</div>}</td>
            <td><Badge text={cdr.kind} /></td>
            <td><a href={href.station(cdr.chargePointId)}>{cdr.chargePointId}</a></td>
            <td><a href={href.session(cdr.transactionId)}>{cdr.transactionId}</a></td>
            <td>{orDash(cdr.idTag)}</td><td>{formatTime(cdr.stoppedAt)}</td><td>{formatKwh(cdr.energyWh)}</td>
            <td>{formatMoney(cdr.totalInclVatMinor, cdr.currency)}</td>
          </tr>
        )} />
      )}
    </main>
  );
}
