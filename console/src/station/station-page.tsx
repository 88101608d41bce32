// One station: its connection, connectors and commands, patched by live events; what it
// reported; and, for operators, the command form.
import { allows } from '../api/roles.ts';
import type { ChargePointDetail, Command, Page } from '../api/types.ts';
import { formatTime, orDash, securityProfiles, vendorModel } from '../format.ts';
import { applyToStation, COMMANDS_SHOWN, type StationView } from '../live/station-reducer.ts';
import { Badge } from '../ui/badge.tsx';
import { ErrorBox } from '../ui/error-box.tsx';
import { useSession } from '../ui/session-context.ts';
import { useLive } from '../ui/use-live.ts';
import { useResource } from '../ui/use-resource.ts';
import { CommandForm } from './command-form.tsx';
import { CommandsTable } from './commands-table.tsx';
import { StationFacts } from './station-facts.tsx';

function Header({ station }: { station: ChargePointDetail }) {
  const connected = station.connection?.connected === true;
  return (
    <section class="card">
      <h1>{station.id} {station.name !== null && <span class="muted">{station.name}</span>}</h1>
      <dl class="facts">
        <dt>Connection</dt><dd><Badge text={connected ? 'connected' : 'disconnected'} testId="station-connection" /></dd>
        <dt>Node</dt><dd data-testid="station-node">{orDash(station.connection?.node)}</dd>
        <dt>Protocol</dt><dd data-testid="station-protocol">{orDash(station.protocol)}</dd>
        <dt>Security profile</dt><dd>{securityProfiles(station.connection?.securityProfile ?? null, station.securityProfile)}</dd>
        <dt>Vendor / model</dt><dd>{vendorModel(station.vendor, station.model)}</dd>
        <dt>Firmware</dt><dd data-testid="station-firmware">{orDash(station.firmwareVersion)}</dd>
        <dt>Last boot</dt><dd>{formatTime(station.lastBootAt)}</dd>
        <dt>{connected ? 'Connected since' : 'Disconnected since'}</dt>
        <dd>{formatTime(connected ? station.connection?.connectedAt : station.connection?.disconnectedAt)}</dd>
      </dl>
    </section>
  );
}

function Connectors({ station }: { station: ChargePointDetail }) {
  const twoZero = station.protocol === 'ocpp2.0.1';
  return (
    <section class="card">
      <h2>Connectors</h2>
      <table data-testid="connectors-table">
        <thead><tr><th>{twoZero ? 'EVSE' : 'Connector'}</th>{twoZero && <th>Connector</th>}<th>Status</th><th>Error</th><th>Since</th></tr></thead>
        <tbody>
          {station.connectors.map((c) => (
            <tr key={`${c.connectorId}.${c.evseConnectorId ?? ''}`} data-testid="connector-row" data-connector={c.connectorId}>
              <td>{c.connectorId}</td>{twoZero && <td>{orDash(c.evseConnectorId)}</td>}
              <td><Badge text={c.status} testId="connector-status" /></td>
              <td>{c.errorCode === undefined || c.errorCode === 'NoError' ? '—' : c.errorCode}</td>
              <td>{formatTime(c.statusAt)}</td>
            </tr>
          ))}
          {station.connectors.length === 0 && <tr><td colSpan={5} class="empty">No connector reported yet.</td></tr>}
        </tbody>
      </table>
    </section>
  );
}

export function StationPage({ id }: { id: string }) {
  const { api, me } = useSession();
  const path = `/charge-points/${encodeURIComponent(id)}`;
  const view = useResource<StationView>(async () => {
    const [station, commands] = await Promise.all([
      api.get<ChargePointDetail>(path), api.get<Page<Command>>(`${path}/commands`, { limit: COMMANDS_SHOWN }),
    ]);
    return { station, commands: commands.items };
  }, [id]);
  useLive((event) => {
    view.update((current) => applyToStation(current, event));
    // The event carries the final status; the answer, its times and who asked are read once from
    // the read model, which already shows the completion (the api holds live events until then).
    if (event.topic === 'commands' && event.type === 'CommandCompleted' && event.chargePointId === id) {
      void api.get<Command>(`/commands/${encodeURIComponent(event.commandId)}`).then((command) => view.update((current) => ({
        ...current, commands: current.commands.map((c) => (c.id === command.id ? command : c)),
      })), () => undefined);
    }
  });

  if (view.data === undefined) return <main><ErrorBox error={view.error} />{view.loading && <p class="loading">Loading {id}…</p>}</main>;
  const { station, commands } = view.data;
  const addCommand = (command: Command) => view.update((current) => ({
    ...current, commands: current.commands.some((c) => c.id === command.id) ? current.commands : [command, ...current.commands],
  }));
  return (
    <main>
      <Header station={station} />
      <div class="cards">
        <Connectors station={station} />
        {allows(me.role, 'operator') && <CommandForm chargePointId={station.id} protocol={station.protocol} onSent={addCommand} />}
      </div>
      <CommandsTable commands={commands} />
      <StationFacts chargePointId={station.id} protocol={station.protocol} />
    </main>
  );
}
