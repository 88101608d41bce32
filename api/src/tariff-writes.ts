// The write path of tariffs: the whole record (every version) to the compacted 'tariffs' topic,
// then wait until the read model shows it.
import type { Tariff } from '@csms/contracts';
import type { TariffView } from '@csms/projections/tariffs/queries.ts';
import type { AppOptions } from './app-options.ts';
import { writeConfig } from './config-writes.ts';
import { ApiError } from './errors.ts';
import { writtenTariffView } from './tariff-versions.ts';

export async function existingTariff(options: AppOptions, id: string): Promise<TariffView> {
  const found = await options.billing.reads.findTariff(options.pool, id);
  if (found === undefined) throw new ApiError('TARIFF_NOT_FOUND', `tariff ${id} not found`);
  return found;
}

/** Not yet visible: answers with what was written, never with the row it replaces. */
export async function writeTariff(options: AppOptions, record: Tariff): Promise<{ visible: boolean; view: TariffView }> {
  const expected = new Date(record.updatedAt).toISOString();
  const { visible, value } = await writeConfig(options, {
    topic: 'tariffs', key: record.id, value: await options.serde.encode('tariffs', record),
    read: () => options.billing.reads.findTariff(options.pool, record.id), shows: (row) => row?.updatedAt === expected,
  });
  return { visible, view: visible && value ? value : writtenTariffView(record) };
}
