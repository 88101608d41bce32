// The charging session of the product document, step by step: boot, heartbeat,
// authorize, start, meter values, stop. The first step that fails ends it (session-steps.ts).
import type { Ocpp16 } from '@csms/contracts';
import { bootRequest, statusRequest, type SimulatedChargePoint } from './charge-point.ts';
import { sessionSteps, type StepListener, type WorkflowStep } from './session-steps.ts';

export interface WorkflowOptions {
  readonly idTag: string;
  readonly connectorId?: number;
  readonly meterStartWh?: number;
  readonly energyWh?: number;
  readonly samples?: number;
  /** The station's clock: where the session's timestamps start. */
  readonly startAt?: Date;
}

export interface WorkflowResult {
  readonly steps: WorkflowStep[];
  readonly transactionId: number;
}

export async function playSeedWorkflow(
  cp: Pick<SimulatedChargePoint, 'id' | 'call'>, options: WorkflowOptions, onStep: StepListener = () => undefined,
): Promise<WorkflowResult> {
  const connectorId = options.connectorId ?? 1;
  const meterStart = options.meterStartWh ?? 0;
  const energy = options.energyWh ?? 25_500;
  const samples = options.samples ?? 3;
  const t0 = (options.startAt ?? new Date()).getTime();
  const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
  const { steps, step } = sessionSteps(cp.call, onStep);

  await step('BootNotification', bootRequest(cp.id));
  await step('Heartbeat', {});
  await step('StatusNotification', statusRequest(connectorId, 'Available'));
  await step('Authorize', { idTag: options.idTag });
  const start = { connectorId, idTag: options.idTag, meterStart, timestamp: at(0) };
  const started = await step<Ocpp16.StartTransactionResponse>('StartTransaction', start);
  const transactionId = started.transactionId;
  await step('StatusNotification', statusRequest(connectorId, 'Charging'));
  for (let i = 1; i <= samples; i += 1) {
    const meter = {
      connectorId, transactionId,
      meterValue: [{
        timestamp: at(i * 5),
        sampledValue: [
          { value: String(Math.round(meterStart + (energy * i) / (samples + 1))), unit: 'Wh' as const, measurand: 'Energy.Active.Import.Register' as const },
          { value: '7.2', unit: 'kW' as const, measurand: 'Power.Active.Import' as const },
        ],
      }],
    };
    await step('MeterValues', meter);
  }
  const stop = { transactionId, idTag: options.idTag, meterStop: meterStart + energy, timestamp: at(25), reason: 'Local' as const };
  await step('StopTransaction', stop);
  await step('StatusNotification', statusRequest(connectorId, 'Available'));
  return { steps, transactionId };
}
