import type { RatedRecord } from '../rated';
import type { Account } from '../reference';
import { PRODUCTS } from '../usage';

export const PER_CHANNEL = 'PER_CHANNEL';

/**
 * What channels replace (ConnexCS seed: channels x price instead of per-minute voice charges): the
 * voice and video call legs. Transcoding, conference connections, recording and monitoring are
 * resources on top of the call, not the call itself, so a PER_CHANNEL account still pays for them.
 */
export const CHANNEL_PRODUCTS: ReadonlySet<string> = new Set([
  PRODUCTS.sipcoreVoice,
  PRODUCTS.sipcoreVideo,
  PRODUCTS.mediaVoice,
  PRODUCTS.mediaVideo,
]);

// "0.020000" -> "0.000000": the same decimals, so the record still reads like its tariff wrote it.
const zeroLike = (text: string) => text.replace(/^-/, '').replace(/\d/g, '0');

/**
 * A PER_CHANNEL account's call leg, still rated (its minutes stay on the invoice and count for limits)
 * but at zero, with zeroRatedReason 'PER_CHANNEL'. The unit price and the connect fee are zeroed too,
 * so the invoice line still reads quantity x price = amount. Anything else is returned unchanged.
 */
export function applyBillingModel(rated: RatedRecord, account: Account): RatedRecord {
  if (account.billingModel !== 'PER_CHANNEL' || !CHANNEL_PRODUCTS.has(rated.product)) return rated;
  return {
    ...rated,
    unitPrice: zeroLike(rated.unitPrice),
    connectFee: null,
    amount: zeroLike(rated.amount),
    zeroRatedReason: PER_CHANNEL,
  };
}
