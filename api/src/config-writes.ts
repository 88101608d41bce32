// The write path of the config resources (id tags, charge point registrations): write the
// record (or a tombstone) to its compacted topic, then wait until the read model shows it.
import type { AppOptions, ConfigTopic } from './app-options.ts';
import { awaitVisible, type Visibility } from './read-your-writes.ts';

interface ConfigWrite<V> {
  readonly topic: ConfigTopic;
  readonly key: string;
  /** The encoded record; null deletes. */
  readonly value: Buffer | null;
  readonly read: () => Promise<V | undefined>;
  /** True once the read model reflects this write. */
  readonly shows: (row: V | undefined) => boolean;
}

export async function writeConfig<V>(options: AppOptions, write: ConfigWrite<V>): Promise<Visibility<V>> {
  await options.writer.write({ topic: write.topic, key: write.key, value: write.value });
  return awaitVisible(write.read, write.shows, { ...options.readYourWrites, clock: options.clock });
}

/**
 * The updatedAt of a replacing record: now, but strictly later than the row it replaces, so
 * waiting for "this updatedAt" cannot mistake the old row for the new one.
 */
export function nextUpdatedAt(now: number, previous: string | null): number {
  return previous === null ? now : Math.max(now, Date.parse(previous) + 1);
}
