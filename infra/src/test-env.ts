// Where integration tests find Kafka, the schema registry and PostgreSQL.
// - KAFKA_BROKERS set (npm test, .ci/run, npm start): the endpoints from the environment.
// - otherwise, with a Docker engine: throwaway containers started by testcontainers.
// Each call also gets a unique topic prefix and a fresh database, so tests never share state.
import { randomBytes } from 'node:crypto';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { databaseUrlOn, dropDatabase } from './databases.ts';
import { migrate } from './migrate.ts';

export interface TestEnvironment {
  readonly kafkaBrokers: string[];
  readonly registryUrl: string;
  /** A fresh, migrated database for this test file. */
  readonly databaseUrl: string;
  /** Unique per call: prefix every topic and consumer group with it. */
  readonly topicPrefix: string;
  stop(): Promise<void>;
}

interface Endpoints {
  kafkaBrokers: string[];
  registryUrl: string;
  databaseUrl: string;
  containers: StartedTestContainer[];
}

async function fromContainers(): Promise<Endpoints> {
  const postgres = await new GenericContainer('postgres:15')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/ready to accept connections/, 2))
    .start();
  const kafka = await new GenericContainer('apache/kafka:3.9.1')
    .withExposedPorts({ container: 9092, host: 39092 })
    .withEnvironment({
      KAFKA_NODE_ID: '1', KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://127.0.0.1:39092',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER', KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1', KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1', KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forListeningPorts())
    .start();
  const registry = await new GenericContainer('apicurio/apicurio-registry:3.3.3')
    .withExposedPorts(8080)
    .withWaitStrategy(Wait.forHttp('/apis/ccompat/v7/config', 8080))
    .start();
  return {
    kafkaBrokers: [`127.0.0.1:39092`],
    registryUrl: `http://${registry.getHost()}:${registry.getMappedPort(8080)}/apis/ccompat/v7`,
    databaseUrl: `postgres://postgres@${postgres.getHost()}:${postgres.getMappedPort(5432)}/postgres`,
    containers: [registry, kafka, postgres],
  };
}

function fromEnvironment(): Endpoints {
  return {
    kafkaBrokers: process.env.KAFKA_BROKERS!.split(','),
    registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/csms',
    containers: [],
  };
}

export async function startTestEnvironment(): Promise<TestEnvironment> {
  const endpoints = process.env.KAFKA_BROKERS ? fromEnvironment() : await fromContainers();
  const id = randomBytes(4).toString('hex');
  const databaseUrl = databaseUrlOn(endpoints.databaseUrl, `csms_test_${id}`);
  await migrate(databaseUrl);
  return {
    kafkaBrokers: endpoints.kafkaBrokers,
    registryUrl: endpoints.registryUrl,
    databaseUrl,
    topicPrefix: `test-${id}.`,
    async stop() {
      await dropDatabase(databaseUrl);
      for (const container of endpoints.containers) await container.stop();
    },
  };
}
