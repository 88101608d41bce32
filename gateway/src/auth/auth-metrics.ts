// Station authentication in Prometheus: who got in with what, who was refused and why, and the
// lockout answers that are counted here instead of recorded one by one on csms.security.
import { Counter, type Registry } from 'prom-client';

export interface AuthMetrics {
  readonly stationsAdmitted: Counter<'profile'>;
  readonly stationsRefused: Counter<'reason'>;
  /** 429s to addresses (or identities from them) locked out after failed authentications, or with checks running. */
  readonly authLockedOut: Counter;
  /** 503s while every password-hash slot and the queue behind them were taken. */
  readonly authBusy: Counter;
  readonly passwordChecks: Counter<'source'>;
  readonly connectionsReplaced: Counter;
}

export function authMetrics(registers: Registry[]): AuthMetrics {
  return {
    stationsAdmitted: new Counter({
      name: 'csms_gateway_stations_admitted_total', help: 'Upgrades admitted, by the security profile the station proved',
      labelNames: ['profile'], registers,
    }),
    stationsRefused: new Counter({
      name: 'csms_gateway_stations_refused_total', help: 'Upgrades refused by station authentication, by reason',
      labelNames: ['reason'], registers,
    }),
    authLockedOut: new Counter({
      name: 'csms_gateway_auth_locked_out_total', help: 'Upgrades answered 429 because their address, or the identity from it, failed authentication too often',
      registers,
    }),
    authBusy: new Counter({
      name: 'csms_gateway_auth_busy_total', help: 'Upgrades answered 503 because every password-hash slot and its queue were taken',
      registers,
    }),
    passwordChecks: new Counter({
      name: 'csms_gateway_password_checks_total', help: 'Station password checks, answered from memory or by computing a hash',
      labelNames: ['source'], registers,
    }),
    connectionsReplaced: new Counter({
      name: 'csms_gateway_connections_replaced_total', help: 'Sockets closed because the station connected again', registers,
    }),
  };
}
