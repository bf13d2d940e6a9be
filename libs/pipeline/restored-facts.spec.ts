import { AccountId, BillingMonth, UsageId, type ProvisioningEvent, type UserActivity } from '../domain';
import { BillingCalendar } from '../domain/rating';
import { licensedUsers } from '../domain/recurring';
import { activity, registered } from '../domain/recurring/activity.fixture';
import { FEBRUARY, feb, jan, provisioned, provisioning, removed } from '../domain/recurring/provisioning.fixture';
import { bookOf, cloudTariff, plan } from '../domain/recurring/tariff.fixture';
import { sampleAccount } from '../domain/reference/index';
import { closeAccountMonth } from './month-invoice';
import { RecurringFacts } from './recurring-facts';
import { RestoredFacts } from './restored-facts';

const february = BillingMonth('2026-02');
const calendar = new BillingCalendar('UTC');
const tariffs = bookOf(cloudTariff());
const acme = sampleAccount({ accountId: AccountId('acme'), plans: [plan('cloud', feb(1, 0))], setupFee: '99.00', features: ['call-recording'] });
const globex = sampleAccount({ accountId: AccountId('globex'), plans: [plan('cloud', jan(1))], billingModel: 'PER_CHANNEL', channels: 1 });

const events: ProvisioningEvent[] = [
  provisioned('phone-1', jan(5)),
  provisioned('phone-2', feb(2)),
  removed('phone-1', feb(10)),
  provisioned('phone-3', feb(11)),
  provisioned('phone-3', feb(11)), // re-sent
  provisioning('TRUNK', 'trunk-1', 'PROVISIONED', feb(20)),
];
const activities: UserActivity[] = [
  registered('100@acme', 'MOBILE', feb(3), 'phone-a'),
  registered('100@acme', 'MOBILE', feb(4), 'phone-b'),
  registered('200@acme', 'DESKTOP', feb(5)),
  activity('300@acme', 'HOSTED_VIDEO_CONFERENCE', feb(6)),
];
const leg = (id: string, callId: string, from: number, to: number) => ({
  usageId: UsageId(id), callId, startAt: from, endAt: to, source: { stream: 'usage.legs', partition: 0, position: 1 },
});
const legs = [leg('a:orig', 'a', feb(3, 9), feb(3, 10)), leg('a:term', 'a', feb(3, 9), feb(3, 10)), leg('b', 'b', feb(3, 9) + 1, feb(3, 11))];

const close = (account: typeof acme, facts: RecurringFacts | RestoredFacts) =>
  closeAccountMonth({ account, month: february, calendar, tariffs, totals: [], facts });

describe('the recurring facts as the invoicer restores them', () => {
  it('bill a month exactly as the embedded pipeline\'s facts: devices at peak, trunk, licences, setup fee, feature, plan', () => {
    const embedded = new RecurringFacts();
    events.forEach((e) => embedded.addProvisioning(e));
    activities.forEach((a) => embedded.addActivity(a, february));
    const restored = new RestoredFacts();
    restored.provisioned(acme.accountId, [...events].reverse());
    restored.licensed(acme.accountId, february, licensedUsers(activities, FEBRUARY));

    const invoice = close(acme, restored).invoice;
    expect(invoice).toEqual(close(acme, embedded).invoice);
    expect(invoice.lines.map((l) => [l.product, l.quantity])).toEqual(
      expect.arrayContaining([['DEVICE', '2'], ['TRUNK', '1'], ['MOBILE_USER', '1'], ['DESKTOP_USER', '1'], ['VIDEO_HOST', '1'], ['SETUP_FEE', '1']]),
    );
  });

  it('report the same peak of simultaneous calls and the same LINES event for a PER_CHANNEL month', () => {
    const embedded = new RecurringFacts();
    legs.forEach((l) => embedded.addChannelLeg({ ...l, accountId: globex.accountId } as never, february));
    const restored = new RestoredFacts();
    restored.called(globex.accountId, february, [...legs].reverse());

    expect(close(globex, restored).invoice).toEqual(close(globex, embedded).invoice);
    expect(close(globex, restored).invoice.peakSimultaneousCalls).toBe(2);
    const event = restored.channels(globex.accountId, february)!.limitEvent(globex, february, FEBRUARY);
    expect(event).toEqual(embedded.channels(globex.accountId, february)!.limitEvent(globex, february, FEBRUARY));
    expect(event).toMatchObject({ limit: 'LINES', value: 2, threshold: 1, usageId: 'b' });
  });
});
