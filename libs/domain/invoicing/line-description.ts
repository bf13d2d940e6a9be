import { PRODUCTS } from '../usage';
import type { LineIdentity } from './line-key';

/** How the seeds' price lists name each usage product, for people reading the invoice. */
const PRODUCT_NAMES: Readonly<Record<string, string>> = {
  [PRODUCTS.sipcoreVoice]: 'Voice minutes (SIP core)',
  [PRODUCTS.sipcoreVideo]: 'Video minutes (SIP core)',
  [PRODUCTS.sipcoreTranscoding]: 'Transcoding minutes (SIP core)',
  [PRODUCTS.mediaVoice]: 'Voice call minutes (media server)',
  [PRODUCTS.mediaVideo]: 'Video call minutes (media server)',
  [PRODUCTS.mediaConference]: 'Conference connection minutes (media server)',
  [PRODUCTS.mediaRecording]: 'Recording minutes (media server)',
  [PRODUCTS.mediaMonitoring]: 'Call monitoring minutes (media server)',
};

/** A product's name on the invoice; a product we have no name for shows as itself. */
export function productName(product: string): string {
  return Object.hasOwn(PRODUCT_NAMES, product) ? PRODUCT_NAMES[product]! : product;
}

/** 'Voice minutes (SIP core)', 'Connect fees: Voice minutes (SIP core)', 'Late usage from 2026-01: …'. */
export function describeUsageLine(id: Pick<LineIdentity, 'kind' | 'product' | 'forMonth'>): string {
  const name = productName(id.product);
  switch (id.kind) {
    case 'USAGE':
      return name;
    case 'CONNECT_FEE':
      return `Connect fees: ${name}`;
    case 'ADJUSTMENT':
      return `Late usage from ${id.forMonth}: ${name}`;
  }
}
