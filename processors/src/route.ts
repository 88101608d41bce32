// A route: the decider that owns a record, or a follow-up of one, and the command it takes; and
// what routing an ocpp.inbound record may read.
import type { ProcessorSettings, Tables } from './deciders/context.ts';
import type { StationCommand } from './deciders/station.ts';
import type { AuthorizationCommand } from './deciders/authorization.ts';
import type { SessionsCommand } from './deciders/sessions.ts';
import type { CommandsCommand } from './deciders/commands.ts';
import type { ReservationsCommand } from './deciders/reservations.ts';
import type { BillingCommand } from './deciders/billing.ts';
import type { SecurityCommand } from './deciders/security.ts';
import type { FirmwareDiagnosticsCommand } from './deciders/firmware-diagnostics.ts';
import type { LocalListsCommand } from './deciders/local-lists.ts';
import type { ChargingProfilesCommand } from './deciders/charging-profiles.ts';
import type { DeviceModelCommand } from './deciders/device-model.ts';
import type { CostDisplayCommand } from './deciders/cost-display.ts';

export type Route =
  | { readonly decider: 'station'; readonly command: StationCommand }
  | { readonly decider: 'authorization'; readonly command: AuthorizationCommand }
  | { readonly decider: 'sessions'; readonly command: SessionsCommand }
  | { readonly decider: 'commands'; readonly command: CommandsCommand }
  | { readonly decider: 'reservations'; readonly command: ReservationsCommand }
  | { readonly decider: 'billing'; readonly command: BillingCommand }
  | { readonly decider: 'security'; readonly command: SecurityCommand }
  | { readonly decider: 'firmwareDiagnostics'; readonly command: FirmwareDiagnosticsCommand }
  | { readonly decider: 'localLists'; readonly command: LocalListsCommand }
  | { readonly decider: 'chargingProfiles'; readonly command: ChargingProfilesCommand }
  | { readonly decider: 'deviceModel'; readonly command: DeviceModelCommand }
  | { readonly decider: 'costDisplay'; readonly command: CostDisplayCommand };

/** The deciders that keep nothing between messages: no state in memory, no snapshot. */
export type StatelessDeciderName = 'security' | 'firmwareDiagnostics' | 'localLists' | 'chargingProfiles' | 'deviceModel';

/** The deciders that keep state per charge point, in memory and in snapshots. */
export type DeciderName = Exclude<Route['decider'], StatelessDeciderName>;

export interface RouteContext {
  readonly tables: Tables;
  readonly settings: ProcessorSettings;
  readonly transactionIdCandidate: number;
  /** The security profile the connection the record came on proved (the station decider's view); null when unknown. */
  readonly connectionProfile: number | null;
}
