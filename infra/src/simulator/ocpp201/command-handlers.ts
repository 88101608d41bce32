// How a simulated 2.0.1 station answers every call the CSMS's 2.0.1 table lists: one handler per
// csmsCalls row (the compiler holds the two together), grouped by functional block.
import type { RPCClient } from 'ocpp-rpc';
import type { Ocpp201, ocpp201Table } from '@csms/contracts';
import { authorizationHandlers } from './authorization-handlers.ts';
import { availabilityHandlers } from './availability-handlers.ts';
import { provisioningHandlers } from './provisioning-handlers.ts';
import { remoteControlHandlers } from './remote-control-handlers.ts';
import { securityHandlers } from './security-handlers.ts';
import type { Handler, StationContext } from './station-context.ts';

export type Csms201Action = keyof typeof ocpp201Table.csmsCalls;

export function commandHandlers201(ctx: StationContext): Record<Csms201Action, Handler> {
  return {
    ...securityHandlers(ctx),
    ...provisioningHandlers(ctx),
    ...authorizationHandlers(ctx),
    ...remoteControlHandlers(ctx),
    ...availabilityHandlers(ctx),
    // P01: the simulator knows every vendor and echoes what it was sent.
    DataTransfer: (p: Ocpp201.DataTransferRequest): Ocpp201.DataTransferResponse =>
      ({ status: 'Accepted', ...(p.data === undefined ? {} : { data: p.data as Ocpp201.DataTransferResponse['data'] }) }),
  };
}

export function registerCommandHandlers201(client: RPCClient, handlers: Record<Csms201Action, Handler>, log: (line: string) => void): void {
  for (const [action, handle] of Object.entries(handlers)) {
    client.handle(action, async ({ params }) => {
      const response = handle(params as never);
      log(`⇐ ${action} ${JSON.stringify(params)}\n⇒ ${JSON.stringify(response)}`);
      return response as Record<string, unknown>;
    });
  }
}
