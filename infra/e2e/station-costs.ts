// What the cost-showing stations of the billing end-to-end test received: the calls the CSMS made
// of them, as their sockets saw them.
import type { RPCClient } from 'ocpp-rpc';
import type { DeviceVariable } from '../src/simulator/index.ts';

export interface ReceivedCall {
  readonly action: string;
  readonly payload: Record<string, unknown>;
}

/** Every CALL the CSMS sends on this station's socket from now on, in order. */
export function receivedCalls(client: Pick<RPCClient, 'on'>): ReceivedCall[] {
  const calls: ReceivedCall[] = [];
  client.on('message', ({ message, outbound }: { message: string; outbound: boolean }) => {
    const frame = JSON.parse(message) as unknown[];
    if (!outbound && frame[0] === 2) calls.push({ action: String(frame[2]), payload: frame[3] as Record<string, unknown> });
  });
  return calls;
}

/** A California Pricing DataTransfer's message and its data, or null for any other call. */
export function costMessage(call: ReceivedCall): { messageId: string; data: Record<string, unknown> } | null {
  if (call.action !== 'DataTransfer' || call.payload.vendorId !== 'org.openchargealliance.costmsg') return null;
  return { messageId: String(call.payload.messageId), data: JSON.parse(String(call.payload.data)) as Record<string, unknown> };
}

/** TariffCostCtrlr.Enabled[Cost] as a 2.0.1 station that can show cost has it, off until an operator turns it on. */
export const costDisplayVariable: DeviceVariable = {
  component: { name: 'TariffCostCtrlr' },
  variable: { name: 'Enabled', instance: 'Cost' },
  characteristics: { dataType: 'boolean', supportsMonitoring: false },
  attributes: [{ type: 'Actual', value: 'false', mutability: 'ReadWrite', persistent: true, constant: false }],
};
