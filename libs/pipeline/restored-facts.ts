import type { AccountId, BillingMonth, LicensedUser, ProvisioningEvent } from '../domain';
import { ProvisionedPeak, UserLicences } from '../domain/recurring';
import { ChannelWatch, type ChannelLeg } from './channel-watch';
import type { MonthFacts } from './month-facts';

/** One provisioning change as the invoicer keeps it: an event without its id (ids do not count). */
export type ProvisioningFact = Pick<ProvisioningEvent, 'subject' | 'subjectId' | 'action' | 'at'>;

const monthKey = (accountId: string, month: string) => `${accountId}|${month}`;

/**
 * The recurring facts of the account-months being invoiced, rebuilt from plain data (the invoicer's
 * Redis state) into the same domain objects RecurringFacts keeps, so closeAccountMonth bills them
 * exactly as the embedded pipeline does. Provisioning changes go through ProvisionedPeak.add, which
 * neither minds their order nor counts one twice; licences and channel legs are per month.
 */
export class RestoredFacts implements MonthFacts {
  readonly provisioning = new ProvisionedPeak();
  readonly #licences = new Map<string, UserLicences>();
  readonly #channels = new Map<string, ChannelWatch>();

  /** Changes of an account's devices and trunks, of any month, in any order. */
  provisioned(accountId: AccountId, changes: readonly ProvisioningFact[]): void {
    for (const change of changes) this.provisioning.add({ eventId: '', accountId, ...change });
  }

  /** The licensed users of an account-month (an empty list for a month with activity but no licence). */
  licensed(accountId: AccountId, month: BillingMonth, users: readonly LicensedUser[]): void {
    this.#licences.set(monthKey(accountId, month), UserLicences.restore(users));
  }

  /** The call legs of a PER_CHANNEL account-month. */
  called(accountId: AccountId, month: BillingMonth, legs: readonly ChannelLeg[]): void {
    const watch = new ChannelWatch();
    for (const leg of legs) watch.add(leg);
    this.#channels.set(monthKey(accountId, month), watch);
  }

  licences(accountId: AccountId, month: BillingMonth): UserLicences | undefined {
    return this.#licences.get(monthKey(accountId, month));
  }

  channels(accountId: AccountId, month: BillingMonth): ChannelWatch | undefined {
    return this.#channels.get(monthKey(accountId, month));
  }
}
