import { useState } from 'preact/hooks';
import type { Page, Tariff } from '../api/types.ts';
import { formatTime, orDash } from '../format.ts';
import { ErrorBox } from '../ui/error-box.tsx';
import { Pager } from '../ui/pager.tsx';
import { useSession } from '../ui/session-context.ts';
import { useResource } from '../ui/use-resource.ts';

const PAGE_SIZE = 50;

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
        <>
          <table data-testid="tariffs-table">
            <thead><tr><th>Id</th><th>Name</th><th>Currency</th><th>Version</th><th>Valid from</th><th>VAT</th><th>Updated</th></tr></thead>
            <tbody>
              {tariffs.data.items.map((tariff) => {
                const current = tariff.versions.find((v) => v.version === tariff.currentVersion);
                return (
                  <tr key={tariff.id} data-testid="tariff-row">
                    <td>{tariff.id}</td><td>{orDash(tariff.name)}</td><td>{tariff.currency}</td><td>{tariff.currentVersion}</td>
                    <td>{formatTime(current?.validFrom)}</td><td>{current === undefined ? '—' : `${current.vatRate} %`}</td>
                    <td>{formatTime(tariff.updatedAt)} <span class="muted">{orDash(tariff.updatedBy)}</span></td>
                  </tr>
                );
              })}
              {tariffs.data.items.length === 0 && <tr><td colSpan={7} class="empty">No tariff yet.</td></tr>}
            </tbody>
          </table>
          <Pager total={tariffs.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />
        </>
      )}
    </main>
  );
}
