// The write path of tariffs: the whole record (every version) to the compacted 'tariffs' topic,
// then wait until the read model shows it.
import type { FastifyReply } from 'fastify';
import type { Tariff, TariffVersion } from '@csms/contracts';
import type { TariffView } from '@csms/projections/tariffs/queries.ts';
import type { AppOptions } from './app-options.ts';
import { writeConfig } from './config-writes.ts';
import { ApiError } from './errors.ts';
import { tariffResponse, withVersion, writtenTariffView } from './tariff-versions.ts';

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

/**
 * Writes `current` with `version` appended and answers 201 with the read model's row once it
 * shows the write, else 202 with what was written.
 */
export async function replyWithVersion(
  options: AppOptions, reply: FastifyReply, current: Parameters<typeof withVersion>[0],
  tariff: { id: string; name: string | null; version: TariffVersion; updatedAt: number; updatedBy: string | null },
): Promise<FastifyReply> {
  const { visible, view } = await writeTariff(options, withVersion(current, tariff));
  return reply.code(visible ? 201 : 202).send(tariffResponse(view));
}
