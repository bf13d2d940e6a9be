import type {
  AccountId, DeadLetter, Invoice, LimitEvent, MediaCdr, ProvisioningEvent, RatedRecord, SipCoreCdr, SourceRef, Stage,
  UserActivity,
} from '../domain';
import { normalizeForAccount } from '../domain/normalize';
import { rateUsage } from '../domain/rating';
import { MonthLedger } from '../domain/invoicing';
import { applyBillingModel, PER_CHANNEL } from '../domain/recurring';
import type { Decoded } from '../schema';
import type { Deduplicator } from './deduplicator';
import { FingerprintSet } from './fingerprint-set';
import { closeMonths, limitEvents, type ClosedMonths } from './close-months';
import { PlanLimits, withFlags } from './plan-limits';
import { RecurringFacts } from './recurring-facts';
import type { ReferenceData } from './reference-data';
import { RunStats } from './run-stats';

export type CdrKind = 'sipcore' | 'media';

export interface PipelineSinks {
  deadLetter(letter: DeadLetter, accountId: string | null): void;
  /** Every rated record, when the caller keeps a ledger file. */
  rated?(record: RatedRecord): void;
}

type Original = Uint8Array | string;

/**
 * The whole pipeline in one process: decode -> normalize -> rate -> dedupe -> month ledger, with
 * provisioning and user activity counted beside it for the recurring charges. Each stage is the same
 * pure domain function the Kafka services run; only the transport differs. Nothing here reads a clock
 * or a file: callers feed decoded records and events (in any order) and close the months at the end.
 */
export class EmbeddedPipeline {
  readonly stats = new RunStats();
  private readonly ledger = new MonthLedger();
  private readonly facts = new RecurringFacts();
  /**
   * Tariff-plan limit events (libs/domain/limits), in arrival order; their flags go on the rated
   * records. limitEvents() lists them with the PER_CHANNEL LINES events.
   */
  private readonly planLimitEvents: LimitEvent[] = [];
  private readonly planLimits: PlanLimits;

  constructor(
    private readonly reference: ReferenceData,
    private readonly sinks: PipelineSinks,
    private readonly seen: Deduplicator = new FingerprintSet(),
  ) {
    this.planLimits = new PlanLimits(reference, this.planLimitEvents);
  }

  private readonly isKnownAccount = (id: string): boolean => this.reference.account(id) !== undefined;

  /** One input record as the schema layer decoded it (or failed to), with its original bytes. */
  accept(kind: CdrKind, decoded: Decoded<SipCoreCdr | MediaCdr>, source: SourceRef, original: Original): void {
    this.stats.cdrsRead++;
    if (!decoded.ok) {
      this.reject({ code: decoded.code, reason: decoded.reason, stage: 'ingest', source, original }, null, null);
      return;
    }
    this.normalizeAndRate(kind, decoded.value, source, original);
  }

  /** A provisioning event of any month: the state carries across months (SPEC 2.3). */
  acceptProvisioning(decoded: Decoded<ProvisioningEvent>, source: SourceRef, original: Original): void {
    this.stats.provisioningEvents++;
    const event = this.knownAccountEvent(decoded, source, original);
    if (event) this.facts.addProvisioning(event);
  }

  /** A user activity (registrations): counted for the licences of its month in the account's zone. */
  acceptActivity(decoded: Decoded<UserActivity>, source: SourceRef, original: Original): void {
    this.stats.userActivities++;
    const activity = this.knownAccountEvent(decoded, source, original);
    if (!activity) return;
    const account = this.reference.account(activity.accountId)!;
    this.facts.addActivity(activity, this.reference.calendars.forZone(account.timezone).monthOf(activity.at));
  }

  private knownAccountEvent<T extends ProvisioningEvent | UserActivity>(decoded: Decoded<T>, source: SourceRef, original: Original): T | null {
    if (!decoded.ok) {
      this.reject({ code: decoded.code, reason: decoded.reason, stage: 'ingest', source, original }, null, null);
      return null;
    }
    const { accountId, eventId } = decoded.value;
    if (this.isKnownAccount(accountId)) return decoded.value;
    const reason = `account ${accountId} is not known; event ${eventId} cannot count for anyone's recurring charges`;
    this.reject({ code: 'UNKNOWN_ACCOUNT', reason, stage: 'ingest', source, original }, accountId, null);
    return null;
  }

  private normalizeAndRate(kind: CdrKind, record: SipCoreCdr | MediaCdr, source: SourceRef, original: Original): void {
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
      // Limits count deduplicated usage in arrival order, failed attempts too (failed calls); usage past
      // a limit is still rated, only flagged.
      const flags = this.planLimits.observe(usage);
      if (rating.rated === null) {
        this.stats.failedAttempts++;
        continue;
      }
      let rated = withFlags(rating.rated, flags);
      const account = this.reference.account(usage.accountId)!;
      if (account.billingModel === PER_CHANNEL) {
        rated = applyBillingModel(rated, account);
        if (usage.kind === 'LEG') this.facts.addChannelLeg(usage, rated.month);
      }
      this.stats.rated++;
      this.ledger.add(rated);
      this.sinks.rated?.(rated);
    }
  }

  /**
   * Invoices, limit events and warnings, in a stable order: an invoice for every account and month
   * (in its zone) with rated usage or user activity (see invoiceMonths). Feed everything first.
   */
  closeMonths(): ClosedMonths {
    const closed = closeMonths(this.reference, this.ledger, this.facts, this.planLimitEvents);
    this.stats.limitEvents = closed.limitEvents.length;
    this.stats.warnings = closed.warnings.length;
    return closed;
  }

  invoices(): Invoice[] {
    return this.closeMonths().invoices;
  }

  limitEvents(): LimitEvent[] {
    return limitEvents(this.reference, this.facts, this.planLimitEvents);
  }

  private reject(letter: DeadLetter & { stage: Stage }, accountId: AccountId | string | null, at: number | null): void {
    const account = accountId === null ? undefined : this.reference.account(accountId);
    const month = account && at !== null ? this.reference.calendars.forZone(account.timezone).monthOf(at) : null;
    this.stats.countDeadLetter(letter.code, accountId, month);
    this.sinks.deadLetter(letter, accountId);
  }
}
