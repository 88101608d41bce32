// One source record through the processors: decode, decide against an overlay of its own, and
// encode what it produced, the snapshots of the states it changed included: a state grown past
// what a Kafka record may hold fails the record that grew it, not every later batch of its
// partition. A failure is the record's, with the reason a dead letter will carry; a transient one
// (the registry or the broker away) is thrown, so its batch is tried again.
import { MessageType, stationCallRow, type CommandCompleted, type DeadLetterReason, type InboundFrame, type Serde } from '@csms/contracts';
import { isTransientError, secondsSince, type StageObserver } from '@csms/infra';
import { replyWith, replyWithError } from '../deciders/reply.ts';
import { createRecordOverlay, mergeRecordOverlay, type Overlay, type SourceTopic } from '../partition-memory.ts';
import { processRecord, type RecordContext, type RecordOutput, type SourceRecord } from '../process-record.ts';
import { stateSnapshotsOf } from '../snapshots.ts';
import {
  encodeMessage, encodeRecordOutput, encodeSnapshots, outboundFrame, RecordTooLargeError, type EncodedMessage,
} from './batch-outputs.ts';
import { decodeSourceRecord } from './source-records.ts';

export type RecordStep =
  | {
    readonly ok: true; readonly record: SourceRecord; readonly output: RecordOutput; readonly messages: EncodedMessage[];
    /** The snapshots of the states the record changed, keyed `decider:entity`; a later record's replace them. */
    readonly snapshots: EncodedMessage[];
  }
  | { readonly ok: false; readonly record: SourceRecord | null; readonly reason: DeadLetterReason; readonly error: unknown };

export interface StepInput {
  readonly serde: Serde;
  readonly source: SourceTopic;
  readonly value: Buffer;
  /** The batch's overlay: the record's changes join it only when the record went through. */
  readonly overlay: Overlay;
  readonly context: RecordContext;
  /** Times the fold and decide; absent where nothing reads the figure. */
  readonly decideSeconds?: StageObserver;
}

function failed(record: SourceRecord | null, reason: DeadLetterReason, error: unknown): RecordStep {
  if (isTransientError(error)) throw error;
  return { ok: false, record, reason, error };
}

export async function stepRecord(input: StepInput): Promise<RecordStep> {
  let record: SourceRecord;
  try {
    record = await decodeSourceRecord(input.serde, input.source, input.value);
  } catch (error) {
    return failed(null, 'DECODE_FAILED', error);
  }
  const overlay = createRecordOverlay(input.overlay);
  let output: RecordOutput;
  try {
    const started = performance.now();
    output = processRecord(record, overlay, input.context);
    input.decideSeconds?.observe(secondsSince(started));
  } catch (error) {
    return failed(record, 'DECIDE_FAILED', error);
  }
  try {
    const messages = await encodeRecordOutput(input.serde, output);
    const snapshots = await encodeSnapshots(input.serde, stateSnapshotsOf(overlay.states), input.context.partition);
    mergeRecordOverlay(overlay);
    return { ok: true, record, output, messages, snapshots };
  } catch (error) {
    return failed(record, error instanceof RecordTooLargeError ? 'TOO_LARGE' : 'ENCODE_FAILED', error);
  }
}

/**
 * What a record that was set aside still owes, so nothing waits for a timeout or keeps resending
 * what fails. A station's CALL gets InternalError (OCPP-J 1.6 §4.2.3, "an internal error occurred
 * and the receiver was not able to process the requested Action successfully"), except a message
 * that may end a transaction (endsTransactions): a refused one can make the station drop its
 * billing data (DESIGN invariant 5), and the message is kept, in ocpp.inbound and the dead letter,
 * for a re-drive. A 1.6 StartTransaction keeps its InternalError: its answer needs a
 * transactionId, which only the decider can give. An operator's command completes Failed, as the
 * api waits for it to end.
 */
export async function failureOutputs(serde: Serde, record: SourceRecord | null): Promise<EncodedMessage[]> {
  if (record === null) return [];
  switch (record.source) {
    case 'inbound':
      return record.record.type === 'Frame' ? failedCallReply(serde, record.record) : [];
    case 'commandRequests': {
      const { chargePointId, at, commandId, action } = record.record;
      const completed: CommandCompleted = {
        type: 'CommandCompleted', chargePointId, at, commandId, action, outcome: 'Failed', response: null,
        errorCode: 'InternalError', errorDescription: 'The CSMS could not process this command; it has been set aside for an operator',
      };
      return [await encodeMessage(serde, 'commands', chargePointId, completed)];
    }
    default: {
      const _exhaustive: never = record;
      return _exhaustive;
    }
  }
}

/**
 * The CALLs whose row in the station's action table may make a TransactionStopped: 1.6
 * StopTransaction, 2.0.1 TransactionEvent. Their CALLRESULT may be empty (StopTransaction.conf's
 * idTagInfo and every field of TransactionEventResponse are optional; a 2.0.1 station numbers its
 * transactions itself).
 */
function endsTransactions(frame: InboundFrame): boolean {
  return frame.action !== null && (stationCallRow(frame.protocol, frame.action)?.events.includes('TransactionStopped') ?? false);
}

async function failedCallReply(serde: Serde, frame: InboundFrame): Promise<EncodedMessage[]> {
  if (frame.messageTypeId !== MessageType.Call || frame.messageId === null || frame.rejection !== null) return [];
  const meta = {
    chargePointId: frame.chargePointId, at: frame.at, messageId: frame.messageId, node: frame.node,
    connectionId: frame.connectionId, replyExpected: !frame.repliedByGateway,
  };
  const replies = endsTransactions(frame)
    ? replyWith(meta, {})
    : replyWithError(meta, 'InternalError', 'The CSMS could not process this message; it has been set aside for an operator');
  return Promise.all(replies.map((reply) => encodeMessage(serde, 'outbound', reply.chargePointId, outboundFrame(reply), reply.node)));
}
