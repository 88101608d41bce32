// Which version of a tariff prices an instant: the one with the highest validFrom at or before
// it, so a price change applies from its validFrom even in the middle of a session.
import type { TariffVersion } from './tariff.ts';

export class PricingInputError extends Error {
  readonly code: 'NO_TARIFF_VERSIONS' | 'MIXED_TARIFFS';
  readonly retriable = false;
  constructor(code: 'NO_TARIFF_VERSIONS' | 'MIXED_TARIFFS', message: string) {
    super(message);
    this.code = code;
  }
}

/** The versions by validFrom (then version), after checking they are one tariff in one currency. */
export function orderedVersions(versions: readonly TariffVersion[]): TariffVersion[] {
  const first = versions[0];
  if (first === undefined) throw new PricingInputError('NO_TARIFF_VERSIONS', 'pricing needs at least one tariff version');
  if (versions.some((version) => version.id !== first.id || version.currency !== first.currency)) {
    throw new PricingInputError('MIXED_TARIFFS', 'tariff versions must share one id and one currency');
  }
  return [...versions].sort((a, b) => a.validFrom - b.validFrom || a.version - b.version);
}

/**
 * The version in force at an instant. Before the first validFrom, the version in force at the
 * first validFrom: when several versions share it, the highest, as from that instant on.
 */
export function versionAt(ordered: readonly TariffVersion[], instant: number): TariffVersion {
  const first = ordered[0] as TariffVersion;
  const at = Math.max(instant, first.validFrom);
  let current = first;
  for (const version of ordered) {
    if (version.validFrom <= at) current = version;
  }
  return current;
}

/** The instants in (from, to) at which another version takes over. */
export function versionChanges(ordered: readonly TariffVersion[], from: number, to: number): number[] {
  return [...new Set(ordered.map((version) => version.validFrom).filter((at) => at > from && at < to))];
}

/** The version with the highest number: a change appends one, so it is the newest (not necessarily the one in force). */
export function newestVersion(versions: readonly TariffVersion[]): TariffVersion | undefined {
  let newest: TariffVersion | undefined;
  for (const version of versions) if (newest === undefined || version.version > newest.version) newest = version;
  return newest;
}
