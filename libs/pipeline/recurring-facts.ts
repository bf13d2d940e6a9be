import type { AccountId, BillingMonth, ProvisioningEvent, UsageRecord, UserActivity } from '../domain';
import type { AccountMonth } from '../domain/invoicing';
import { ProvisionedPeak, UserLicences, type ProvisioningOutcome } from '../domain/recurring';
import { AccountMonths } from './account-months';
import { ChannelWatch } from './channel-watch';

/**
 * What the month's recurring charges are counted from, in memory (the embedded twin of the invoicer's
 * Redis state): provisioning per account across months, licences per account and month, and the
 * simultaneous calls of PER_CHANNEL accounts per month. Each add is O(1) amortised (ProvisionedPeak:
 * O(changes of the one device)), so feeding it stays off the per-CDR cost.
 */
export class RecurringFacts {
  readonly provisioning = new ProvisionedPeak();
  readonly #licences = new AccountMonths(() => new UserLicences());
  readonly #channels = new AccountMonths(() => new ChannelWatch());

  addProvisioning(event: ProvisioningEvent): ProvisioningOutcome {
    return this.provisioning.add(event);
  }

  /** Any activity makes the month one with activity, even one that earns no licence (a desk phone). */
  addActivity(activity: UserActivity, month: BillingMonth): void {
    this.#licences.at(activity.accountId, month).add(activity);
  }

  /** A rated LEG of a PER_CHANNEL account, in the month its usage is billed in. */
  addChannelLeg(leg: UsageRecord, month: BillingMonth): void {
    this.#channels.at(leg.accountId, month).add(leg);
  }

  licences(accountId: AccountId, month: BillingMonth): UserLicences | undefined {
    return this.#licences.get(accountId, month);
  }

  channels(accountId: AccountId, month: BillingMonth): ChannelWatch | undefined {
    return this.#channels.get(accountId, month);
  }

  /** Account-months with user activity, by account then month. */
  activityMonths(): AccountMonth[] {
    return this.#licences.entries().map(({ accountId, month }) => ({ accountId, month }));
  }

  /** PER_CHANNEL account-months with legs, by account then month. */
  channelMonths(): (AccountMonth & { readonly value: ChannelWatch })[] {
    return this.#channels.entries();
  }
}
