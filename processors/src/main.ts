// Composition root of the processors: configuration, Kafka, serde, the processor, the
// certificate authority when a CA is configured, the re-rating runner, their metrics endpoint, and a graceful stop
// on SIGINT/SIGTERM.
import { once } from 'node:events';
import type { Kafka } from 'kafkajs';
import { createSerde, type Serde } from '@csms/contracts';
import {
  CertificateError, createKafka, createLogger, createOpsServer, ensureTopics, envReader, kafkaProbe, readCertificateAuthority, registryProbe,
  watchDependencies,
} from '@csms/infra';
import type { SignerSettings } from './certificates/sign-request.ts';
import { startCertificateSigner, type CertificateSigner } from './certificates/signer.ts';
import { createSignerMetrics } from './certificates/signer-metrics.ts';
import { startRerateRunner } from './billing/rerater.ts';
import { readProcessorConfig, type ProcessorConfig } from './config.ts';
import type { RuntimeHealth } from './runtime/batch-watch.ts';
import { createProcessorMetrics, type ProcessorMetrics } from './runtime/metrics.ts';
import { holdBeforeCommit } from './runtime/hold-before-commit.ts';
import { startProcessor } from './runtime/processor.ts';

const logger = createLogger('processors');
/** A re-rating reads the whole sessions and billing topics: minutes on a large log are not a stall. */
const RERATE_STALL_MS = 15 * 60_000;

/** The CA that signs station CSRs, if one is configured, read and checked before anything connects. */
async function readSignerSettings(config: ProcessorConfig): Promise<SignerSettings | null> {
  if (config.certificateAuthority === null) return null;
  const authority = await readCertificateAuthority(config.certificateAuthority);
  const { notAfter } = authority.certificate;
  if (notAfter.getTime() <= Date.now()) throw new CertificateError('CA_EXPIRED', `the station CA expired at ${notAfter.toISOString()}`);
  logger.info({ ca: authority.certificate.subject, notAfter: authority.certificate.notAfter }, 'signing station CSRs');
  return { authority, validityDays: config.certificateAuthority.validityDays };
}

function startSigner(
  config: ProcessorConfig, settings: SignerSettings, kafka: Kafka, serde: Serde, metrics: ProcessorMetrics,
): Promise<CertificateSigner> {
  return startCertificateSigner({
    kafka, serde, topicPrefix: config.platform.topicPrefix, settings,
    logger, metrics: createSignerMetrics(metrics.registry), maxAttempts: 3, stallMs: config.stallSeconds * 1000,
  });
}

/** The first runtime that is not ok, or ok. */
function overall(...healths: RuntimeHealth[]): RuntimeHealth {
  return healths.find((health) => health.status !== 'ok') ?? { status: 'ok' };
}

async function main(): Promise<void> {
  const config = readProcessorConfig(envReader());
  const signerSettings = await readSignerSettings(config);
  const { kafkaBrokers, registryUrl, topicPrefix } = config.platform;
  const metrics = createProcessorMetrics({ defaultMetrics: true });
  let health: (() => RuntimeHealth) | null = null;
  const dependencies = watchDependencies([kafkaProbe(kafkaBrokers, `csms-processor-${config.instanceId}`), registryProbe(registryUrl)]);
  const server = createOpsServer({ registry: metrics.registry, healthy: () => health?.().status === 'ok', unreachable: dependencies.unreachable });
  server.listen(config.metricsPort);
  await once(server, 'listening');
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: `csms-processor-${config.instanceId}`, logger });
  await ensureTopics(kafka, topicPrefix);
  const serde = await createSerde({ registryUrl, topicPrefix });
  const processor = await startProcessor({
    kafka, serde, topicPrefix, instanceId: config.instanceId, settings: config.settings, logger, metrics,
    stallMs: config.stallSeconds * 1000,
    beforeCommit: config.holdBeforeCommitFile === null ? undefined : holdBeforeCommit(config.holdBeforeCommitFile, logger),
  });
  const signer = signerSettings === null ? null : await startSigner(config, signerSettings, kafka, serde, metrics);
  const rerater = await startRerateRunner({ kafka, serde, topicPrefix, settings: config.settings, logger, stallMs: RERATE_STALL_MS });
  const runtimeHealth = (): RuntimeHealth => overall(processor.health(), signer?.health() ?? { status: 'ok' }, rerater.health());
  health = runtimeHealth;
  logger.info({ instanceId: config.instanceId, metricsPort: config.metricsPort }, 'processor started');
  const watchdog = setInterval(() => {
    const current = runtimeHealth();
    if (current.status === 'ok') return;
    // Exit rather than linger outside the group: the supervisor starts a fresh process, which
    // fences this one's transactions and carries on from the committed offsets.
    logger.fatal({ health: current }, 'processor runtime is stuck; exiting');
    process.exit(1);
  }, 5_000);
  watchdog.unref();
  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  logger.info({ signal: signal[0] }, 'stopping');
  health = null;
  // Side by side: each consumer's leaving may wait out a fetch in flight (up to its max wait).
  await Promise.all([signer?.stop(), rerater.stop(), processor.stop(), dependencies.stop()]);
  server.close();
  logger.info('stopped');
  // Everything is handed over; nothing left open (a client's idle connection) may hold the exit.
  process.exit(0);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'processor failed');
  process.exit(1);
});
