// F06: what a station sends when the CSMS triggers a message, or why it will not. The blocks this
// simulator does not play (firmware and log uploads, ISO 15118 certificates) are NotImplemented;
// a transaction message with no transaction to report is Rejected. Pure.
import type { Ocpp201 } from '@csms/contracts';
import type { StationContext } from './station-context.ts';
import { bootRequest201, meterValues, statusNotifications } from './station-messages.ts';
import { sampleTransaction } from './transaction-lifecycle.ts';

export type Triggered =
  | { readonly status: 'Accepted'; readonly messages: ReadonlyArray<readonly [action: string, payload: object]> }
  | { readonly status: 'Rejected' | 'NotImplemented' };

/** A certificate signing request's stand-in: the simulator holds no key pair. */
const SIMULATED_CSR = '-----BEGIN CERTIFICATE REQUEST-----\nU0lNVUxBVEVE\n-----END CERTIFICATE REQUEST-----\n';

const accepted = (action: string, payloads: readonly object[]): Triggered =>
  (payloads.length === 0 ? { status: 'Rejected' } : { status: 'Accepted', messages: payloads.map((p) => [action, p] as const) });

export function triggered(ctx: StationContext, p: Ocpp201.TriggerMessageRequest): Triggered {
  const { model } = ctx;
  const at = ctx.now();
  switch (p.requestedMessage) {
    case 'BootNotification': return accepted('BootNotification', [bootRequest201(ctx.id, 'Triggered')]);
    case 'Heartbeat': return accepted('Heartbeat', [{}]);
    case 'StatusNotification': return accepted('StatusNotification', statusNotifications(model, at, p.evse));
    case 'MeterValues': return accepted('MeterValues', meterValues(model, at, p.evse?.id));
    case 'TransactionEvent': {
      const running = [...model.transactions.values()].filter((t) => p.evse === undefined || t.evseId === p.evse.id);
      return accepted('TransactionEvent', running.map((t) => sampleTransaction(model, t, { at, triggerReason: 'Trigger' })));
    }
    case 'SignChargingStationCertificate':
      return accepted('SignCertificate', [{ csr: SIMULATED_CSR, certificateType: 'ChargingStationCertificate' }]);
    case 'LogStatusNotification':
    case 'FirmwareStatusNotification':
    case 'PublishFirmwareStatusNotification':
    case 'SignV2GCertificate':
    case 'SignCombinedCertificate':
      return { status: 'NotImplemented' };
    default: { const unknown: never = p.requestedMessage; return unknown; }
  }
}
