// Folds VariablesReported from 'stations' into the OCPP 2.0.1 device model: device_variables
// (one row per variable attribute, see rows.ts) and device_model_reports (how far each report
// has come, see report-progress.ts). Both folds read the rows a fact names and write back what
// it leaves, which is safe because one projection's batches never run at once (its lock). A
// report in any number of parts leaves the same rows as one part holding all of them.
import type { VariablesReported } from '@csms/contracts';
import type { ProjectionDb } from '../db.ts';
import { defineProjection } from '../projection.ts';
import { upsert } from '../upsert.ts';
import {
  foldReportPart, reportPartOf, reportRow, toReportProgress, type ReportPart, type ReportRow,
} from './report-progress.ts';
import { foldVariables, variableKey, type VariableRow } from './rows.ts';

async function variablesNamed(db: ProjectionDb, event: VariablesReported): Promise<Map<string, VariableRow>> {
  const { rows } = await db.query<VariableRow>(
    'SELECT * FROM device_variables WHERE charge_point_id = $1 AND variable_key = ANY($2)',
    [event.chargePointId, event.variables.map(variableKey)],
  );
  return new Map(rows.map((row) => [row.variable_key, row]));
}

async function recordPart(db: ProjectionDb, part: ReportPart): Promise<void> {
  const { rows } = await db.query<ReportRow>(
    'SELECT * FROM device_model_reports WHERE charge_point_id = $1 AND request_id = $2', [part.chargePointId, part.requestId],
  );
  const progress = foldReportPart(rows[0] === undefined ? undefined : toReportProgress(rows[0]), part);
  await db.write(upsert('device_model_reports', reportRow(progress), { key: ['charge_point_id', 'request_id'] }));
}

export const deviceModelProjection = defineProjection({
  name: 'device-model',
  tables: ['device_variables', 'device_model_reports'],
  stations: {
    async VariablesReported(db, event) {
      const rows = foldVariables(await variablesNamed(db, event), event);
      await db.write(...rows.map((row) => upsert('device_variables', row, { key: ['charge_point_id', 'variable_key'] })));
      const part = reportPartOf(event);
      if (part !== null) await recordPart(db, part);
    },
  },
});
