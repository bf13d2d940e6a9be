import type { EpochMs, TariffId } from '../ids';
import type { Tariff } from '../reference';
import { compileTariff, type CompiledTariff } from './compiled-tariff';

interface Versions {
  /** Sorted by effectiveFrom, then version: the last entry in effect at an instant is the one that applies. */
  readonly list: CompiledTariff[];
  /** Last answer and the interval [from, until) in which it stays the answer: most records hit it. */
  hit: CompiledTariff | undefined;
  from: EpochMs;
  until: EpochMs;
}

/**
 * Every version of every tariff, compiled, answering "which version prices usage starting at t".
 * Follows the compacted `tariffs` topic: re-adding a tariffId+version replaces it, removing one drops it.
 */
export class TariffBook {
  private readonly byId = new Map<string, Versions>();
  private changes = 0;

  /** Grows with every add() and remove(): whatever was derived from an older revision may be stale. */
  get revision(): number {
    return this.changes;
  }

  /** Compiles and stores a version (replacing one with the same tariffId and version). Throws RangeError if invalid. */
  add(tariff: Tariff): CompiledTariff {
    const compiled = compileTariff(tariff);
    let versions = this.byId.get(tariff.tariffId);
    if (versions === undefined) {
      versions = { list: [], hit: undefined, from: 0, until: 0 };
      this.byId.set(tariff.tariffId, versions);
    }
    const list = versions.list;
    const same = list.findIndex((t) => t.version === compiled.version);
    if (same >= 0) list.splice(same, 1);
    const after = list.findIndex((t) => comesAfter(t, compiled));
    list.splice(after < 0 ? list.length : after, 0, compiled);
    versions.hit = undefined;
    this.changes += 1;
    return compiled;
  }

  /** Drops a version (a tombstone on the compacted topic). Returns whether it was there. */
  remove(tariffId: TariffId | string, version: number): boolean {
    const versions = this.byId.get(tariffId);
    const at = versions?.list.findIndex((t) => t.version === version) ?? -1;
    if (versions === undefined || at < 0) return false;
    versions.list.splice(at, 1);
    versions.hit = undefined;
    this.changes += 1;
    if (versions.list.length === 0) this.byId.delete(tariffId);
    return true;
  }

  /** The version that prices usage starting at `at`: greatest effectiveFrom <= at, ties to the higher version. */
  versionAt(tariffId: TariffId | string, at: EpochMs): CompiledTariff | undefined {
    const versions = this.byId.get(tariffId);
    if (versions === undefined) return undefined;
    if (versions.hit !== undefined && at >= versions.from && at < versions.until) return versions.hit;
    const list = versions.list;
    // Binary search for the last entry with effectiveFrom <= at.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.effectiveFrom <= at) lo = mid + 1;
      else hi = mid;
    }
    const found = list[lo - 1];
    if (found === undefined) return undefined;
    versions.hit = found;
    versions.from = found.effectiveFrom;
    versions.until = list[lo]?.effectiveFrom ?? Number.POSITIVE_INFINITY;
    return found;
  }

  /** All versions of a tariff, oldest effective first. */
  versionsOf(tariffId: TariffId | string): readonly CompiledTariff[] {
    return this.byId.get(tariffId)?.list ?? [];
  }

  /** Tariff ids with at least one version. */
  tariffIds(): TariffId[] {
    return [...this.byId.keys()] as TariffId[];
  }
}

const comesAfter = (a: CompiledTariff, b: CompiledTariff) =>
  a.effectiveFrom > b.effectiveFrom || (a.effectiveFrom === b.effectiveFrom && a.version > b.version);
