// Whether the processors have decided everything the gateway and the api wrote: for every
// partition of ocpp.inbound and csms.command-requests holding records, the offset the processors
// committed (in the same Kafka transaction as the facts they produced) has reached the partition's
// end. A frame the gateway answered itself (NotifyReport, StatusNotification…) has its facts
// in the domain topics only once this holds; tests wait on it, then on projectionsCaughtUp.
import { setTimeout as sleep } from 'node:timers/promises';
import { topicName } from '@csms/contracts';
import { createKafka, createLogger } from '../src/index.ts';
import type { TestEnvironment } from '../src/test-env.ts';
import { projectionsCaughtUp } from './caught-up.ts';
import { processorGroupId } from '../../processors/src/runtime/processor-runtime.ts';

// Both are written by plain idempotent producers (the gateway, the api), so a partition's end is
// the offset after its last record, with no transaction marker beyond it.
const DECIDED_TOPICS = ['inbound', 'commandRequests'] as const;

interface Behind { topic: string; partition: number; committed: number; end: number }

/** Resolves once the processors have committed past what those topics held when it was called. */
export async function processorsCaughtUp(env: TestEnvironment, timeoutMs = 60_000): Promise<void> {
  const kafka = createKafka({ brokers: env.kafkaBrokers, clientId: `${env.topicPrefix}processors-caught-up`, logger: createLogger('processors-caught-up', 'warn') });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = DECIDED_TOPICS.map((t) => topicName(t, env.topicPrefix));
    const ends = (await Promise.all(topics.map(async (topic) => (await admin.fetchTopicOffsets(topic))
      .map((o) => ({ topic, partition: o.partition, end: Number(o.high) }))))).flat().filter((e) => e.end > 0);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const committed = await admin.fetchOffsets({ groupId: processorGroupId(env.topicPrefix), topics });
      const at = new Map(committed.flatMap((t) => t.partitions.map((p) => [`${t.topic}|${p.partition}`, Number(p.offset)] as const)));
      const behind: Behind[] = ends.map((e) => ({ ...e, committed: at.get(`${e.topic}|${e.partition}`) ?? -1 })).filter((b) => b.committed < b.end);
      if (behind.length === 0) return;
      if (Date.now() > deadline) throw new Error(`processors did not catch up: ${JSON.stringify(behind.slice(0, 5))}`);
      await sleep(200);
    }
  } finally {
    await admin.disconnect();
  }
}

/** Everything the stations and operators sent so far is decided and folded into the read models. */
export async function allCaughtUp(env: TestEnvironment, timeoutMs = 60_000): Promise<void> {
  await processorsCaughtUp(env, timeoutMs);
  await projectionsCaughtUp(env, timeoutMs);
}
