// Composition root of the processors: configuration, Kafka, serde, the processor and its
// metrics endpoint, and a graceful stop on SIGINT/SIGTERM.
import { once } from 'node:events';
import { createSerde } from '@csms/contracts';
import { createKafka, createLogger, ensureTopics, envReader } from '@csms/infra';
import { readProcessorConfig } from './config.ts';
import { createOpsServer } from '@csms/infra';
import { createProcessorMetrics } from './runtime/metrics.ts';
import { startProcessor } from './runtime/processor.ts';

const logger = createLogger('processors');

async function main(): Promise<void> {
  const config = readProcessorConfig(envReader());
  const { kafkaBrokers, registryUrl, topicPrefix } = config.platform;
  const metrics = createProcessorMetrics({ defaultMetrics: true });
  let healthy = false;
  const server = createOpsServer({ registry: metrics.registry, healthy: () => healthy });
  server.listen(config.metricsPort);
  await once(server, 'listening');
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: `csms-processor-${config.instanceId}`, logger });
  await ensureTopics(kafka, topicPrefix);
  const serde = await createSerde({ registryUrl, topicPrefix });
  const processor = await startProcessor({
    kafka, serde, topicPrefix, instanceId: config.instanceId, settings: config.settings, logger, metrics,
    stallMs: config.stallSeconds * 1000,
  });
  healthy = true;
  logger.info({ instanceId: config.instanceId, metricsPort: config.metricsPort }, 'processor started');
  const watchdog = setInterval(() => {
    const health = processor.health();
    if (health.status === 'ok') return;
    // Exit rather than linger outside the group: the supervisor starts a fresh process, which
    // fences this one's transactions and carries on from the committed offsets.
    logger.fatal({ health }, 'processor runtime is stuck; exiting');
    process.exit(1);
  }, 5_000);
  watchdog.unref();
  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  logger.info({ signal: signal[0] }, 'stopping');
  healthy = false;
  await processor.stop();
  server.close();
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'processor failed');
  process.exit(1);
});
