// Composition root of `npm run api-key`: reads the api-keys topic to its end, runs one command,
// writes what it changes straight to the topic (the api follows it). Kafka and the registry as
// the services find them: KAFKA_BROKERS, SCHEMA_REGISTRY_URL, CSMS_TOPIC_PREFIX.
import { userInfo } from 'node:os';
import { createSerde, topicName } from '@csms/contracts';
import { createKafka, createLogger, ensureTopics, envReader, followCompactedTable, readPlatformConfig } from '@csms/infra';
import { apiKeyDirectory } from '../src/auth/api-keys.ts';
import { CliError, parseCommand, runCommand } from './api-key-cli.ts';

async function main(argv: readonly string[]): Promise<void> {
  const command = parseCommand(argv);
  const env = envReader();
  const platform = readPlatformConfig(env);
  env.done();
  const logger = createLogger('api-key', process.env.LOG_LEVEL ?? 'warn');
  const kafka = createKafka({ brokers: platform.kafkaBrokers, clientId: 'csms-api-key-cli', logger });
  await ensureTopics(kafka, platform.topicPrefix, ['apiKeys']);
  const serde = await createSerde({ registryUrl: platform.registryUrl, topicPrefix: platform.topicPrefix });
  const topic = topicName('apiKeys', platform.topicPrefix);
  const keys = apiKeyDirectory();
  const table = await followCompactedTable({
    kafka, logger, topic, groupIdPrefix: `${platform.topicPrefix}csms-api-key-cli`,
    decode: (bytes) => serde.decode('apiKeys', bytes), onChange: (id, key) => keys.apply(id, key),
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  try {
    await table.ready;
    await producer.connect();
    await runCommand(command, {
      keys, now: () => Date.now(), user: userInfo().username, print: (line) => console.log(line),
      write: async (key) => { await producer.send({ topic, acks: -1, messages: [{ key: key.id, value: await serde.encode('apiKeys', key) }] }); },
    });
  } finally {
    await Promise.allSettled([table.stop(), producer.disconnect()]);
  }
}

try {
  await main(process.argv.slice(2));
  process.exit(0);
} catch (error) {
  console.error(error instanceof CliError || error instanceof TypeError ? error.message : error);
  process.exit(error instanceof CliError ? error.exitCode : 1);
}
