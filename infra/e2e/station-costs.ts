// What the cost-showing stations of the billing end-to-end test received: the calls the CSMS made
// of them, read from the simulator's log of the calls it answered.
import type { DeviceVariable } from '../src/simulator/index.ts';

export interface ReceivedCall {
  readonly action: string;
  readonly payload: Record<string, unknown>;
}

/** A simulator log that keeps the CSMS's calls and wakes whoever waits for one. */
export function callRecorder() {
  const calls: ReceivedCall[] = [];
  const waiters: Array<{ matches: (call: ReceivedCall) => boolean; resolve: () => void }> = [];
  const log = (line: string) => {
    const match = /^⇐ (\w+) (.*)\n⇒/s.exec(line);
    if (match === null) return;
    const call = { action: match[1] as string, payload: JSON.parse(match[2] as string) as Record<string, unknown> };
    calls.push(call);
    for (const waiter of waiters.filter((w) => w.matches(call))) waiter.resolve();
  };
  /** Settles once a call that matches has come (at once if one has); fails after timeoutMs, so a missing call is an error, not a hang. */
  const received = (what: string, matches: (call: ReceivedCall) => boolean, timeoutMs = 30_000): Promise<void> => {
    if (calls.some(matches)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
      waiters.push({ matches, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  };
  return { calls, log, received };
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
