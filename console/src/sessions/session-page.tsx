// One session: its facts, its energy over time (refreshed on its live meter values, at most
// once per 5 s), what it costs, and its CDR once billing issued one.
import { useEffect, useMemo } from 'preact/hooks';
import { ApiError } from '../api/client.ts';
import type { Cdr, SessionCost, TransactionDetail } from '../api/types.ts';
import { formatDuration, formatKwh, formatMoney, formatTime, orDash } from '../format.ts';
import { browserTimers, throttle } from '../live/throttle.ts';
import { href } from '../routes.ts';
import { Badge } from '../ui/badge.tsx';
import { ErrorBox } from '../ui/error-box.tsx';
import { useSession } from '../ui/session-context.ts';
import { useLive } from '../ui/use-live.ts';
import { useResource } from '../ui/use-resource.ts';
import { EnergyChart } from './energy-chart.tsx';
import { energySeries } from './energy-series.ts';

const REFRESH_EVERY_MS = 5_000;

type Billing = { billed: false } | { billed: true; cost: SessionCost; cdr: Cdr | null };

function Facts({ t }: { t: TransactionDetail }) {
  return (
    <section class="card">
      <h1>Session {t.transactionId} <Badge text={t.status} testId="session-status" /></h1>
      <dl class="facts">
        <dt>Station</dt><dd><a href={href.station(t.chargePointId)}>{t.chargePointId}</a> connector {orDash(t.connectorId)}</dd>
        {t.stationTransactionId != null && <><dt>Station's id</dt><dd>{t.stationTransactionId}</dd></>}
        <dt>Id tag</dt><dd>{orDash(t.idTag)}</dd>
        <dt>Started</dt><dd>{formatTime(t.startedAt)}</dd>
        <dt>Stopped</dt><dd>{formatTime(t.stoppedAt)} {t.stopReason !== null && <span class="muted">{t.stopReason}</span>}</dd>
        <dt>Duration</dt><dd>{formatDuration(t.durationSeconds)}</dd>
        <dt>Energy</dt><dd data-testid="session-energy">{formatKwh(t.energyWh)}</dd>
      </dl>
    </section>
  );
}

function BillingCard({ billing }: { billing: Billing }) {
  if (!billing.billed) return <section class="card" data-testid="session-cost"><h2>Cost</h2><p class="muted">Not billed.</p></section>;
  const { cost, cdr } = billing;
  return (
    <section class="card" data-testid="session-cost">
      <h2>Cost {cost.final ? <Badge text="Final" /> : <span class="muted">running, as of {formatTime(cost.asOf)}</span>}</h2>
      <dl class="facts">
        <dt>Tariff</dt><dd>{cost.tariffId}</dd>
        <dt>Excl. VAT</dt><dd>{formatMoney(cost.totalExclVatMinor, cost.currency)}</dd>
        <dt>VAT</dt><dd>{formatMoney(cost.vatMinor, cost.currency)}</dd>
        <dt>Incl. VAT</dt><dd><strong>{formatMoney(cost.totalInclVatMinor, cost.currency)}</strong></dd>
        {cdr !== null && <><dt>CDR</dt><dd data-testid="session-cdr">{cdr.cdrId} <Badge text={cdr.kind} /> issued {formatTime(cdr.issuedAt)}</dd></>}
      </dl>
    </section>
  );
}

export function SessionPage({ id }: { id: string }) {
  const { api } = useSession();
  const session = useResource(() => api.get<TransactionDetail>(`/transactions/${encodeURIComponent(id)}`), [id]);
  const billing = useResource<Billing>(async () => {
    try {
      const cost = await api.get<SessionCost>(`/transactions/${encodeURIComponent(id)}/cost`);
      const cdr = cost.cdrId === null ? null : await api.get<Cdr>(`/cdrs/${encodeURIComponent(cost.cdrId)}`);
      return { billed: true, cost, cdr };
    } catch (cause) {
      // 404 COST_NOT_FOUND is the normal answer for a session no tariff prices.
      if (cause instanceof ApiError && cause.code === 'COST_NOT_FOUND') return { billed: false };
      throw cause;
    }
  }, [id]);
  const refresh = useMemo(() => throttle(() => { session.reload(); billing.reload(); }, REFRESH_EVERY_MS, browserTimers), [session.reload, billing.reload]);
  useEffect(() => () => refresh.cancel(), [refresh]);
  useLive((event) => {
    const t = session.data;
    if (t === undefined || event.topic !== 'sessions' || event.chargePointId !== t.chargePointId) return;
    // The event names the CSMS's number or, for 2.0.1, the station's own transaction id.
    if (event.transactionId !== String(t.transactionId) && event.transactionId !== t.stationTransactionId) return;
    if (event.type === 'MeterValuesSampled' || event.type === 'TransactionStopped' || event.type === 'TransactionUpdated') refresh.request();
  });
  const series = useMemo(() => energySeries(session.data?.meterValues ?? [], session.data), [session.data]);

  if (session.data === undefined) return <main><ErrorBox error={session.error} />{session.loading && <p class="loading">Loading session {id}…</p>}</main>;
  return (
    <main>
      <div class="cards">
        <Facts t={session.data} />
        {billing.data !== undefined && <BillingCard billing={billing.data} />}
        <ErrorBox error={billing.error} />
      </div>
      <section class="card">
        <h2>Energy</h2>
        <EnergyChart series={series} />
      </section>
    </main>
  );
}
