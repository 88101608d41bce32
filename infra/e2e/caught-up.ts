// Whether the projections have folded everything in Kafka: for every projection, topic and
// partition holding records, the offset stored with its rows has reached the partition's end.
// Tests wait on this rather than on the read models looking still for a while.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { topicName, type TopicName } from '@csms/contracts';
import { createKafka, createLogger } from '../src/index.ts';
import type { TestEnvironment } from '../src/test-env.ts';
import { projections } from '../../projections/src/runtime/registry.ts';

interface Behind { projection: string; topic: string; partition: number; stored: number; end: number }

async function endOffsets(env: TestEnvironment): Promise<Map<string, { topic: string; partition: number; end: number }[]>> {
  const kafka = createKafka({ brokers: env.kafkaBrokers, clientId: `${env.topicPrefix}caught-up`, logger: createLogger('caught-up', 'warn') });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<string, { topic: string; partition: number; end: number }[]>();
    const topics = new Set(projections.flatMap((p) => p.topics.map((t) => topicName(t as TopicName, env.topicPrefix))));
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      ends.set(topic, offsets.filter((o) => Number(o.high) > 0).map((o) => ({ topic, partition: o.partition, end: Number(o.high) })));
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

async function behind(env: TestEnvironment): Promise<Behind[]> {
  const ends = await endOffsets(env);
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ projection: string; topic: string; partition: number; next_offset: string }>(
      'SELECT projection, topic, partition, next_offset FROM projection_offsets');
    const stored = new Map(rows.map((r) => [`${r.projection}|${r.topic}|${r.partition}`, Number(r.next_offset)]));
    return projections.flatMap((projection) => projection.topics.flatMap((t) => {
      const topic = topicName(t as TopicName, env.topicPrefix);
      return (ends.get(topic) ?? []).map(({ partition, end }) => ({
        projection: projection.name, topic, partition, end, stored: stored.get(`${projection.name}|${topic}|${partition}`) ?? 0,
      })).filter((b) => b.stored < b.end);
    }));
  } finally {
    await client.end();
  }
}

/** Resolves once every projection has caught up with what Kafka held when it was called, or later. */
export async function projectionsCaughtUp(env: TestEnvironment, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lagging = await behind(env);
    if (lagging.length === 0) return;
    if (Date.now() > deadline) throw new Error(`projections did not catch up: ${JSON.stringify(lagging.slice(0, 5))}`);
    await sleep(200);
  }
}
