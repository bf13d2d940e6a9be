import { Product, TariffId } from '../ids';
import type { PlanAssignment } from '../reference';
import { sampleAccount, sampleRate, sampleTariff } from '../reference/sample-reference';
import { selectRate } from './plan-selection';
import { TariffBook } from './tariff-book';

const at = (iso: string) => Date.parse(iso);
const JAN = at('2026-01-01T00:00:00Z');
const FEB = at('2026-02-01T00:00:00Z');
const MID_FEB = at('2026-02-15T12:00:00Z');
const voice = Product('sipcore.voice');
const video = Product('sipcore.video');

const plan = (tariffId: string, activatedAt: number, expiresAt: number | null = null): PlanAssignment => ({
  tariffId: TariffId(tariffId),
  activatedAt,
  expiresAt,
  options: [],
});

function book(): TariffBook {
  const tariffs = new TariffBook();
  tariffs.add(sampleTariff({ tariffId: TariffId('basic'), effectiveFrom: 0, rates: [sampleRate('sipcore.voice', '0.01')] }));
  tariffs.add(sampleTariff({ tariffId: TariffId('promo'), effectiveFrom: 0, rates: [sampleRate('sipcore.voice', '0.005')] }));
  tariffs.add(sampleTariff({ tariffId: TariffId('video'), effectiveFrom: 0, rates: [sampleRate('sipcore.video', '0.05')] }));
  tariffs.add(sampleTariff({ tariffId: TariffId('future'), effectiveFrom: at('2027-01-01T00:00:00Z') }));
  return tariffs;
}

const chosen = (plans: PlanAssignment[], product = voice, start = MID_FEB) => {
  const choice = selectRate(sampleAccount({ plans }), product, start, book());
  return choice.ok ? `${choice.tariff.tariffId} ${choice.rate.pricePerMinute}` : choice.code;
};

describe('selectRate', () => {
  it('prices with the only active plan', () => {
    expect(chosen([plan('basic', JAN)])).toBe('basic 0.01');
  });

  it('lets the most recent activation win when two plans price the product', () => {
    expect(chosen([plan('basic', JAN), plan('promo', FEB)])).toBe('promo 0.005');
    expect(chosen([plan('promo', FEB), plan('basic', JAN)])).toBe('promo 0.005');
  });

  it('breaks a tie between equal activations by tariffId, whatever the listing order', () => {
    expect(chosen([plan('promo', JAN), plan('basic', JAN)])).toBe('basic 0.01');
    expect(chosen([plan('basic', JAN), plan('promo', JAN)])).toBe('basic 0.01');
  });

  it('falls back to an older plan when the newest does not price the product', () => {
    expect(chosen([plan('basic', JAN), plan('video', FEB)], voice)).toBe('basic 0.01');
    expect(chosen([plan('basic', JAN), plan('video', FEB)], video)).toBe('video 0.05');
  });

  it('ignores a plan not yet activated or already expired at the usage start', () => {
    expect(chosen([plan('basic', JAN), plan('promo', at('2026-03-01T00:00:00Z'))])).toBe('basic 0.01');
    expect(chosen([plan('basic', JAN), plan('promo', FEB, MID_FEB)])).toBe('basic 0.01');
    expect(chosen([plan('basic', JAN), plan('promo', FEB, MID_FEB + 1)])).toBe('promo 0.005');
  });

  it('activates a plan at exactly activatedAt', () => {
    expect(chosen([plan('basic', MID_FEB)])).toBe('basic 0.01');
  });

  it('says NO_ACTIVE_TARIFF when no plan is active, naming account and instant', () => {
    const choice = selectRate(sampleAccount({ plans: [plan('basic', JAN, FEB)] }), voice, MID_FEB, book());
    expect(choice).toEqual({
      ok: false,
      code: 'NO_ACTIVE_TARIFF',
      reason: 'account ACME has no tariff plan active at 2026-02-15T12:00:00.000Z; sipcore.voice usage is not billed',
    });
  });

  it('says NO_ACTIVE_TARIFF when the active plan has no tariff version in effect yet', () => {
    const choice = selectRate(sampleAccount({ plans: [plan('future', JAN), plan('ghost', JAN)] }), voice, MID_FEB, book());
    expect(choice.ok).toBe(false);
    if (!choice.ok) {
      expect(choice.code).toBe('NO_ACTIVE_TARIFF');
      expect(choice.reason).toBe(
        'account ACME has no tariff in effect at 2026-02-15T12:00:00.000Z: plan future has no version before ' +
          '2027-01-01T00:00:00.000Z, plan ghost is an unknown tariff; sipcore.voice usage is not billed',
      );
    }
  });

  it('says NO_PRICE when active tariffs do not price the product, naming them', () => {
    const choice = selectRate(sampleAccount({ plans: [plan('video', JAN)] }), Product('media.recording'), MID_FEB, book());
    expect(choice).toEqual({
      ok: false,
      code: 'NO_PRICE',
      reason: 'account ACME: no active tariff prices media.recording at 2026-02-15T12:00:00.000Z (tariffs in effect: video v1)',
    });
  });
});
