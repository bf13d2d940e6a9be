import type { AccountId, BillingMonth, LicensedUser } from '../domain';
import type { ProvisionedPeak } from '../domain/recurring';

/**
 * What closeAccountMonth reads of the recurring facts: provisioning across months, one month's
 * licensed users and its peak of simultaneous calls. The embedded pipeline's RecurringFacts is one;
 * the invoicer's RestoredFacts (its Redis state read back) is the other, so both bill alike.
 */
export interface MonthFacts {
  readonly provisioning: Pick<ProvisionedPeak, 'devicePeak' | 'trunksProvisioned'>;
  licences(accountId: AccountId, month: BillingMonth): { users(): LicensedUser[] } | undefined;
  channels(accountId: AccountId, month: BillingMonth): { peak(): number } | undefined;
}
