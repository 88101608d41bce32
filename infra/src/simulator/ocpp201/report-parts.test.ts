import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ocpp201 } from '@csms/contracts';
import { defaultDeviceModel } from './default-device-model.ts';
import { baseReportSelection, customReportSelection, reportDataOf } from './device-model-report.ts';
import { notifyReportParts } from './report-parts.ts';
import { assertValid201 } from './test-station.ts';

const model = () => defaultDeviceModel('CS-1', [{ id: 1, connectors: 1 }, { id: 2, connectors: 2 }]);
const at = '2025-03-01T12:00:00.000Z';

describe('a report in NotifyReport parts', () => {
  const data = model().variables.map(reportDataOf);

  it('numbers the parts from 0, marks all but the last to be continued, and loses or repeats nothing', () => {
    const parts = notifyReportParts(7, at, data, 4);
    assert.equal(parts.length, Math.ceil(data.length / 4));
    assert.deepEqual(parts.map((p) => p.seqNo), parts.map((_, i) => i));
    assert.deepEqual(parts.map((p) => p.tbc), parts.map((_, i) => i < parts.length - 1));
    assert.ok(parts.every((p) => p.requestId === 7 && p.generatedAt === at && (p.reportData?.length ?? 0) <= 4));
    assert.deepEqual(parts.flatMap((p) => p.reportData ?? []), data);
    for (const part of parts) assertValid201('NotifyReport', 'req', part);
  });

  it('sends a report that fits in one part as one part, not to be continued', () => {
    const parts = notifyReportParts(1, at, data.slice(0, 3), 10);
    assert.deepEqual(parts.map((p) => [p.seqNo, p.tbc, p.reportData?.length]), [[0, false, 3]]);
  });

  it('ends exactly on a part boundary without an empty part', () => {
    const parts = notifyReportParts(1, at, data.slice(0, 8), 4);
    assert.deepEqual(parts.map((p) => [p.seqNo, p.tbc, p.reportData?.length]), [[0, true, 4], [1, false, 4]]);
  });

  it('refuses a part size that is not a positive integer', () => {
    assert.throws(() => notifyReportParts(1, at, data, 0), RangeError);
  });
});

describe('what a report selects', () => {
  const names = (selection: ReturnType<typeof baseReportSelection>) =>
    selection.map((v) => `${v.component.name}${v.component.evse ? `@${v.component.evse.id}/${v.component.evse.connectorId ?? '-'}` : ''}.${v.variable.name}`);

  it('a full inventory has every variable; a configuration inventory only what can be set; a summary the availability', () => {
    const m = model();
    assert.equal(baseReportSelection(m, 'FullInventory').length, m.variables.length);
    const configuration = baseReportSelection(m, 'ConfigurationInventory');
    assert.ok(configuration.length > 0 && configuration.every((v) => v.attributes.some((a) => a.mutability !== 'ReadOnly')));
    assert.ok(names(configuration).includes('OCPPCommCtrlr.HeartbeatInterval'));
    const summary = names(baseReportSelection(m, 'SummaryInventory'));
    assert.ok(summary.includes('Connector@2/2.AvailabilityState') && summary.includes('ChargingStation.Problem'));
    assert.ok(!summary.includes('OCPPCommCtrlr.HeartbeatInterval'));
  });

  it('a custom report takes a whole component, or one of its variables, and components meeting its criteria', () => {
    const m = model();
    const request = (r: Pick<Ocpp201.GetReportRequest, 'componentVariable' | 'componentCriteria'>) => names(customReportSelection(m, r));
    assert.deepEqual(request({ componentVariable: [{ component: { name: 'EVSE', evse: { id: 2 } }, variable: { name: 'Power' } }] }), ['EVSE@2/-.Power']);
    assert.equal(request({ componentVariable: [{ component: { name: 'AuthCtrlr' } }] }).length, 4);
    assert.deepEqual(request({ componentVariable: [{ component: { name: 'NoSuchCtrlr' } }] }), []);
    const enabled = request({ componentCriteria: ['Enabled'] });
    assert.ok(enabled.includes('ReservationCtrlr.Enabled') && enabled.includes('AuthCtrlr.AuthorizeRemoteStart'));
    assert.ok(!enabled.some((n) => n.startsWith('OCPPCommCtrlr')), 'OCPPCommCtrlr has no Enabled variable');
  });

  it('never reports a WriteOnly value', () => {
    const password = model().variables.find((v) => v.variable.name === 'BasicAuthPassword')!;
    const [attribute] = reportDataOf(password).variableAttribute;
    assert.equal(attribute.mutability, 'WriteOnly');
    assert.equal('value' in attribute, false);
  });
});
