// `npm run rerate -- --tariff <id> --from <time> --to <time> [--dry-run]`: asks the running
// processors to price again, from the log, every session billed under the tariff in the period
// (the same request `POST /rerates` writes), waits for what the re-rating did and prints it.
// Needs the system running (`npm start`): the processors' re-rating runner does the work.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { createSerde, topicName, type RerateCompleted, type RerateRequested } from '@csms/contracts';
import { createKafka, createLogger, ensureTopics, envReader, followTopic, readPlatformConfig } from '../src/index.ts';
import { optionsOrExit } from './cli-flags.ts';
import { rerateOptions } from './rerate-options.ts';
import { rerateReport } from './rerate-report.ts';

const options = optionsOrExit(() => rerateOptions(process.argv.slice(2)));
const env = envReader();
const config = readPlatformConfig(env);
env.done();
const logger = createLogger('rerate', 'warn');
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'csms-rerate', logger });
await ensureTopics(kafka, config.topicPrefix);
const serde = await createSerde({ registryUrl: config.registryUrl, topicPrefix: config.topicPrefix });
const topic = topicName('rerates', config.topicPrefix);

const request: RerateRequested = {
  type: 'RerateRequested', rerateId: `RR-${randomUUID()}`, at: Date.now(), tariffId: options.tariffId, from: options.from, to: options.to,
  dryRun: options.dryRun, reason: options.reason, requestedBy: `cli:${userInfo().username}`,
};

let done: (completed: RerateCompleted) => void = () => {};
const completion = new Promise<RerateCompleted>((resolve) => { done = resolve; });
// Following from the start of the one partition finds the answer even if it is written before this
// consumer joins; the topic holds only re-ratings, so reading it whole is cheap.
const follower = await followTopic({
  kafka, topic, groupIdPrefix: `${config.topicPrefix}csms-rerate-cli`, logger, keepFollowing: true,
  onMessage: async (_partition, message) => {
    if (message.value === null || message.key?.toString('utf8') !== request.rerateId) return;
    const record = await serde.decode('rerates', message.value);
    if (record.type === 'RerateCompleted') done(record);
  },
});
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();
await producer.send({ topic, messages: [{ key: request.rerateId, value: await serde.encode('rerates', request) }] });
await producer.disconnect();
console.log(`asked for re-rating ${request.rerateId}; waiting for the processors…`);

let exitCode = 0;
const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), options.timeoutSeconds * 1000).unref());
const completed = await Promise.race([completion, timeout]);
if (completed === null) {
  console.error(`no answer within ${options.timeoutSeconds} s: are the processors running (npm start)? The request stays on ${topic} and runs when they start.`);
  exitCode = 1;
} else {
  for (const line of rerateReport(completed)) console.log(line);
  if (completed.error !== null) exitCode = 1;
}
await follower.stop();
// Exit explicitly: the schema registry client may keep idle sockets open.
process.exit(exitCode);
