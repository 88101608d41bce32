// A station's records for the cost-message specs: it connects speaking one version, reports its
// configuration, and runs one session under the station tariff of billing-fixtures.ts.
import type { CommandRequested, InboundFrame, InboundRecord } from '@csms/contracts';
import { createOverlay, emptyPartitionMemory, type Overlay } from '../partition-memory.ts';
import { processRecord, type RecordContext, type RecordOutput } from '../process-record.ts';
import { AT, idTag, idTagTable, settings } from '../deciders/fixtures.ts';
import { stationAssignment, tariffs } from '../deciders/billing-fixtures.ts';

export type Protocol = 'ocpp1.6' | 'ocpp2.0.1';

export const priced: RecordContext = {
  partition: 5, settings: settings(),
  tables: { idTags: idTagTable(idTag('T1')), chargePoints: new Map(), tariffs, tariffAssignments: new Map([['station:CP001', stationAssignment]]) },
};
export const unpriced: RecordContext = { ...priced, tables: { ...priced.tables, tariffAssignments: new Map() } };

export const iso = (minutes: number) => new Date(AT + minutes * 60_000).toISOString();

export interface Station {
  /** The station's CALL, `minutes` after AT. */
  call(action: string, payload: object, minutes?: number): RecordOutput;
  /** An operator's command and the station's CALLRESULT to it. */
  commandAnswered(action: string, request: object, response: object): RecordOutput;
  /** The station's CALLRESULT to a CSMS call it was sent. */
  answer(messageId: string, payload: object, minutes: number): RecordOutput;
}

/** A station connected on node 3, speaking `protocol`. */
export function connectedStation(protocol: Protocol, context: RecordContext): Station {
  const overlay: Overlay = createOverlay(emptyPartitionMemory());
  const inbound = (record: InboundRecord) => processRecord({ source: 'inbound', record }, overlay, context);
  const frame = (messageTypeId: 2 | 3, messageId: string, action: string | null, payload: object, minutes: number): InboundFrame => ({
    type: 'Frame', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT + minutes * 60_000, protocol,
    raw: '[]', messageTypeId, messageId, action, payload: JSON.stringify(payload), rejection: null, repliedByGateway: false, rawTruncated: null,
  });
  inbound({ type: 'Connected', chargePointId: 'CP001', node: 3, connectionId: 'c1', at: AT, protocol, remoteAddress: null, securityProfile: 1 });
  let messages = 0;
  return {
    call(action, payload, minutes = 0) {
      messages += 1;
      return inbound(frame(2, `m${messages}`, action, payload, minutes));
    },
    commandAnswered(action, request, response) {
      const requested: CommandRequested = {
        type: 'CommandRequested', chargePointId: 'CP001', at: AT, commandId: `cmd-${action}`, action, payload: JSON.stringify(request),
        timeoutSeconds: 30, requestedBy: null,
      };
      processRecord({ source: 'commandRequests', record: requested }, overlay, context);
      return inbound(frame(3, `cmd-${action}`, null, response, 0));
    },
    answer: (messageId, payload, minutes) => inbound(frame(3, messageId, null, payload, minutes)),
  };
}
