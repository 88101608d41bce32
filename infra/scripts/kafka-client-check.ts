// `npm run kafka-client-check -- --client platformatic`: does a Kafka client's read_committed
// consumer skip aborted transactions? Every projection and the gateway's outbound consumer read
// what the processors wrote in transactions, and a processor aborts a batch it could not finish,
// so a client that delivers an aborted record would apply an event that never happened. The check
// writes a plan of committed and aborted transactions (../src/kafka-check/abort-plan.ts) with the
// client's transactional producer, reads it back with its read_committed consumer and counts.
// Needs Kafka alone (KAFKA_BROKERS); creates a topic of its own and deletes it afterwards.
// Exits 1 when the client delivered an aborted, repeated or foreign record or missed a committed one.
import { randomUUID } from 'node:crypto';
import { createKafka } from '../src/kafka.ts';
import { createLogger } from '../src/logger.ts';
import { abortPlan, endsSeen, honoured, tally, type ReadRecord } from '../src/kafka-check/abort-plan.ts';
import type { CheckClient } from '../src/kafka-check/check-client.ts';
import { kafkajsCheck } from '../src/kafka-check/kafkajs-check.ts';
import { platformaticCheck } from '../src/kafka-check/platformatic-check.ts';
import { optionsOrExit } from './cli-flags.ts';
import { kafkaClientCheckOptions } from './kafka-client-check-options.ts';

const options = optionsOrExit(() => kafkaClientCheckOptions(process.argv.slice(2)));
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const run = randomUUID().slice(0, 8);
const topic = `kafka-client-check-${run}`;
// Silent: kafkajs logs each retried CONCURRENT_TRANSACTIONS as an error, and the report is the output.
const logger = createLogger('kafka-client-check', 'silent');
const kafka = createKafka({ brokers, clientId: 'kafka-client-check', logger });
const client: CheckClient = options.client === 'kafkajs'
  ? kafkajsCheck(kafka, `${topic}-tx`)
  : platformaticCheck({ brokers, clientId: 'kafka-client-check' }, `${topic}-tx`);

const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: options.partitions, replicationFactor: 1 }] });
const plan = abortPlan(options.transactions, options.partitions);
const read: ReadRecord[] = [];
let outcome = 'complete';
try {
  await client.write(topic, plan);
  // A bound for a client that never reaches the ends, not a measure: the tally below says what it got.
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => { timer = setTimeout(() => { outcome = `incomplete: not every partition's end read within ${options.timeoutSeconds} s`; resolve(); }, options.timeoutSeconds * 1000); });
  const reading = client.read(topic, `${topic}-reader`, (record) => {
    read.push(record);
    return endsSeen(read, options.partitions);
  });
  // A failure after the bound won is the close below ending the read: reported by the race or not at all.
  reading.catch(() => {});
  await Promise.race([reading, bound]);
  clearTimeout(timer);
} catch (error) {
  outcome = `failed: ${(error as Error).message}`;
} finally {
  await client.close();
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
}
const result = tally(plan, read);
const ok = outcome === 'complete' && honoured(result);
console.log(`kafka-client-check: ${options.client}, ${plan.length} transactions over ${options.partitions} partitions, read ${outcome}`);
console.log(`  written:   ${result.committed} records committed, ${result.aborted} aborted`);
console.log(`  delivered: ${result.committedDelivered} committed, ${result.abortedDelivered} aborted, ${result.duplicates} repeated, ${result.unknown} foreign; ${result.missing} committed missing`);
console.log(ok ? '  read_committed honoured' : '  read_committed NOT honoured');
process.exit(ok ? 0 : 1);
