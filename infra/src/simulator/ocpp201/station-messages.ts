// The messages a simulated 2.0.1 station sends of its own accord or when triggered (F06), built
// from its model: BootNotification (B01), StatusNotification per connector (G01), MeterValues
// outside transactions (J01). Pure.
import type { Ocpp201 } from '@csms/contracts';
import { connectorStatus, type StationModel201 } from './station-model.ts';

export function bootRequest201(id: string, reason: Ocpp201.BootReasonEnumType = 'PowerUp'): Ocpp201.BootNotificationRequest {
  return { reason, chargingStation: { vendorName: 'CSMS-Simulator', model: 'Sim-2', serialNumber: `SN-${id}`, firmwareVersion: '2.0.1-sim' } };
}

/** One StatusNotification per connector of the EVSE (of every EVSE when none is named), or of the one connector named. */
export function statusNotifications(model: StationModel201, at: Date, evse?: Ocpp201.EVSEType): Ocpp201.StatusNotificationRequest[] {
  return model.evses.filter((e) => evse === undefined || e.id === evse.id).flatMap((e) =>
    Array.from({ length: e.connectors }, (_, i) => i + 1)
      .filter((connectorId) => evse?.connectorId === undefined || connectorId === evse.connectorId)
      .map((connectorId) => ({ timestamp: at.toISOString(), connectorStatus: connectorStatus(model, e.id), evseId: e.id, connectorId })));
}

/** Each EVSE's register (the named one's only), as a trigger asks for it. */
export function meterValues(model: StationModel201, at: Date, evseId?: number): Ocpp201.MeterValuesRequest[] {
  return model.evses.filter((e) => evseId === undefined || e.id === evseId).map((e) => ({
    evseId: e.id,
    meterValue: [{ timestamp: at.toISOString(), sampledValue: [{
      value: model.meterWh.get(e.id) ?? 0, context: 'Trigger', measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' },
    }] }],
  }));
}
