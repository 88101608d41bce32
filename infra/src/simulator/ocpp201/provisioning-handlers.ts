// Block B, provisioning: reports of the device model (B07, B08) in NotifyReport parts, reading
// and writing variables (B05, B06), the network profile (B09) and resets (B11, B12).
import type { Ocpp201 } from '@csms/contracts';
import { getVariable, setVariable } from './device-model-access.ts';
import { baseReportSelection, customReportSelection, reportDataOf } from './device-model-report.ts';
import { actualValue, type DeviceVariable } from './device-model.ts';
import { notifyReportParts } from './report-parts.ts';
import type { StationContext } from './station-context.ts';
import { bootRequest201, statusNotifications } from './station-messages.ts';
import { closeTransaction } from './transaction-lifecycle.ts';

/** Accepted, then the report follows in parts; nothing selected is an EmptyResultSet and no report. */
function report(ctx: StationContext, requestId: number, selection: readonly DeviceVariable[]): Ocpp201.GetBaseReportResponse {
  if (selection.length === 0) return { status: 'EmptyResultSet' };
  const parts = notifyReportParts(requestId, ctx.now().toISOString(), selection.map(reportDataOf), ctx.reportPartSize);
  parts.forEach((part, index) => {
    if (index === parts.length - 1) ctx.waitFor(ctx.beforeLastReportPart);
    ctx.later('NotifyReport', part);
  });
  return { status: 'Accepted' };
}

const isPassword = (r: Ocpp201.SetVariableDataType) => r.component.name === 'SecurityCtrlr' && r.variable.name === 'BasicAuthPassword';

export function provisioningHandlers(ctx: StationContext) {
  const { model, deviceModel } = ctx;
  return {
    GetBaseReport: (p: Ocpp201.GetBaseReportRequest): Ocpp201.GetBaseReportResponse =>
      report(ctx, p.requestId, baseReportSelection(deviceModel, p.reportBase)),
    GetReport: (p: Ocpp201.GetReportRequest): Ocpp201.GetReportResponse =>
      report(ctx, p.requestId, customReportSelection(deviceModel, p)),
    GetVariables: (p: Ocpp201.GetVariablesRequest): Ocpp201.GetVariablesResponse => ({
      getVariableResult: p.getVariableData.map((d) => getVariable(deviceModel, d)) as Ocpp201.GetVariablesResponse['getVariableResult'],
    }),
    SetVariables: (p: Ocpp201.SetVariablesRequest): Ocpp201.SetVariablesResponse => {
      const results = p.setVariableData.map((d) => {
        const result = setVariable(deviceModel, d);
        if (result.attributeStatus === 'Accepted' && isPassword(d)) ctx.usePassword(d.attributeValue);
        return result;
      });
      return { setVariableResult: results as Ocpp201.SetVariablesResponse['setVariableResult'] };
    },
    // B09: a profile may not lower the security profile the station connects with.
    SetNetworkProfile: (p: Ocpp201.SetNetworkProfileRequest): Ocpp201.SetNetworkProfileResponse => {
      const current = Number(actualValue(deviceModel, { name: 'SecurityCtrlr' }, { name: 'SecurityProfile' }) ?? '0');
      if (p.connectionData.securityProfile < current) return { status: 'Rejected' };
      model.networkProfiles.set(p.configurationSlot, p.connectionData);
      return { status: 'Accepted' };
    },
    // B11/B12: this station resets only as a whole; OnIdle waits for its transactions, Immediate ends them first.
    Reset: (p: Ocpp201.ResetRequest): Ocpp201.ResetResponse => {
      if (p.evseId !== undefined) return { status: 'Rejected' };
      const running = [...model.transactions.values()];
      if (p.type === 'OnIdle' && running.length > 0) return { status: 'Scheduled' };
      for (const transaction of running) {
        ctx.later('TransactionEvent', closeTransaction(model, transaction, { at: ctx.now(), stoppedReason: 'ImmediateReset', triggerReason: 'ResetCommand' }));
      }
      ctx.later('BootNotification', bootRequest201(ctx.id, 'RemoteReset'));
      for (const status of statusNotifications(model, ctx.now())) ctx.later('StatusNotification', status);
      return { status: 'Accepted' };
    },
  };
}
