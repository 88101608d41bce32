// What one batch writes. Each record's outputs are encoded as soon as the record is decided,
// so a value that does not fit its Avro schema (or a Kafka record) is that record's failure
// and not its whole batch's; the transaction then sends the encoded messages as they are.
import type { Message, TopicMessages } from 'kafkajs';
import {
  MAX_RECORD_BYTES, outboundCall, outboundReply, topicName, type OutboundFrame, type Serde, type TopicName, type ValueOf,
} from '@csms/contracts';
import type { Replied } from '../deciders/reply.ts';
import type { OutboundCall } from '../deciders/commands.ts';
import type { RecordOutput } from '../record-output.ts';
import type { SnapshotRecord } from '../snapshots.ts';

/** One Kafka message of the batch's transaction, already encoded. */
export interface EncodedMessage {
  readonly topic: TopicName;
  readonly key: string;
  readonly value: Buffer;
  /** Set for ocpp.outbound (the gateway node) and the snapshots (the source partition). */
  readonly partition?: number;
}

export class RecordTooLargeError extends Error {
  readonly code = 'TOO_LARGE';
  readonly retriable = false;
}

/** A reply as its parts; the gateway writes the OCPP-J text (contracts/outbound-frames.ts). */
export function outboundFrame(reply: Replied): OutboundFrame {
  return outboundReply(reply, reply.messageId, reply.body);
}

/**
 * A CSMS-initiated CALL (OCPP-J 1.6 §4.2.1), as its parts. It carries the command's deadline so
 * the gateway waits for the answer exactly as long as the command lives, and does not send it
 * once the command has expired.
 */
export function outboundCallFrame(call: OutboundCall): OutboundFrame {
  const { messageId, action, payload, deadline } = call;
  return outboundCall(call, { messageId, action, payloadJson: payload, deadline });
}

export async function encodeMessage<T extends TopicName>(
  serde: Serde, topic: T, key: string, value: ValueOf<T>, partition?: number,
): Promise<EncodedMessage> {
  const bytes = await serde.encode(topic, value);
  if (bytes.length > MAX_RECORD_BYTES) {
    throw new RecordTooLargeError(`a ${topic} record of ${bytes.length} bytes exceeds ${MAX_RECORD_BYTES}`);
  }
  return partition === undefined ? { topic, key, value: bytes } : { topic, key, value: bytes, partition };
}

/**
 * One record's outputs, in the order they are written: replies and calls go to the partition of
 * the gateway node that holds the socket (DESIGN: Routing), then its facts.
 */
export async function encodeRecordOutput(serde: Serde, output: RecordOutput): Promise<EncodedMessage[]> {
  const pending: Promise<EncodedMessage>[] = [
    ...output.replies.map((reply) => encodeMessage(serde, 'outbound', reply.chargePointId, outboundFrame(reply), reply.node)),
    ...output.calls.map((call) => encodeMessage(serde, 'outbound', call.chargePointId, outboundCallFrame(call), call.node)),
    ...output.stationEvents.map((e) => encodeMessage(serde, 'stations', e.chargePointId, e)),
    ...output.sessionEvents.map((e) => encodeMessage(serde, 'sessions', e.chargePointId, e)),
    ...output.commandEvents.map((e) => encodeMessage(serde, 'commands', e.chargePointId, e)),
    ...output.securityEvents.map((e) => encodeMessage(serde, 'security', e.chargePointId, e)),
    ...output.billingEvents.map((e) => encodeMessage(serde, 'billing', e.chargePointId, e)),
  ];
  return Promise.all(pending);
}

export async function encodeSnapshots(serde: Serde, snapshots: readonly SnapshotRecord[], partition: number): Promise<EncodedMessage[]> {
  return Promise.all(snapshots.map((s) => encodeMessage(serde, 'snapshots', s.key, s.value, partition)));
}

/**
 * Groups the messages into requests of at most `maxBytes` each (a larger message goes alone),
 * keeping their order: kafkajs puts a request's messages for one partition in one record batch,
 * which the broker refuses above its message.max.bytes.
 */
export function requestsOf(messages: readonly EncodedMessage[], prefix: string, maxBytes: number): TopicMessages[][] {
  const requests: TopicMessages[][] = [];
  let current = new Map<string, Message[]>();
  let bytes = 0;
  const close = () => {
    if (current.size > 0) requests.push([...current].map(([topic, list]) => ({ topic, messages: list })));
    current = new Map();
    bytes = 0;
  };
  for (const message of messages) {
    const size = message.value.length + Buffer.byteLength(message.key) + 64;
    if (bytes > 0 && bytes + size > maxBytes) close();
    const name = topicName(message.topic, prefix);
    const list = current.get(name) ?? [];
    list.push(message.partition === undefined ? { key: message.key, value: message.value } : { key: message.key, value: message.value, partition: message.partition });
    current.set(name, list);
    bytes += size;
  }
  close();
  return requests;
}
