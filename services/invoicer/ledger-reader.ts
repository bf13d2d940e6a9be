import type { KafkaMessage } from 'kafkajs';
import type { DeadLetterCode, RatedRecord } from '../../libs/domain';
import { billingMonthOf, closesAt, monthAfter } from '../../libs/domain/invoicing/month-close';
import { PER_CHANNEL } from '../../libs/domain/recurring';
import type { ConsumedBatch } from '../../libs/kafka';
import type { ReferenceData } from '../../libs/pipeline/reference-data';
import { monthMember, ratedEntry, type LedgerEntry } from '../../libs/redis';
import { UndecodableRecord, type AvroTopics } from '../../libs/registry';
import { CONTROL_HEADER, readControl } from './control-marker';
import { AccountNotLoaded } from './month-closer';

/** A message the invoicer cannot bill, with the reason: it goes to the ledger's dead-letter topic. */
export interface Letter {
  readonly code: DeadLetterCode;
  readonly reason: string;
  readonly message: KafkaMessage;
}

export interface ReadBatch {
  readonly entries: LedgerEntry[];
  readonly letters: Letter[];
  /** Close times of every account-month an entry may open: its own month and, for late usage, the next. */
  readonly closeTimes: Map<string, number>;
}

export interface LedgerReaderDeps {
  readonly avro: Pick<AvroTopics, 'decode'>;
  readonly reference: Pick<ReferenceData, 'account' | 'calendars'>;
  readonly closeGraceHours: number;
}

/**
 * Turns a consumed ledger batch into ledger entries (rated records and close-through markers, in
 * offset order) and dead letters. Throws only when the registry is away (retry the batch).
 */
export class LedgerReader {
  constructor(private readonly deps: LedgerReaderDeps) {}

  async read(batch: ConsumedBatch): Promise<ReadBatch> {
    const read: ReadBatch = { entries: [], letters: [], closeTimes: new Map() };
    for (const message of batch.messages) {
      const control = readControl(message);
      if (control.kind === 'close-through') read.entries.push({ kind: 'close-through', offset: message.offset, through: control.through });
      else if (control.kind === 'invalid') read.letters.push({ code: 'INVALID_RECORD', reason: control.reason, message });
      else await this.readRated(message, read);
    }
    return read;
  }

  private async readRated(message: KafkaMessage, read: ReadBatch): Promise<void> {
    const refuse = (code: DeadLetterCode, reason: string) => void read.letters.push({ code, reason, message });
    if (!message.value || message.value.length === 0) return refuse('UNPARSEABLE', `empty value without a ${CONTROL_HEADER} header`);
    let rated: RatedRecord;
    try {
      rated = await this.deps.avro.decode<RatedRecord>(message.value);
    } catch (err) {
      if (err instanceof UndecodableRecord) return refuse('UNPARSEABLE', err.message);
      throw err; // the registry is away: retry the batch
    }
    const account = this.deps.reference.account(rated.accountId);
    if (!account) return refuse('UNKNOWN_ACCOUNT', `${rated.ratedId}: account ${rated.accountId} is not in the accounts topic`);
    if (rated.currency !== account.currency) {
      return refuse('CURRENCY_MISMATCH', `${rated.ratedId}: rated in ${rated.currency}, account ${rated.accountId} bills in ${account.currency}`);
    }
    if (billingMonthOf(rated.month) === null) return refuse('INVALID_RECORD', `${rated.ratedId}: month "${rated.month}" is not YYYY-MM`);
    try {
      // A PER_CHANNEL account's legs also count towards the month's peak of simultaneous calls.
      read.entries.push(ratedEntry(rated, message.offset, account.billingModel === PER_CHANNEL));
    } catch (err) {
      if (err instanceof RangeError) return refuse('INVALID_RECORD', `${rated.ratedId}: ${err.message}`);
      throw err;
    }
    for (const month of [rated.month, monthAfter(rated.month)]) {
      const member = monthMember({ accountId: rated.accountId, month });
      if (!read.closeTimes.has(member)) read.closeTimes.set(member, this.closeTime(rated.accountId, month));
    }
  }

  /** When `month` of the account closes by event time (its end in the account's zone + grace). */
  closeTime(accountId: string, month: string): number {
    const account = this.deps.reference.account(accountId);
    if (!account) throw new AccountNotLoaded(accountId);
    return closesAt(this.deps.reference.calendars.forZone(account.timezone), billingMonthOf(month)!, this.deps.closeGraceHours);
  }
}
