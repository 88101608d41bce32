// What one batch writes, collected in memory and then encoded into the Kafka
// messages of its transaction.
import type { Message, TopicMessages } from 'kafkajs';
import { topicName, type DeadLetter, type OutboundFrame, type Serde, type TopicName, type ValueOf } from '@csms/contracts';
import { replyFrameText, type Replied } from '../deciders/reply.ts';
import type { OutboundCall } from '../deciders/commands.ts';
import type { RecordOutput } from '../record-output.ts';
import type { SnapshotRecord } from '../snapshots.ts';

export interface BatchOutputs {
  readonly records: RecordOutput[];
  readonly deadLetters: DeadLetter[];
}

interface Keyed<T extends TopicName> {
  readonly key: string;
  readonly value: ValueOf<T>;
  readonly partition?: number;
}

export function outboundFrame(reply: Replied): OutboundFrame {
  return {
    chargePointId: reply.chargePointId, node: reply.node, connectionId: reply.connectionId,
    frameType: reply.body.kind, messageId: reply.messageId, raw: replyFrameText(reply), at: reply.at, deadline: null,
  };
}

/**
 * A CSMS-initiated CALL: [2, messageId, action, payload] (OCPP-J 1.6 §4.1). It carries the
 * command's deadline so the gateway waits for the answer exactly as long as the command lives,
 * and does not send it once the command has expired.
 */
export function outboundCallFrame(call: OutboundCall): OutboundFrame {
  return {
    chargePointId: call.chargePointId, node: call.node, connectionId: call.connectionId, frameType: 'Call',
    messageId: call.messageId, raw: JSON.stringify([2, call.messageId, call.action, JSON.parse(call.payload)]), at: call.at,
    deadline: call.deadline,
  };
}

async function encodeAll<T extends TopicName>(serde: Serde, prefix: string, topic: T, items: readonly Keyed<T>[]): Promise<TopicMessages> {
  const messages: Message[] = [];
  for (const item of items) {
    const value = await serde.encode(topic, item.value);
    messages.push(item.partition === undefined ? { key: item.key, value } : { key: item.key, value, partition: item.partition });
  }
  return { topic: topicName(topic, prefix), messages };
}

export async function encodeOutputs(
  serde: Serde, prefix: string, outputs: BatchOutputs, snapshots: readonly SnapshotRecord[], snapshotPartition: number,
): Promise<TopicMessages[]> {
  // Replies and calls go to the partition of the gateway node that holds the socket (DESIGN: Routing),
  // in the order the records produced them.
  const frames = outputs.records.flatMap((r) => [
    ...r.replies.map((reply) => ({ key: reply.chargePointId, value: outboundFrame(reply), partition: reply.node })),
    ...r.calls.map((call) => ({ key: call.chargePointId, value: outboundCallFrame(call), partition: call.node })),
  ]);
  const all = await Promise.all([
    encodeAll(serde, prefix, 'outbound', frames),
    encodeAll(serde, prefix, 'stations', outputs.records.flatMap((r) => r.stationEvents).map((e) => ({ key: e.chargePointId, value: e }))),
    encodeAll(serde, prefix, 'sessions', outputs.records.flatMap((r) => r.sessionEvents).map((e) => ({ key: e.chargePointId, value: e }))),
    encodeAll(serde, prefix, 'commands', outputs.records.flatMap((r) => r.commandEvents).map((e) => ({ key: e.chargePointId, value: e }))),
    encodeAll(serde, prefix, 'security', outputs.records.flatMap((r) => r.securityEvents).map((e) => ({ key: e.chargePointId, value: e }))),
    encodeAll(serde, prefix, 'snapshots', snapshots.map((s) => ({ key: s.key, value: s.value, partition: snapshotPartition }))),
    encodeAll(serde, prefix, 'deadLetter', outputs.deadLetters.map((d) => ({ key: d.key ?? '', value: d }))),
  ]);
  return all.filter((t) => t.messages.length > 0);
}
