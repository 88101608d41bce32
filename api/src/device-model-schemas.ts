// JSON schemas of the OCPP 2.0.1 device model route: the variable attributes a station reported
// and how far its latest report has come.
import { LISTED_MISSING_PARTS } from '@csms/projections/device-model/queries.ts';
import { MAX_OFFSET, nullableInt, nullableStr, str } from './schemas.ts';

const time = { type: 'string', format: 'date-time' } as const;
/** ComponentType / VariableType names: string(50). */
const name = { type: 'string', minLength: 1, maxLength: 50 } as const;

const variableView = {
  type: 'object',
  properties: {
    component: str, componentInstance: nullableStr,
    evseId: { ...nullableInt, description: 'The EVSE of the component, when it has one' },
    connectorId: { ...nullableInt, description: 'The connector within that EVSE, when the component is one' },
    variable: str, variableInstance: nullableStr,
    attributeType: { type: 'string', description: 'Actual, Target, MinSet or MaxSet' },
    value: { ...nullableStr, description: 'The attribute value as the station last told it (null: not told, e.g. WriteOnly)' },
    mutability: nullableStr, persistent: { type: ['boolean', 'null'] }, constant: { type: ['boolean', 'null'] },
    dataType: nullableStr, unit: nullableStr, valuesList: nullableStr,
    minLimit: { type: ['number', 'null'] }, maxLimit: { type: ['number', 'null'] },
    lastStatus: { ...nullableStr, description: 'The attributeStatus of the latest GetVariables / SetVariables answer about it (Accepted, Rejected, RebootRequired, ...)' },
    updatedAt: time,
    source: { type: 'string', enum: ['NotifyReport', 'GetVariables', 'SetVariables'], description: 'What told it last' },
  },
} as const;

const reportStatusView = {
  type: ['object', 'null'],
  description: 'The report (GetBaseReport / GetReport) whose first NotifyReport part came last; null when the station sent none',
  properties: {
    requestId: { type: 'integer' },
    complete: { type: 'boolean', description: 'The last part (tbc=false) arrived and no part before it is missing' },
    partsReceived: { type: 'integer' },
    lastPartReceived: { type: 'boolean' },
    missingCount: { type: 'integer' },
    missingSeqNos: { type: 'array', items: { type: 'integer' }, description: `The lowest missing seqNos, at most ${LISTED_MISSING_PARTS}` },
    startedAt: time, updatedAt: time,
  },
} as const;

export const deviceModelView = {
  type: 'object', required: ['complete', 'report', 'variables', 'total', 'limit', 'offset'],
  properties: {
    complete: { type: 'boolean', description: 'Whether the latest report is complete (report.complete); false while the station sent none' },
    report: reportStatusView,
    variables: { type: 'array', items: variableView, description: 'By component, then variable' },
    total: { type: 'integer', description: 'How many variable attributes match, over all pages' },
    limit: { type: 'integer' }, offset: { type: 'integer' },
  },
} as const;

/** A station's whole device model in one page as a rule: a few hundred attributes. */
const MAX_VARIABLES_PAGE = 5_000;

export const variableQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    component: { ...name, description: 'Only this component (case-insensitive, as OCPP 2.0.1 names are)' },
    variable: { ...name, description: 'Only this variable (case-insensitive)' },
    limit: { type: 'integer', minimum: 1, maximum: MAX_VARIABLES_PAGE, default: 1_000 },
    offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
  },
} as const;
