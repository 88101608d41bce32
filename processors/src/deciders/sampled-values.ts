// Flattens meter values into one SampledValue per reading, filling in the defaults each version's
// spec gives for omitted fields (OCPP 1.6 §7.43 SampledValue; OCPP 2.0.1 SampledValueType and
// UnitOfMeasureType), so a reading means the same whichever version the station speaks.
import type { Ocpp16, Ocpp201, SampledValue } from '@csms/contracts';
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

// Enough significant digits for any reading, few enough to drop the binary noise of scaling (1.1 × 10³).
const SIGNIFICANT_DIGITS = 15;

/**
 * A 2.0.1 value is a number in unit × 10^multiplier; the domain keeps it in the unit alone, as
 * decimal text like a 1.6 value. A multiplier beyond what a double holds stays exact as exponent text.
 */
export function scaledValue(value: number, multiplier: number): string {
  const scaled = multiplier >= 0 ? value * 10 ** multiplier : value / 10 ** -multiplier;
  if (!Number.isFinite(scaled) || (scaled === 0 && value !== 0)) return `${value}e${multiplier}`;
  return String(Number(scaled.toPrecision(SIGNIFICANT_DIGITS)));
}

/**
 * OCPP 2.0.1 MeterValueType[]. There is no format field (values are numbers); a signed meter value
 * is kept with the reading it signs, for the driver to verify the bill (J02, Eichrecht).
 */
export function flattenOcpp201MeterValues(meterValues: readonly Ocpp201.MeterValueType[], fallbackAt: number): SampledValue[] {
  return meterValues.flatMap((meterValue) => {
    const timestamp = parseTimestamp(meterValue.timestamp) ?? fallbackAt;
    return meterValue.sampledValue.map((sample): SampledValue => {
      const signed = sample.signedMeterValue;
      return {
        timestamp,
        value: scaledValue(sample.value, sample.unitOfMeasure?.multiplier ?? 0),
        measurand: sample.measurand ?? 'Energy.Active.Import.Register',
        unit: sample.unitOfMeasure?.unit ?? 'Wh',
        context: sample.context ?? 'Sample.Periodic',
        phase: sample.phase ?? null,
        location: sample.location ?? null,
        format: null,
        signedMeterValue: signed === undefined ? null : {
          signedMeterData: signed.signedMeterData, signingMethod: signed.signingMethod,
          encodingMethod: signed.encodingMethod, publicKey: signed.publicKey,
        },
      };
    });
  });
}
