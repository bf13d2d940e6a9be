import { BillingMonth, Product } from '../ids';
import { describeUsageLine, productName } from './line-description';

describe('invoice line descriptions', () => {
  it('names SIP core voice as "Voice minutes (SIP core)"', () => {
    expect(describeUsageLine({ kind: 'USAGE', product: Product('sipcore.voice'), forMonth: null })).toBe(
      'Voice minutes (SIP core)',
    );
  });

  it('names every product of the seeds', () => {
    expect(productName('media.conference')).toBe('Conference connection minutes (media server)');
    expect(productName('media.recording')).toBe('Recording minutes (media server)');
    expect(productName('sipcore.transcoding')).toBe('Transcoding minutes (SIP core)');
  });

  it('names the month late usage belongs to', () => {
    const id = { kind: 'ADJUSTMENT', product: Product('sipcore.voice'), forMonth: BillingMonth('2026-01') } as const;
    expect(describeUsageLine(id)).toBe('Late usage from 2026-01: Voice minutes (SIP core)');
  });

  it('says a connect fee line is connect fees', () => {
    expect(describeUsageLine({ kind: 'CONNECT_FEE', product: Product('media.voice'), forMonth: null })).toBe(
      'Connect fees: Voice call minutes (media server)',
    );
  });

  it('falls back to the product name for a product it does not know, even "toString"', () => {
    expect(productName('fax.pages')).toBe('fax.pages');
    expect(productName('toString')).toBe('toString');
  });
});
