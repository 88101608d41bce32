// What the station reported or accepted: its configuration (1.6) or device model (2.0.1), its
// local list, reservations, charging profiles and latest security events.
import type { ChargingProfile, Configuration, DeviceModel, LocalList, Page, Reservation, SecurityEvent } from '../api/types.ts';
import { formatTime, orDash } from '../format.ts';
import { Badge } from '../ui/badge.tsx';
import { ErrorBox } from '../ui/error-box.tsx';
import { useSession } from '../ui/session-context.ts';
import { useResource } from '../ui/use-resource.ts';

interface Props { readonly chargePointId: string; readonly protocol: string | null }

function useStationRead<T>(chargePointId: string, suffix: string, query?: Record<string, number>) {
  const { api } = useSession();
  return useResource(() => api.get<T>(`/charge-points/${encodeURIComponent(chargePointId)}${suffix}`, query), [chargePointId, suffix]);
}

function ConfigurationCard({ chargePointId }: { chargePointId: string }) {
  const config = useStationRead<Configuration>(chargePointId, '/configuration');
  return (
    <section class="card" data-testid="configuration">
      <h2>Configuration</h2>
      <ErrorBox error={config.error} />
      <table>
        <thead><tr><th>Key</th><th>Value</th><th>Read-only</th></tr></thead>
        <tbody>
          {config.data?.keys.map((k) => <tr key={k.key}><td>{k.key}</td><td class="mono">{orDash(k.value)}</td><td>{k.readonly ? 'yes' : ''}</td></tr>)}
          {config.data?.keys.length === 0 && <tr><td colSpan={3} class="empty">Not reported (send GetConfiguration).</td></tr>}
        </tbody>
      </table>
    </section>
  );
}

function VariablesCard({ chargePointId }: { chargePointId: string }) {
  const model = useStationRead<DeviceModel>(chargePointId, '/variables', { limit: 500 });
  return (
    <section class="card" data-testid="variables">
      <h2>Device model {model.data !== undefined && <span class="muted">{model.data.total} attributes{model.data.complete ? '' : ', report incomplete'}</span>}</h2>
      <ErrorBox error={model.error} />
      <table>
        <thead><tr><th>Component</th><th>Variable</th><th>Type</th><th>Value</th><th>Mutability</th></tr></thead>
        <tbody>
          {model.data?.variables.map((v) => (
            <tr key={`${v.component}.${v.componentInstance}.${v.evseId}.${v.connectorId}.${v.variable}.${v.variableInstance}.${v.attributeType}`}>
              <td>{v.component}{v.evseId !== null && <span class="muted"> EVSE {v.evseId}</span>}</td>
              <td>{v.variable}{v.variableInstance !== null && <span class="muted"> {v.variableInstance}</span>}</td>
              <td>{v.attributeType}</td><td class="mono">{orDash(v.value)}</td><td>{orDash(v.mutability)}</td>
            </tr>
          ))}
          {model.data?.variables.length === 0 && <tr><td colSpan={5} class="empty">Not reported (send GetBaseReport).</td></tr>}
        </tbody>
      </table>
    </section>
  );
}

function LocalListCard({ chargePointId }: Props) {
  const list = useStationRead<LocalList>(chargePointId, '/local-list');
  return (
    <section class="card" data-testid="local-list">
      <h2>Local list <span class="muted">sent v{orDash(list.data?.versionSent)}, reported v{orDash(list.data?.versionReported)}</span></h2>
      <ErrorBox error={list.error} />
      <table>
        <thead><tr><th>Id tag</th><th>Status</th><th>Expires</th></tr></thead>
        <tbody>
          {list.data?.entries.map((e) => <tr key={e.idTag}><td>{e.idTag}</td><td><Badge text={e.status} /></td><td>{formatTime(e.expiryDate)}</td></tr>)}
          {list.data?.entries.length === 0 && <tr><td colSpan={3} class="empty">Empty.</td></tr>}
        </tbody>
      </table>
    </section>
  );
}

function ReservationsCard({ chargePointId }: Props) {
  const reservations = useStationRead<Page<Reservation>>(chargePointId, '/reservations', { limit: 10 });
  return (
    <section class="card" data-testid="reservations">
      <h2>Reservations</h2>
      <ErrorBox error={reservations.error} />
      <table>
        <thead><tr><th>Id</th><th>Connector</th><th>Id tag</th><th>Status</th><th>Expires</th></tr></thead>
        <tbody>
          {reservations.data?.items.map((r) => (
            <tr key={r.reservationId}><td>{r.reservationId}</td><td>{orDash(r.connectorId)}</td><td>{orDash(r.idTag)}</td><td><Badge text={r.status} /></td><td>{formatTime(r.expiryDate)}</td></tr>
          ))}
          {reservations.data?.items.length === 0 && <tr><td colSpan={5} class="empty">None.</td></tr>}
        </tbody>
      </table>
    </section>
  );
}

function ChargingProfilesCard({ chargePointId }: Props) {
  const connectors = useStationRead<{ connectorId: number; profiles: ChargingProfile[] }[]>(chargePointId, '/charging-profiles');
  const profiles = connectors.data?.flatMap((c) => c.profiles) ?? [];
  return (
    <section class="card" data-testid="charging-profiles">
      <h2>Charging profiles</h2>
      <ErrorBox error={connectors.error} />
      <table>
        <thead><tr><th>Id</th><th>Connector</th><th>Stack level</th><th>Purpose</th><th>Valid</th></tr></thead>
        <tbody>
          {profiles.map((p) => (
            <tr key={`${p.connectorId}.${p.chargingProfileId}`}>
              <td>{p.chargingProfileId}</td><td>{p.connectorId}</td><td>{p.stackLevel}</td><td>{p.purpose}</td>
              <td>{formatTime(p.validFrom)} – {formatTime(p.validTo)}</td>
            </tr>
          ))}
          {connectors.data !== undefined && profiles.length === 0 && <tr><td colSpan={5} class="empty">None installed.</td></tr>}
        </tbody>
      </table>
    </section>
  );
}

function SecurityEventsCard({ chargePointId }: Props) {
  const events = useStationRead<Page<SecurityEvent>>(chargePointId, '/security-events', { limit: 10 });
  return (
    <section class="card" data-testid="security-events">
      <h2>Security events <span class="muted">latest 10</span></h2>
      <ErrorBox error={events.error} />
      <table>
        <thead><tr><th>At</th><th>Type</th><th>What</th></tr></thead>
        <tbody>
          {events.data?.items.map((e) => (
            <tr key={e.id}><td>{formatTime(e.at)}</td><td>{e.type}</td><td>{[e.eventType, e.reason, e.techInfo, e.detail].filter((x) => x !== null).join(' · ') || '—'}</td></tr>
          ))}
          {events.data?.items.length === 0 && <tr><td colSpan={3} class="empty">None.</td></tr>}
        </tbody>
      </table>
    </section>
  );
}

export function StationFacts(props: Props) {
  return (
    <div class="cards">
      {props.protocol === 'ocpp2.0.1' ? <VariablesCard chargePointId={props.chargePointId} /> : <ConfigurationCard chargePointId={props.chargePointId} />}
      <LocalListCard {...props} />
      <ReservationsCard {...props} />
      <ChargingProfilesCard {...props} />
      <SecurityEventsCard {...props} />
    </div>
  );
}
