// What one inbound batch writes, collected in memory and then encoded into the Kafka
// messages of its transaction.
import type { Message, TopicMessages } from 'kafkajs';
import { topicName, type DeadLetter, type OutboundFrame, type Serde, type TopicName, type ValueOf } from '@csms/contracts';
import { replyFrameText, type Replied } from '../deciders/reply.ts';
import type { RecordOutput } from '../process-record.ts';
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
    frameType: reply.body.kind, messageId: reply.messageId, raw: replyFrameText(reply), at: reply.at,
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
  const replies = outputs.records.flatMap((r) => r.replies);
  const all = await Promise.all([
    // The reply goes to the partition of the gateway node that holds the socket (DESIGN: Routing).
    encodeAll(serde, prefix, 'outbound', replies.map((r) => ({ key: r.chargePointId, value: outboundFrame(r), partition: r.node }))),
    encodeAll(serde, prefix, 'stations', outputs.records.flatMap((r) => r.stationEvents).map((e) => ({ key: e.chargePointId, value: e }))),
    encodeAll(serde, prefix, 'sessions', outputs.records.flatMap((r) => r.sessionEvents).map((e) => ({ key: e.chargePointId, value: e }))),
    encodeAll(serde, prefix, 'snapshots', snapshots.map((s) => ({ key: s.key, value: s.value, partition: snapshotPartition }))),
    encodeAll(serde, prefix, 'deadLetter', outputs.deadLetters.map((d) => ({ key: d.key ?? '', value: d }))),
  ]);
  return all.filter((t) => t.messages.length > 0);
}
