// `npm run kafka-client-check`'s command line, checked before anything connects.
import type { CheckClientName } from '../src/kafka-check/check-client.ts';
import { integer, oneOf, parseFlags } from './cli-flags.ts';

export interface KafkaClientCheckOptions {
  readonly client: CheckClientName;
  readonly transactions: number;
  readonly partitions: number;
  readonly timeoutSeconds: number;
}

const flags = {
  client: { type: 'string', default: 'kafkajs' },
  transactions: { type: 'string', default: '600' },
  partitions: { type: 'string', default: '3' },
  'timeout-seconds': { type: 'string', default: '120' },
} as const;

export function kafkaClientCheckOptions(args: readonly string[]): KafkaClientCheckOptions {
  const values = parseFlags(args, flags);
  return {
    client: oneOf('client', values.client, ['kafkajs', 'platformatic'] as const),
    transactions: integer('transactions', values.transactions, 1, 100_000),
    partitions: integer('partitions', values.partitions, 1, 64),
    timeoutSeconds: integer('timeout-seconds', values['timeout-seconds'], 1),
  };
}
