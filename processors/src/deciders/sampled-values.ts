// Flattens OCPP 1.6 MeterValue[] into one SampledValue per reading, filling in the defaults
// the spec gives for omitted fields (OCPP 1.6 §7.43 SampledValue).
import type { Ocpp16, SampledValue } from '@csms/contracts';
import { parseTimestamp } from './context.ts';

type MeterValue = Ocpp16.MeterValuesRequest['meterValue'][number];

export function flattenMeterValues(meterValues: readonly MeterValue[], fallbackAt: number): SampledValue[] {
  return meterValues.flatMap((meterValue) => {
    const timestamp = parseTimestamp(meterValue.timestamp) ?? fallbackAt;
    return meterValue.sampledValue.map((sample) => ({
      timestamp,
      value: sample.value,
      measurand: sample.measurand ?? 'Energy.Active.Import.Register',
      unit: sample.unit ?? 'Wh',
      context: sample.context ?? 'Sample.Periodic',
      phase: sample.phase ?? null,
      location: sample.location ?? null,
      format: sample.format ?? 'Raw',
      signedMeterValue: null,
    }));
  });
}
