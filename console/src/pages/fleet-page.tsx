// The fleet: summary tiles, a server-side search and filters, one page of stations at a time.
// Live events patch the rows on screen; a station connecting off the page refetches it, at most
// once per 5 s, so 10,000 stations cost no more than one page.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { FleetPage as FleetPageData } from '../api/types.ts';
import { formatTime, orDash, securityProfiles, vendorModel } from '../format.ts';
import { applyToFleet } from '../live/fleet-reducer.ts';
import { browserTimers, throttle } from '../live/throttle.ts';
import { href } from '../routes.ts';
import { Badge } from '../ui/badge.tsx';
import { ErrorBox } from '../ui/error-box.tsx';
import { Pager } from '../ui/pager.tsx';
import { PAGE_SIZE } from '../ui/paged-table.tsx';
import { useSession } from '../ui/session-context.ts';
import { useDebounced } from '../ui/use-debounced.ts';
import { useLive } from '../ui/use-live.ts';
import { useResource } from '../ui/use-resource.ts';

const REFETCH_EVERY_MS = 5_000;

export function FleetPage() {
  const { api } = useSession();
  const [search, setSearch] = useState('');
  const [connected, setConnected] = useState('');
  const [protocol, setProtocol] = useState('');
  const [offset, setOffset] = useState(0);
  const settledSearch = useDebounced(search, 300);
  useEffect(() => setOffset(0), [settledSearch, connected, protocol]);

  const fleet = useResource(
    () => api.get<FleetPageData>('/fleet', { search: settledSearch, connected, protocol, limit: PAGE_SIZE, offset }),
    [settledSearch, connected, protocol, offset],
  );
  const refetch = useMemo(() => throttle(fleet.reload, REFETCH_EVERY_MS, browserTimers), [fleet.reload]);
  useEffect(() => () => refetch.cancel(), [refetch]);
  useLive((event) => {
    let wanted = false;
    fleet.update((page) => {
      const { page: next, refetch: again } = applyToFleet(page, event);
      wanted = again;
      return next;
    });
    if (wanted) refetch.request();
  });

  const data = fleet.data;
  return (
    <main>
      <h1>Fleet</h1>
      {data !== undefined && (
        <section class="tiles">
          <div class="tile" data-testid="tile-stations"><span>Stations</span><strong>{data.summary.stations}</strong></div>
          <div class="tile" data-testid="tile-connected"><span>Connected</span><strong>{data.summary.connected}</strong></div>
          {Object.entries(data.summary.protocols).map(([name, count]) => (
            <div class="tile" key={name}><span>{name}</span><strong>{count}</strong></div>
          ))}
        </section>
      )}
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <input
          type="search" placeholder="Search id, name, vendor, model, firmware" value={search} data-testid="fleet-search"
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
        <select value={connected} data-testid="fleet-connected-filter" onChange={(e) => setConnected(e.currentTarget.value)}>
          <option value="">Any connection</option>
          <option value="true">Connected</option>
          <option value="false">Disconnected</option>
        </select>
        <select value={protocol} data-testid="fleet-protocol-filter" onChange={(e) => setProtocol(e.currentTarget.value)}>
          <option value="">Any protocol</option>
          <option value="ocpp1.6">OCPP 1.6</option>
          <option value="ocpp2.0.1">OCPP 2.0.1</option>
        </select>
      </form>
      <ErrorBox error={fleet.error} />
      {data !== undefined && (
        <>
          <table data-testid="fleet-table">
            <thead>
              <tr><th>Station</th><th>Connection</th><th>Node</th><th>Protocol</th><th>Security</th><th>Vendor / model</th><th>Firmware</th><th>Last boot</th></tr>
            </thead>
            <tbody>
              {data.items.map((row) => (
                <tr key={row.id} data-testid="fleet-row" data-station={row.id}>
                  <td><a href={href.station(row.id)}>{row.id}</a>{row.name !== null && <div class="muted">{row.name}</div>}</td>
                  <td><Badge text={row.connected ? 'connected' : 'disconnected'} testId="fleet-connection" /></td>
                  <td>{orDash(row.node)}</td>
                  <td>{orDash(row.protocol)}</td>
                  <td>{securityProfiles(row.securityProfile, row.requiredSecurityProfile)}</td>
                  <td>{vendorModel(row.vendor, row.model)}</td>
                  <td>{orDash(row.firmwareVersion)}</td>
                  <td>{formatTime(row.lastBootAt)}</td>
                </tr>
              ))}
              {data.items.length === 0 && <tr><td colSpan={8} class="empty">No station matches.</td></tr>}
            </tbody>
          </table>
          <Pager total={data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />
        </>
      )}
    </main>
  );
}
