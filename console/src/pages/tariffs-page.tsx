import { useState } from 'preact/hooks';
import type { Page, Tariff } from '../api/types.ts';
import { formatTime, orDash } from '../format.ts';
import { ErrorBox } from '../ui/error-box.tsx';
import { PAGE_SIZE, PagedTable } from '../ui/paged-table.tsx';
import { useSession } from '../ui/session-context.ts';
import { useResource } from '../ui/use-resource.ts';

const COLUMNS = ['Id', 'Name', 'Currency', 'Version', 'Valid from', 'VAT', 'Updated'];

/** The tariffs, read-only: each with its newest version's validity and VAT. */
export function TariffsPage() {
  const { api } = useSession();
  const [offset, setOffset] = useState(0);
  const tariffs = useResource(() => api.get<Page<Tariff>>('/tariffs', { limit: PAGE_SIZE, offset }), [offset]);
  return (
    <main>
      <h1>Tariffs</h1>
      <ErrorBox error={tariffs.error} />
      {tariffs.data !== undefined && (
        <PagedTable page={tariffs.data} offset={offset} onOffset={setOffset} testId="tariffs-table" columns={COLUMNS} empty="No tariff yet." row={(tariff) => {
          const current = tariff.versions.find((v) => v.version === tariff.currentVersion);
          return (
            <tr key={tariff.id} data-testid="tariff-row">
              <td>{tariff.id}</td><td>{orDash(tariff.name)}</td><td>{tariff.currency}</td><td>{tariff.currentVersion}</td>
              <td>{formatTime(current?.validFrom)}</td><td>{current === undefined ? '—' : `${current.vatRate} %`}</td>
              <td>{formatTime(tariff.updatedAt)} <span class="muted">{orDash(tariff.updatedBy)}</span></td>
            </tr>
          );
        }} />
      )}
    </main>
  );
}
