// The gateway's composition root: the only place that reads the environment and creates
// infrastructure.
import { createSerde } from '@csms/contracts';
import { createKafka, createLogger, ensureTopics, envReader, readPlatformConfig } from '@csms/infra';
import { buildApp } from './build-app.ts';
import { readGatewayConfig } from './config.ts';
import { createConnectionRegistry } from './connection-registry.ts';
import { createKafkaWriter } from './kafka-writer.ts';
import { createMetrics } from './metrics.ts';
import { createOutboundConsumer } from './outbound-consumer.ts';
import { createOutboundDispatcher } from './outbound-dispatcher.ts';
import { systemTimers } from './timers.ts';

const env = envReader();
const platform = readPlatformConfig(env);
const config = readGatewayConfig(env);
env.done();

const logger = createLogger('gateway').child({ node: config.node });
const kafka = createKafka({ brokers: platform.kafkaBrokers, clientId: `csms-gateway-${config.node}`, logger });
await ensureTopics(kafka, platform.topicPrefix);
const serde = await createSerde({ registryUrl: platform.registryUrl, topicPrefix: platform.topicPrefix });

const metrics = createMetrics({ defaultMetrics: true });
const registry = createConnectionRegistry();
const inbound = createKafkaWriter({
  kafka, serde, topicPrefix: platform.topicPrefix, maxBatchSize: config.maxBatchSize, maxBatchBytes: config.maxBatchBytes,
  metrics, logger: logger.child({ component: 'kafka-writer' }), recoverEveryMs: 2_000,
});
const outboundLogger = logger.child({ component: 'outbound' });
const outbound = createOutboundConsumer({
  kafka, serde, topicPrefix: platform.topicPrefix, node: config.node, metrics,
  dispatcher: createOutboundDispatcher({ node: config.node, registry, inbound, metrics, clock: Date.now, logger: outboundLogger }),
  logger: outboundLogger,
});
await inbound.connect();
await outbound.start();
outbound.watch((reason) => {
  // Without its outbound consumer this node can take frames but never answer them: better
  // to drop the sockets (stations reconnect, to another node or to a fresh one) than to linger.
  logger.fatal({ reason }, 'outbound consumer lost; exiting');
  process.exit(1);
});

const app = await buildApp({
  config, logger, registry, inbound, metrics, clock: Date.now, timers: systemTimers,
  kafkaHealth: () => ({ producer: inbound.state(), consumer: outbound.state() }),
});
await app.listen({ host: config.host, port: config.port });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  try {
    // Stops accepting, closes every socket with 1001, waits briefly for the close handshakes.
    await app.close();
    await outbound.stop();
    // Connected/frames/Disconnected still queued go out before the producer disconnects.
    await inbound.close();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'unclean shutdown');
    process.exit(1);
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
