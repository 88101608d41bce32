// The api's writes to Kafka: one acknowledged record per call. A failure is WRITE_FAILED (503):
// the record may or may not have been written, and the client may retry.
import { topicName } from '@csms/contracts';
import type { MessageSender } from '@csms/infra';
import type { ConfigWriter } from './app-options.ts';
import { ApiError } from './errors.ts';

/** `onFailure` is told the topic of each write that failed (for the metrics). */
export function kafkaWriter(producer: MessageSender, topicPrefix: string, onFailure: (topic: string) => void = () => undefined): ConfigWriter {
  return {
    async write({ topic, key, value }) {
      try {
        await producer.send([{ topic: topicName(topic, topicPrefix), key, value }]);
      } catch {
        onFailure(topicName(topic, topicPrefix));
        throw new ApiError('WRITE_FAILED', `could not write to ${topicName(topic, topicPrefix)}; the write may or may not have happened`);
      }
    },
  };
}
