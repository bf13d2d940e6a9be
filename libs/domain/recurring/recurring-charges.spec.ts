import { Currency, TariffId } from '../ids';
import { formatNanos } from '../money';
import { sampleAccount } from '../reference/sample-reference';
import type { Charge } from '../invoicing';
import { FEBRUARY, feb } from './provisioning.fixture';
import { recurringCharges, type RecurringInput } from './recurring-charges';
import { bookOf, cloudTariff, plan } from './tariff.fixture';
import type { LicenceCounts } from './user-licences';

const NO_USERS: LicenceCounts = { MOBILE_USER: 0, DESKTOP_USER: 0, VIDEO_HOST: 0, MESSAGING_USER: 0 };
const since2025 = plan('cloud', Date.UTC(2025, 0, 1));

function billed(over: Partial<RecurringInput> = {}) {
  const outcome = recurringCharges({
    account: sampleAccount({ plans: [since2025] }),
    window: FEBRUARY,
    tariffs: bookOf(cloudTariff({ recurring: cloudTariff().recurring.filter((p) => p.charge !== 'PLAN') })),
    devicePeak: 0,
    trunks: 0,
    licences: NO_USERS,
    ...over,
  });
  return { ...outcome, lines: outcome.charges.map(show) };
}

const show = (c: Charge) => [c.product, c.description, c.quantity, c.unitPrice, formatNanos(c.amountNanos, 2)];

describe('recurring charges of a month', () => {
  it('bills 50 devices at peak as 50 x the device price', () => {
    expect(billed({ devicePeak: 50 }).lines).toEqual([['DEVICE', 'Provisioned devices (peak)', '50', '2.5', '125.00']]);
  });

  it('bills 10 trunks as 10 x the trunk price', () => {
    expect(billed({ trunks: 10 }).lines).toEqual([['TRUNK', 'SIP trunks', '10', '15', '150.00']]);
  });

  it('bills a PER_CHANNEL account 10 channels x the channel price', () => {
    const account = sampleAccount({ plans: [since2025], billingModel: 'PER_CHANNEL', channels: 10 });
    expect(billed({ account }).lines).toEqual([['CHANNEL', 'Channels', '10', '20', '200.00']]);
  });

  it('bills no channels to a PER_MINUTE account', () => {
    expect(billed({ account: sampleAccount({ plans: [since2025], channels: 10 }) }).charges).toEqual([]);
  });

  it('bills each licence count at its own price', () => {
    const licences = { MOBILE_USER: 3, DESKTOP_USER: 2, VIDEO_HOST: 1, MESSAGING_USER: 4 };
    expect(billed({ licences }).lines).toEqual([
      ['MOBILE_USER', 'Mobile users', '3', '3', '9.00'],
      ['DESKTOP_USER', 'Desktop users', '2', '4', '8.00'],
      ['VIDEO_HOST', 'Video conference hosts', '1', '8', '8.00'],
      ['MESSAGING_USER', 'Messaging users', '4', '1.5', '6.00'],
    ]);
  });

  it('bills an enabled feature its monthly price and reports an enabled feature no tariff prices', () => {
    const { lines, problems } = billed({ account: sampleAccount({ plans: [since2025], features: ['fax', 'call-recording'] }) });
    expect(lines).toEqual([['FEATURE:call-recording', 'Feature: call-recording', '1', '10', '10.00']]);
    expect(problems).toEqual(['feature "fax" is enabled but no active tariff prices it']);
  });

  it("bills the plan's base price when its tariff has one", () => {
    expect(billed({ tariffs: bookOf(cloudTariff()) }).lines).toEqual([['PLAN:cloud', 'Plan: cloud', '1', '49', '49.00']]);
  });

  it('reports devices to bill when no tariff prices devices, instead of billing them at zero', () => {
    const { charges, problems } = billed({ devicePeak: 4, tariffs: bookOf(cloudTariff({ recurring: [] })) });
    expect(charges).toEqual([]);
    expect(problems).toEqual(['4 x DEVICE to bill but no active tariff prices DEVICE']);
  });
});

describe('which tariff prices the month', () => {
  const march = cloudTariff({ version: 2, effectiveFrom: feb(15), recurring: [{ charge: 'DEVICE', feature: null, price: '3.00' }] });

  it('uses the version in effect at the month start; a mid-month price change waits for the next month', () => {
    const devices = (window = FEBRUARY) => billed({ devicePeak: 2, window, tariffs: bookOf(cloudTariff(), march) }).lines.filter((l) => l[0] === 'DEVICE');
    expect(devices()).toEqual([['DEVICE', 'Provisioned devices (peak)', '2', '2.5', '5.00']]);
    expect(devices({ start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) })).toEqual([['DEVICE', 'Provisioned devices (peak)', '2', '3', '6.00']]);
  });

  it('takes each price from the latest activated plan that has one, and bills every plan its base price', () => {
    const gateway = cloudTariff({ tariffId: TariffId('gateway'), recurring: [{ charge: 'DEVICE', feature: null, price: '1.00' }, { charge: 'PLAN', feature: null, price: '5.00' }] });
    const account = sampleAccount({ plans: [since2025, plan('gateway', Date.UTC(2025, 6, 1))] });
    expect(billed({ account, devicePeak: 1, trunks: 1, tariffs: bookOf(cloudTariff(), gateway) }).lines).toEqual([
      ['DEVICE', 'Provisioned devices (peak)', '1', '1', '1.00'],
      ['TRUNK', 'SIP trunks', '1', '15', '15.00'],
      ['PLAN:gateway', 'Plan: gateway', '1', '5', '5.00'],
      ['PLAN:cloud', 'Plan: cloud', '1', '49', '49.00'],
    ]);
  });

  it("prices an account's first month at its first plan activation", () => {
    const account = sampleAccount({ plans: [plan('cloud', feb(10))] });
    expect(billed({ account, devicePeak: 3 }).lines).toEqual([['DEVICE', 'Provisioned devices (peak)', '3', '2.5', '7.50']]);
  });

  it('bills nothing, and reports nothing, for a month without any active plan', () => {
    const account = sampleAccount({ plans: [plan('cloud', Date.UTC(2025, 0, 1), { expiresAt: Date.UTC(2026, 0, 1) })] });
    expect(billed({ account, tariffs: bookOf(cloudTariff()) })).toMatchObject({ charges: [], problems: [] });
  });

  it('leaves out and reports a plan priced in another currency', () => {
    const { charges, problems } = billed({ devicePeak: 1, tariffs: bookOf(cloudTariff({ currency: Currency('EUR') })) });
    expect(charges).toEqual([]);
    expect(problems).toEqual([
      'plan cloud v1 prices in EUR, account ACME is billed in USD',
      '1 x DEVICE to bill but no active tariff prices DEVICE',
    ]);
  });
});
