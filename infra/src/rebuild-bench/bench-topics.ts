// The benchmark's topics: all of the system's (ensureTopics), under a prefix of the run's own, so
// that it never writes to a live system's topics. It refuses a prefix whose topics exist, so that
// it writes only to topics it created and deletes only those; and so what its dead-letter topic
// holds is what its rebuild set aside.
import type { Kafka } from 'kafkajs';
import { topicName, topics, type TopicName } from '@csms/contracts';

export class BenchTopicsError extends Error {
  readonly code = 'BENCH_TOPICS_EXIST';
  readonly retriable = false;
}

const namesOf = (topicPrefix: string): string[] => (Object.keys(topics) as TopicName[]).map((topic) => topicName(topic, topicPrefix));

async function withAdmin<T>(kafka: Kafka, work: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Throws when any topic of the prefix exists: those are someone else's (a live system's, or an earlier run kept). */
export async function refuseTakenPrefix(kafka: Kafka, topicPrefix: string): Promise<void> {
  const wanted = new Set(namesOf(topicPrefix));
  const taken = (await withAdmin(kafka, (admin) => admin.listTopics())).filter((name) => wanted.has(name));
  if (taken.length > 0) {
    throw new BenchTopicsError(`topics with prefix ${JSON.stringify(topicPrefix)} exist already (${taken.join(', ')}): choose another --prefix`);
  }
}

export async function deleteBenchTopics(kafka: Kafka, topicPrefix: string): Promise<void> {
  const ours = new Set(namesOf(topicPrefix));
  await withAdmin(kafka, async (admin) => {
    const existing = (await admin.listTopics()).filter((name) => ours.has(name));
    if (existing.length > 0) await admin.deleteTopics({ topics: existing });
  });
}

/**
 * The records on the run's dead-letter topic, its partitions' high watermarks added up: this run
 * made it and only its rebuild writes to it, without transactions, so every offset is a dead
 * letter (one a retried batch wrote again counts twice; any at all makes the run suspect).
 */
export async function deadLetterCount(kafka: Kafka, topicPrefix: string): Promise<number> {
  const partitions = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topicName('deadLetter', topicPrefix)));
  return partitions.reduce((sum, { high }) => sum + Number(high), 0);
}
