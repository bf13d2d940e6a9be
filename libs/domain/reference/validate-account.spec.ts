import { TariffId } from '../ids';
import type { Account } from '../reference';
import { sampleAccount } from './sample-reference';
import { validateAccount } from './validate-account';

const at = (iso: string) => Date.parse(iso);

describe('validateAccount', () => {
  it('accepts a well-formed per-minute account', () => {
    expect(validateAccount(sampleAccount())).toEqual([]);
  });

  it('accepts a per-channel account with 30 channels and a minimum charge', () => {
    expect(validateAccount(sampleAccount({ billingModel: 'PER_CHANNEL', channels: 30, minimumMonthlyCharge: '100.00' }))).toEqual([]);
  });

  it('rejects an unknown currency', () => {
    expect(validateAccount(sampleAccount({ currency: 'XYZ' as Account['currency'] }))).toEqual([
      'currency: "XYZ" is not a known ISO 4217 currency',
    ]);
  });

  it('rejects a lower-case currency code', () => {
    expect(validateAccount(sampleAccount({ currency: 'usd' as Account['currency'] }))).toHaveLength(1);
  });

  it('rejects a time zone that is not IANA', () => {
    expect(validateAccount(sampleAccount({ timezone: 'Berlin' }))).toEqual([
      'timezone: "Berlin" is not a known IANA time zone',
    ]);
  });

  it('requires at least one channel for per-channel billing', () => {
    expect(validateAccount(sampleAccount({ billingModel: 'PER_CHANNEL', channels: null }))).toEqual([
      'channels: required for PER_CHANNEL billing (at least 1)',
    ]);
    expect(validateAccount(sampleAccount({ billingModel: 'PER_CHANNEL', channels: 0 }))).toEqual([
      'channels: 0 must be at least 1',
    ]);
  });

  it('rejects a plan that expires before (or when) it is activated', () => {
    const plans = [
      { tariffId: TariffId('a'), activatedAt: at('2026-01-01T00:00:00Z'), expiresAt: null, options: [] },
      { tariffId: TariffId('b'), activatedAt: at('2026-02-01T00:00:00Z'), expiresAt: at('2026-02-01T00:00:00Z'), options: [] },
    ];
    expect(validateAccount(sampleAccount({ plans }))).toEqual([
      'plans[1].expiresAt: 2026-02-01T00:00:00.000Z must be after activatedAt 2026-02-01T00:00:00.000Z',
    ]);
  });

  it('rejects a plan without a tariff id', () => {
    const plans = [{ tariffId: TariffId(''), activatedAt: 0, expiresAt: null, options: [] }];
    expect(validateAccount(sampleAccount({ plans }))).toEqual(['plans[0].tariffId: must not be empty']);
  });

  it('rejects money fields that are not decimal, negative, or too precise', () => {
    expect(validateAccount(sampleAccount({ setupFee: '1,50', minimumMonthlyCharge: '-5' }))).toEqual([
      'minimumMonthlyCharge: "-5" is negative',
      'setupFee: "1,50" is not a decimal number',
    ]);
    expect(validateAccount(sampleAccount({ setupFee: '0.0000000001' }))).toEqual([
      'setupFee: "0.0000000001" has 10 decimals, at most 9 allowed',
    ]);
  });

  it('rejects a feature enabled twice', () => {
    expect(validateAccount(sampleAccount({ features: ['recording', 'recording'] }))).toEqual([
      'features[1]: "recording" is listed twice',
    ]);
  });

  it('lists every problem at once', () => {
    const errors = validateAccount(sampleAccount({ accountId: '' as Account['accountId'], timezone: 'Nowhere/Land', setupFee: 'x' }));
    expect(errors).toHaveLength(3);
  });
});
