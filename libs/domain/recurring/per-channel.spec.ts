import { Product } from '../ids';
import type { RatedRecord } from '../rated';
import { sampleAccount } from '../reference/sample-reference';
import { ratedLeg } from '../invoicing/rated.fixture';
import { applyBillingModel } from './per-channel';

const perChannel = sampleAccount({ billingModel: 'PER_CHANNEL', channels: 10 });
const leg = (product: string, over: Partial<RatedRecord> = {}) =>
  ratedLeg({ product: Product(product), billedSeconds: 120, quantity: '2', unitPrice: '0.01', amount: '0.020000', ...over });

describe('per-channel billing of rated legs', () => {
  it.each(['sipcore.voice', 'sipcore.video', 'media.voice', 'media.video'])('zeroes a %s leg, keeping its minutes and decimals', (product) => {
    const zeroed = applyBillingModel(leg(product), perChannel);
    expect(zeroed).toMatchObject({ amount: '0.000000', unitPrice: '0.00', quantity: '2', billedSeconds: 120, zeroRatedReason: 'PER_CHANNEL' });
  });

  it.each(['sipcore.transcoding', 'media.conference', 'media.recording', 'media.monitoring'])('still bills %s', (product) => {
    const rated = leg(product);
    expect(applyBillingModel(rated, perChannel)).toBe(rated);
  });

  it('zeroes the connect fee with the leg, so no connect-fee line is billed', () => {
    const zeroed = applyBillingModel(leg('sipcore.voice', { connectFee: '0.05', amount: '0.070000' }), perChannel);
    expect(zeroed).toMatchObject({ connectFee: null, amount: '0.000000' });
  });

  it('leaves a PER_MINUTE account leg as rated', () => {
    const rated = leg('sipcore.voice');
    expect(applyBillingModel(rated, sampleAccount())).toBe(rated);
  });

  it('gives the same record when applied twice', () => {
    const once = applyBillingModel(leg('media.voice'), perChannel);
    expect(applyBillingModel(once, perChannel)).toEqual(once);
  });
});
