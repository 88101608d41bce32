// How a simulated 2.0.1 station answers every call the CSMS's 2.0.1 table lists: one handler per
// csmsCalls row (the compiler holds the two together), grouped by functional block.
import type { Ocpp201, ocpp201Table } from '@csms/contracts';
import type { CallHandler } from '../answer-calls.ts';
import { authorizationHandlers } from './authorization-handlers.ts';
import { availabilityHandlers } from './availability-handlers.ts';
import { provisioningHandlers } from './provisioning-handlers.ts';
import { remoteControlHandlers } from './remote-control-handlers.ts';
import { securityHandlers } from './security-handlers.ts';
import type { StationContext } from './station-context.ts';

export type Csms201Action = keyof typeof ocpp201Table.csmsCalls;

export function commandHandlers201(ctx: StationContext): Record<Csms201Action, CallHandler> {
  return {
    ...securityHandlers(ctx),
    ...provisioningHandlers(ctx),
    ...authorizationHandlers(ctx),
    ...remoteControlHandlers(ctx),
    ...availabilityHandlers(ctx),
    // P01: the simulator knows every vendor and echoes what it was sent.
    DataTransfer: (p: Ocpp201.DataTransferRequest): Ocpp201.DataTransferResponse =>
      ({ status: 'Accepted', ...(p.data === undefined ? {} : { data: p.data as Ocpp201.DataTransferResponse['data'] }) }),
    // I02: the answer says nothing; the simulator shows its session's cost from the REST API instead.
    CostUpdated: (): Ocpp201.CostUpdatedResponse => ({}),
  };
}
