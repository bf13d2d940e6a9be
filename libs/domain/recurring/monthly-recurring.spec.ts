import { BillingMonth, Product } from '../ids';
import { buildInvoice, invoiceCsv, MonthLedger, usageCharges } from '../invoicing';
import { ratedLeg } from '../invoicing/rated.fixture';
import { BillingCalendar } from '../rating';
import { sampleAccount } from '../reference/sample-reference';
import { activity, registered } from './activity.fixture';
import {
  applyBillingModel,
  firstInvoiceMonth,
  licenceCsv,
  minimumCharge,
  optionCharges,
  PeakConcurrency,
  ProvisionedPeak,
  recurringCharges,
  setupFeeCharges,
  UserLicences,
} from '.';
import { ACME, feb, jan, provisioned, provisioning, removed } from './provisioning.fixture';
import { bookOf, cloudTariff, plan } from './tariff.fixture';

const calendar = new BillingCalendar('UTC');
const FEB = BillingMonth('2026-02');
const window = calendar.monthBounds(FEB);
const tariffs = bookOf(cloudTariff({ optionPrices: [{ option: 'LINES', pricePerUnit: '5.00' }] }));

/** Everything an invoicer would have gathered for acme's February, then the invoice built from it. */
function februaryInvoice(account = sampleAccount({ accountId: ACME })) {
  const devices = new ProvisionedPeak();
  const events = [
    ...Array.from({ length: 4 }, (_, i) => provisioned(`phone-${i}`, jan(5))),
    provisioned('demo', feb(3)),
    removed('demo', feb(4)),
    removed('phone-0', feb(20)),
    provisioning('TRUNK', 'pstn', 'PROVISIONED', jan(5)),
  ];
  for (const e of events) devices.add(e);

  const users = new UserLicences();
  for (const a of [registered('john@pbx', 'MOBILE', feb(2), 'iphone'), registered('john@pbx', 'MOBILE', feb(2), 'ipad'), activity('john@pbx', 'HOSTED_VIDEO_CONFERENCE', feb(9)), registered('ann@pbx', 'DESKTOP', feb(11))]) {
    users.add(a);
  }

  const ledger = new MonthLedger();
  // 30 minutes of voice at 0.01 and 10 minutes of recording at 0.02.
  ledger.add(applyBillingModel(ratedLeg({ id: 'v', billedSeconds: 1800, quantity: '30', amount: '0.300000' }), account));
  ledger.add(applyBillingModel(ratedLeg({ id: 'r', product: Product('media.recording'), billedSeconds: 600, quantity: '10', unitPrice: '0.02', amount: '0.200000' }), account));

  const recurring = recurringCharges({ account, window, tariffs, devicePeak: devices.devicePeak(ACME, window), trunks: devices.trunksProvisioned(ACME, window), licences: users.counts() });
  const calls = new PeakConcurrency();
  calls.add({ callId: 'c1', startAt: feb(3, 9), endAt: feb(3, 10) });
  calls.add({ callId: 'c2', startAt: feb(3, 9), endAt: feb(3, 11) });
  return {
    problems: recurring.problems,
    invoice: buildInvoice({
      account,
      month: FEB,
      charges: [
        ...usageCharges(ledger.totals(ACME, FEB)),
        ...recurring.charges,
        ...setupFeeCharges(account, firstInvoiceMonth(account, calendar) === FEB),
        ...optionCharges({ account, window, tariffs }),
      ],
      closingRules: [minimumCharge],
      peakSimultaneousCalls: account.billingModel === 'PER_CHANNEL' ? calls.peak() : null,
      users: users.users(),
    }),
  };
}

describe("a month's invoice with usage and recurring charges", () => {
  it('adds usage, devices at peak, trunk, per-user licences, feature, plan, setup fee and options up by hand', () => {
    const account = sampleAccount({
      accountId: ACME,
      setupFee: '99.00',
      features: ['call-recording'],
      plans: [plan('cloud', feb(1, 0), { options: [{ option: 'LINES', value: 2, at: feb(1, 0) }, { option: 'LINES', value: 4, at: feb(15) }] })],
    });
    const { invoice, problems } = februaryInvoice(account);
    expect(problems).toEqual([]);
    expect(invoice.lines.map((l) => [l.kind, l.description, l.quantity, l.amount])).toEqual([
      ['USAGE', 'Recording minutes (media server)', '10', '0.20'],
      ['USAGE', 'Voice minutes (SIP core)', '30', '0.30'],
      ['RECURRING', 'Desktop users', '1', '4.00'],
      ['RECURRING', 'Provisioned devices (peak)', '5', '12.50'], // 4 carried from January + the demo phone
      ['RECURRING', 'Feature: call-recording', '1', '10.00'],
      ['RECURRING', 'Mobile users', '1', '3.00'], // john's iPhone and iPad: one SIP-ID
      ['RECURRING', 'Plan cloud: LINES', '2', '10.00'],
      ['RECURRING', 'Plan: cloud', '1', '49.00'],
      ['RECURRING', 'SIP trunks', '1', '15.00'],
      ['RECURRING', 'Video conference hosts', '1', '8.00'],
      ['SETUP_FEE', 'One-time setup fee', '1', '99.00'],
      ['PRORATION', 'Plan cloud: LINES 2 -> 4 from 2026-02-15 (14/28 days)', '2', '5.00'], // 2 x 5.00 x 14/28
    ]);
    // 0.50 usage + 12.50 + 4 + 10 + 3 + 10 + 49 + 15 + 8 recurring + 99 setup + 5 proration
    expect(invoice.total).toBe('216.00');
    expect(invoice.peakSimultaneousCalls).toBeNull();
    expect(licenceCsv(invoice)).toBe('sip_id,mobile_user,desktop_user,video_host,messaging_user\nann@pbx,0,1,0,0\njohn@pbx,1,0,1,0\n');
  });

  it('bills a PER_CHANNEL account channels instead of voice, then tops it up to its minimum', () => {
    const account = sampleAccount({ accountId: ACME, billingModel: 'PER_CHANNEL', channels: 2, minimumMonthlyCharge: '300.00', plans: [plan('cloud', jan(1))] });
    const { invoice } = februaryInvoice(account);
    expect(invoice.lines.map((l) => [l.kind, l.description, l.quantity, l.unitPrice, l.amount])).toEqual([
      ['USAGE', 'Recording minutes (media server)', '10', '0.02', '0.20'],
      ['USAGE', 'Voice minutes (SIP core)', '30', '0', '0.00'],
      ['RECURRING', 'Channels', '2', '20', '40.00'],
      ['RECURRING', 'Desktop users', '1', '4', '4.00'],
      ['RECURRING', 'Provisioned devices (peak)', '5', '2.5', '12.50'],
      ['RECURRING', 'Mobile users', '1', '3', '3.00'],
      ['RECURRING', 'Plan: cloud', '1', '49', '49.00'],
      ['RECURRING', 'SIP trunks', '1', '15', '15.00'],
      ['RECURRING', 'Video conference hosts', '1', '8', '8.00'],
      ['MINIMUM_CHARGE', 'Minimum monthly charge top-up', '1', '300', '168.30'],
    ]);
    // 0.20 + 40 + 12.50 + 4 + 3 + 49 + 15 + 8 = 131.70; the top-up is 300 - 131.70
    expect(invoice.total).toBe('300.00');
    expect(invoice.peakSimultaneousCalls).toBe(2);
    expect(invoiceCsv(invoice).split('\n')).toHaveLength(12); // header + 10 lines + final LF
  });
});
