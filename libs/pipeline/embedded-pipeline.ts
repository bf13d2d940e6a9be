import type {
  AccountId, DeadLetter, Invoice, MediaCdr, RatedRecord, SipCoreCdr, SourceRef, Stage,
} from '../domain';
import { normalizeForAccount } from '../domain/normalize';
import { rateUsage } from '../domain/rating';
import { MonthLedger, buildInvoice, usageCharges } from '../domain/invoicing';
import type { Decoded } from '../schema';
import type { Deduplicator } from './deduplicator';
import { FingerprintSet } from './fingerprint-set';
import type { ReferenceData } from './reference-data';
import { RunStats } from './run-stats';

export type CdrKind = 'sipcore' | 'media';

export interface PipelineSinks {
  deadLetter(letter: DeadLetter, accountId: string | null): void;
  /** Every rated record, when the caller keeps a ledger file. */
  rated?(record: RatedRecord): void;
}

/**
 * The whole pipeline in one process: decode -> normalize -> rate -> dedupe -> month ledger.
 * Each stage is the same pure domain function the Kafka services run; only the transport differs.
 * Nothing here reads a clock or a file: callers feed decoded records and collect invoices at the end.
 */
export class EmbeddedPipeline {
  readonly stats = new RunStats();
  private readonly ledger = new MonthLedger();

  constructor(
    private readonly reference: ReferenceData,
    private readonly sinks: PipelineSinks,
    private readonly seen: Deduplicator = new FingerprintSet(),
  ) {}

  private readonly isKnownAccount = (id: string): boolean => this.reference.account(id) !== undefined;

  /** One input record as the schema layer decoded it (or failed to), with its original bytes. */
  accept(kind: CdrKind, decoded: Decoded<SipCoreCdr | MediaCdr>, source: SourceRef, original: Uint8Array | string): void {
    this.stats.cdrsRead++;
    if (!decoded.ok) {
      this.reject({ code: decoded.code, reason: decoded.reason, stage: 'ingest', source, original }, null, null);
      return;
    }
    this.normalizeAndRate(kind, decoded.value, source, original);
  }

  private normalizeAndRate(kind: CdrKind, record: SipCoreCdr | MediaCdr, source: SourceRef, original: Uint8Array | string): void {
    const raw = kind === 'sipcore' ? { kind, record: record as SipCoreCdr } : { kind, record: record as MediaCdr };
    const outcome = normalizeForAccount(raw, source, this.isKnownAccount);
    if (!outcome.ok) {
      const start = 'setupAt' in record ? record.setupAt : record.startAt;
      this.reject({ code: outcome.code, reason: outcome.reason, stage: 'normalize', source, original }, record.accountId, start);
      return;
    }
    for (const usage of outcome.usage) {
      const rating = rateUsage(usage, this.reference);
      if (!rating.ok) {
        const reason = `${usage.usageId}: ${rating.reason}`;
        this.reject({ code: rating.code, reason, stage: 'rate', source, original }, usage.accountId, usage.startAt);
        continue;
      }
      // Marked seen only once rated, so a dead-lettered leg can be replayed later and still bill.
      if (!this.seen.firstSeen(usage.usageId)) {
        this.stats.duplicates++;
        continue;
      }
      this.stats.usageRecords++;
      if (rating.rated === null) {
        this.stats.failedAttempts++;
        continue;
      }
      this.stats.rated++;
      this.ledger.add(rating.rated);
      this.sinks.rated?.(rating.rated);
    }
  }

  /** One invoice per account and month that has usage, in a stable order. */
  invoices(): Invoice[] {
    return this.ledger.accountMonths().map(({ accountId, month }) => {
      const account = this.reference.account(accountId);
      if (!account) throw new Error(`invariant: rated usage for unknown account ${accountId}`);
      return buildInvoice({ account, month, charges: usageCharges(this.ledger.totals(accountId, month)) });
    });
  }

  private reject(letter: DeadLetter & { stage: Stage }, accountId: AccountId | string | null, at: number | null): void {
    const account = accountId === null ? undefined : this.reference.account(accountId);
    const month = account && at !== null ? this.reference.calendars.forZone(account.timezone).monthOf(at) : null;
    this.stats.countDeadLetter(letter.code, accountId, month);
    this.sinks.deadLetter(letter, accountId);
  }
}
