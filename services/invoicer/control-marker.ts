import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { BillingMonth } from '../../libs/domain';
import { billingMonthOf } from '../../libs/domain/invoicing/month-close';

/**
 * Control messages on the ledger topic. `cdr close-month` produces, to EVERY partition of
 * ledger.rated, a message with an empty value and the header `cdr-control: close-through:YYYY-MM`;
 * the invoicer closes every open month of that partition up to YYYY-MM when it reaches it in
 * offset order, so usage produced before the marker is on the invoice and usage after it is late.
 */
export const CONTROL_HEADER = 'cdr-control';
const CLOSE_THROUGH = 'close-through:';

/** The header of a marker closing every month up to `month`, e.g. { 'cdr-control': 'close-through:2026-02' }. */
export function closeThroughHeaders(month: BillingMonth | string): IHeaders {
  if (billingMonthOf(month) === null) throw new RangeError(`not a billing month (YYYY-MM): "${month}"`);
  return { [CONTROL_HEADER]: `${CLOSE_THROUGH}${month}` };
}

export type ControlReading =
  | { readonly kind: 'data' }
  | { readonly kind: 'close-through'; readonly through: BillingMonth }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Shared: every rated record is read as data, one object for all of them. */
const DATA: ControlReading = Object.freeze({ kind: 'data' });

/** Whether a message is data, a valid marker, or a control message this invoicer cannot obey (dead-letter it). */
export function readControl(message: Pick<KafkaMessage, 'headers' | 'value'>): ControlReading {
  const raw = message.headers?.[CONTROL_HEADER];
  if (raw === undefined) return DATA;
  const values = Array.isArray(raw) ? raw : [raw];
  const text = values.length === 1 && values[0] !== undefined ? values[0].toString() : null;
  if (text === null) return { kind: 'invalid', reason: `${CONTROL_HEADER} header given ${values.length} times` };
  const through = text.startsWith(CLOSE_THROUGH) ? billingMonthOf(text.slice(CLOSE_THROUGH.length)) : null;
  if (through === null) return { kind: 'invalid', reason: `unknown control "${text}" (expected ${CLOSE_THROUGH}YYYY-MM)` };
  if (message.value !== null && message.value.length > 0) {
    return { kind: 'invalid', reason: `control "${text}" carries a value; a marker's value is empty` };
  }
  return { kind: 'close-through', through };
}
