// A single-node Apache Kafka broker in KRaft mode (broker and controller in one process),
// run from the Maven Central jars; the download is cached outside the work tree.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KAFKA_VERSION, cacheDir } from './paths.ts';
import { portOpen, readyOrKilled, run, startProcess, type Managed } from './processes.ts';

const kafkaHome = join(cacheDir, `kafka-${KAFKA_VERSION}`);
const libs = join(kafkaHome, 'libs');

const pom = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.csms</groupId><artifactId>kafka-runtime</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
`;

const log4j = `log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.BrokerServer=INFO
`;

export async function fetchKafka(): Promise<void> {
  const marker = join(libs, '.complete');
  if (existsSync(marker)) return;
  console.log(`fetching Apache Kafka ${KAFKA_VERSION} from Maven Central into ${kafkaHome}`);
  mkdirSync(kafkaHome, { recursive: true });
  writeFileSync(join(kafkaHome, 'pom.xml'), pom);
  writeFileSync(join(kafkaHome, 'log4j.properties'), log4j);
  await run('mvn', ['-q', '-B', '-f', join(kafkaHome, 'pom.xml'), 'dependency:copy-dependencies',
    `-DoutputDirectory=${libs}`, '-DincludeScope=runtime']);
  writeFileSync(marker, new Date().toISOString());
}

export interface KafkaBrokerOptions {
  readonly port: number;
  readonly controllerPort: number;
  readonly dataDir: string;
  readonly logFile: string;
}

function serverProperties({ port, controllerPort, dataDir }: KafkaBrokerOptions): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${join(dataDir, 'logs')}`,
    'num.partitions=12',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=12',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=12',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    // Transactions of a killed processor are aborted by its successor; this bounds the wait otherwise.
    'transaction.max.timeout.ms=900000',
    '',
  ].join('\n');
}

export async function startKafka(options: KafkaBrokerOptions): Promise<Managed> {
  if (await portOpen(options.port)) throw new Error(`port ${options.port} is taken: is another Kafka running?`);
  mkdirSync(options.dataDir, { recursive: true });
  const properties = join(options.dataDir, 'server.properties');
  writeFileSync(properties, serverProperties(options));
  const java = ['-cp', join(libs, '*'), `-Dlog4j.configuration=file:${join(kafkaHome, 'log4j.properties')}`];
  if (!existsSync(join(options.dataDir, 'logs', 'meta.properties'))) {
    await run('java', [...java, 'kafka.tools.StorageTool', 'format', '--ignore-formatted',
      '-t', 'MkU3OEVBNTcwNTJENDM2Qk', '-c', properties], { stdio: 'ignore' });
  }
  const broker = startProcess('kafka', 'java', ['-Xms256m', '-Xmx1g', '-XX:+UseG1GC', ...java, 'kafka.Kafka', properties],
    { logFile: options.logFile });
  return readyOrKilled(broker, 'Kafka broker', () => portOpen(options.port), 90_000);
}
