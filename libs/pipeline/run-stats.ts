import type { DeadLetterCode } from '../domain';

/** Counts an operator reads after a run; kept per run, never per record in logs. */
export class RunStats {
  cdrsRead = 0;
  usageRecords = 0;
  rated = 0;
  failedAttempts = 0;
  duplicates = 0;
  /** Provisioning events and user activities read (valid or not), beside the CDRs. */
  provisioningEvents = 0;
  userActivities = 0;
  /** Set when the months are closed: limit events raised and recurring charges that could not be billed. */
  limitEvents = 0;
  warnings = 0;
  readonly deadLettersByCode = new Map<DeadLetterCode, number>();
  /** Dead letters per `account|month` where the account (and so the month) is known, else per account or '-'. */
  readonly deadLettersByAccountMonth = new Map<string, number>();

  get deadLetters(): number {
    let n = 0;
    for (const v of this.deadLettersByCode.values()) n += v;
    return n;
  }

  countDeadLetter(code: DeadLetterCode, accountId: string | null, month: string | null): void {
    this.deadLettersByCode.set(code, (this.deadLettersByCode.get(code) ?? 0) + 1);
    const key = `${accountId ?? '-'}|${month ?? '-'}`;
    this.deadLettersByAccountMonth.set(key, (this.deadLettersByAccountMonth.get(key) ?? 0) + 1);
  }
}
