// Why a station's socket closed, as a bounded label for csms_gateway_disconnects_total, from the
// close code (RFC 6455 §7.4.1) and, for the codes the gateway itself uses for several causes, the
// reason it gave.
export const DISCONNECT_REASONS = ['station-closed', 'abnormal', 'policy', 'too-big', 'kafka-unavailable', 'replaced', 'internal', 'other'] as const;
export type DisconnectReason = (typeof DISCONNECT_REASONS)[number];

export function disconnectReason(code: number, reason: string, texts: { replaced: string; kafkaUnavailable: string }): DisconnectReason {
  switch (code) {
    case 1000:
      return reason === texts.replaced ? 'replaced' : 'station-closed';
    case 1001:
      return 'station-closed';
    // No close frame: the network dropped, or the keep-alive found the station dead and terminated it.
    case 1005:
    case 1006:
      return 'abnormal';
    case 1003:
    case 1008:
      return 'policy';
    case 1009:
      return 'too-big';
    case 1011:
      return reason === texts.kafkaUnavailable ? 'kafka-unavailable' : 'internal';
    default:
      return 'other';
  }
}
