// Test support: a station context whose follow-ups are collected rather than sent, and the
// official 2.0.1 schemas to hold every payload to.
import type { OcppDirection } from '@csms/contracts';
import { assertValidOcpp } from '../test-ocpp-schemas.ts';
import { defaultDeviceModel, type EvseLayout } from './default-device-model.ts';
import type { StationContext } from './station-context.ts';
import { newStationModel201 } from './station-model.ts';

/** Fails naming the action and the first schema error. */
export function assertValid201(action: string, direction: OcppDirection, payload: unknown): void {
  assertValidOcpp('ocpp2.0.1', action, direction, payload);
}

export interface TestStation {
  readonly context: StationContext;
  /** The follow-ups the handlers queued, in order. */
  readonly sent: Array<readonly [action: string, payload: object]>;
  readonly passwords: string[];
}

export function testStation(evses: readonly EvseLayout[] = [{ id: 1, connectors: 1 }, { id: 2, connectors: 1 }], reportPartSize = 10): TestStation {
  const sent: Array<readonly [string, object]> = [];
  const passwords: string[] = [];
  const context: StationContext = {
    id: 'TEST-CS', model: newStationModel201(evses), deviceModel: defaultDeviceModel('TEST-CS', evses),
    now: () => new Date('2025-03-01T12:00:00.000Z'),
    later: (action, payload) => { sent.push([action, payload]); },
    waitFor: () => undefined,
    reportPartSize,
    beforeLastReportPart: async () => undefined,
    usePassword: (password) => { passwords.push(password); },
  };
  return { context, sent, passwords };
}
