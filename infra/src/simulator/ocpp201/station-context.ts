// What every handler of a CSMS call gets: the station's state, its clock, and how it sends
// messages of its own after answering.
import type { DeviceModel } from './device-model.ts';
import type { StationModel201 } from './station-model.ts';

export interface StationContext {
  readonly id: string;
  readonly model: StationModel201;
  readonly deviceModel: DeviceModel;
  readonly now: () => Date;
  /** Sends a CALL of the station's own, after the current reply is on its way. */
  readonly later: (action: string, payload: object) => void;
  /** Holds the follow-ups queued after this until `gate` settles. */
  readonly waitFor: (gate: () => Promise<unknown>) => void;
  /** At most this many variables per NotifyReport part. */
  readonly reportPartSize: number;
  /** A test's explicit gate: the last part of a report waits for it. */
  readonly beforeLastReportPart: () => Promise<unknown>;
  /** A01: the HTTP Basic password to connect with from now on. */
  readonly usePassword: (password: string) => void;
}
