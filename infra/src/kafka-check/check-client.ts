// The seam of `npm run kafka-client-check`: the two things it asks of a Kafka client, each done
// with the client's own transactional producer and read_committed consumer.
import type { PlannedTransaction, ReadRecord } from './abort-plan.ts';

export type CheckClientName = 'kafkajs' | 'platformatic';

export interface CheckClient {
  /** Runs the transactions one after another through one transactional producer, each committed or aborted as planned. */
  write(topic: string, plan: readonly PlannedTransaction[]): Promise<void>;
  /**
   * Reads the topic read_committed from its start in a new group, handing each record to
   * `onRecord`, until it returns true; resolves then, or rejects on the consumer's failure.
   */
  read(topic: string, groupId: string, onRecord: (record: ReadRecord) => boolean): Promise<void>;
  close(): Promise<void>;
}
