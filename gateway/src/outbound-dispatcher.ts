// Delivers a frame from ocpp.outbound to the socket this node holds for its charge point.
// A reply for a socket that has gone is dropped and counted (DESIGN: routing); a CSMS CALL
// that cannot reach its socket is recorded in ocpp.inbound as undelivered (ConnectionGone),
// so the processor that sent it learns at once instead of at its deadline.
// The record carries the frame's parts; the text is written here (outboundFrameText), or, for a
// record written before the parts existed, taken from its legacy `raw`.
import { MessageType, readOutboundFrame, type OutboundFrame } from '@csms/contracts';
import type { Logger } from '@csms/infra';
import type { Admission, CsmsCall } from './call-queue.ts';
import type { Connection, ConnectionRegistry } from './connection-registry.ts';
import { undeliveredRecord } from './inbound-records.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { InboundSink } from './sinks.ts';

export type DispatchOutcome =
  | Exclude<Admission, 'closed'>
  | 'socket-closed' | 'no-connection' | 'connection-replaced' | 'wrong-node' | 'malformed-call' | 'malformed-reply';

interface OutboundDispatcherOptions {
  readonly node: number;
  readonly registry: ConnectionRegistry;
  readonly inbound: InboundSink;
  readonly metrics: Pick<GatewayMetrics, 'callsUndelivered'>;
  readonly clock: () => number;
  readonly logger: Logger;
}

export interface OutboundDispatcher {
  /** Resolves once the frame was handed to its socket or, for an undeliverable CALL, recorded. */
  dispatch(frame: OutboundFrame): Promise<DispatchOutcome>;
}

/** The CALL in a Call frame; null unless the record carries a CALL with its messageId. */
export function csmsCallOf(frame: OutboundFrame): CsmsCall | null {
  const read = readOutboundFrame(frame);
  if (read === null || read.frame.messageTypeId !== MessageType.Call) return null;
  return { messageId: frame.messageId, action: read.frame.action, raw: read.text, deadline: frame.deadline };
}

function target(frame: OutboundFrame, node: number, registry: ConnectionRegistry): Connection | DispatchOutcome {
  if (frame.node !== node) return 'wrong-node';
  const connection = registry.get(frame.chargePointId);
  if (!connection) return 'no-connection';
  // A frame meant for an older connection must not reach a newer one.
  if (frame.connectionId !== null && frame.connectionId !== connection.connectionId) return 'connection-replaced';
  return connection;
}

function admit(connection: Connection, call: CsmsCall): DispatchOutcome {
  const admission = connection.call(call);
  // 'closed': the channel has recorded the CALL as undelivered itself.
  return admission === 'closed' ? 'socket-closed' : admission;
}

export function createOutboundDispatcher(options: OutboundDispatcherOptions): OutboundDispatcher {
  const { node, registry } = options;
  async function connectionGone(frame: OutboundFrame): Promise<void> {
    const { chargePointId, connectionId, messageId } = frame;
    const record = undeliveredRecord({ chargePointId, node, connectionId, messageId, reason: 'ConnectionGone' }, options.clock());
    options.metrics.callsUndelivered.inc({ reason: 'ConnectionGone' });
    // Awaited: the outbound offset is committed only once the processor can learn of it.
    await options.inbound.enqueue(record);
  }
  async function dispatchCall(frame: OutboundFrame, found: Connection | DispatchOutcome): Promise<DispatchOutcome> {
    const call = csmsCallOf(frame);
    if (call === null) {
      options.logger.error({ chargePointId: frame.chargePointId, messageId: frame.messageId }, 'Call frame is not a CALL; dropped');
      return 'malformed-call';
    }
    if (typeof found !== 'string') return admit(found, call);
    await connectionGone(frame);
    return found;
  }
  function dispatchReply(frame: OutboundFrame, found: Connection | DispatchOutcome): DispatchOutcome {
    if (typeof found === 'string') return found;
    const text = readOutboundFrame(frame)?.text;
    if (text === undefined) {
      options.logger.error({ chargePointId: frame.chargePointId, messageId: frame.messageId }, 'reply frame carries no reply; dropped');
      return 'malformed-reply';
    }
    return found.reply(frame.messageId, text) ? 'sent' : 'socket-closed';
  }
  return {
    async dispatch(frame) {
      const found = target(frame, node, registry);
      switch (frame.frameType) {
        case 'CallResult':
        case 'CallError':
          return dispatchReply(frame, found);
        case 'Call':
          return dispatchCall(frame, found);
        default: {
          const _exhaustive: never = frame.frameType;
          return _exhaustive;
        }
      }
    },
  };
}
