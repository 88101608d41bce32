// A whole OCPP 2.0.1 charging session, step by step, as the 1.6 seed workflow plays one: boot
// (B01), heartbeat, the connectors' status (G01), authorize (C01), a transaction started with the
// token and its register (E01), periodic updates (J02) and its end (E06), status again. The first
// step that fails ends it (session-steps.ts).
import type { Ocpp201 } from '@csms/contracts';
import { sessionSteps, type StepListener, type WorkflowStep } from '../session-steps.ts';
import type { SimulatedChargingStation } from './charging-station.ts';
import { bootRequest201, statusNotifications } from './station-messages.ts';
import { closeTransaction, openTransaction, sampleTransaction } from './transaction-lifecycle.ts';

export interface Session201Options {
  readonly idToken: Ocpp201.IdTokenType;
  readonly evseId?: number;
  readonly meterStartWh?: number;
  readonly energyWh?: number;
  readonly samples?: number;
  /** The station's clock: where the session's timestamps start. */
  readonly startAt?: Date;
  /** The station's id for the transaction; a fresh UUID by default. */
  readonly transactionId?: string;
  readonly stoppedReason?: Ocpp201.ReasonEnumType;
}

export interface Session201Result {
  readonly steps: WorkflowStep[];
  /** The station's id for the transaction. */
  readonly transactionId: string;
}

export async function playSession201(
  cs: Pick<SimulatedChargingStation, 'id' | 'call' | 'model'>, options: Session201Options, onStep: StepListener = () => undefined,
): Promise<Session201Result> {
  const evseId = options.evseId ?? 1;
  const meterStart = options.meterStartWh ?? 0;
  const energy = options.energyWh ?? 25_500;
  const samples = options.samples ?? 3;
  const t0 = (options.startAt ?? new Date()).getTime();
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);
  const { steps, step } = sessionSteps(cs.call, onStep);
  const statuses = async (when: Date, evse?: Ocpp201.EVSEType) => {
    for (const status of statusNotifications(cs.model, when, evse)) await step('StatusNotification', status);
  };

  await step('BootNotification', bootRequest201(cs.id, 'PowerUp'));
  await step('Heartbeat', {});
  await statuses(at(0));
  await step('Authorize', { idToken: options.idToken });
  const { transaction, event } = openTransaction(cs.model, {
    evseId, idToken: options.idToken, meterWh: meterStart, at: at(0),
    ...(options.transactionId === undefined ? {} : { transactionId: options.transactionId }),
  });
  await step('TransactionEvent', event);
  await statuses(at(0), { id: evseId });
  for (let i = 1; i <= samples; i += 1) {
    const meterWh = Math.round(meterStart + (energy * i) / (samples + 1));
    await step('TransactionEvent', sampleTransaction(cs.model, transaction, { at: at(i * 5), meterWh, powerW: 7200 }));
  }
  const stoppedReason = options.stoppedReason ?? 'EVDisconnected';
  await step('TransactionEvent', closeTransaction(cs.model, transaction, { at: at(25), meterWh: meterStart + energy, stoppedReason }));
  await statuses(at(25), { id: evseId });
  return { steps, transactionId: transaction.transactionId };
}
