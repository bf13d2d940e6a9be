import type { Message } from 'kafkajs';

/** Header of a control message on the ledger topic; data records never carry it. */
export const CONTROL_HEADER = 'cdr-control';
export const CONTROL_KEY = 'control';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MARKER = /^close-through:(\d{4}-(?:0[1-9]|1[0-2]))$/;

export const isBillingMonth = (text: string): boolean => MONTH.test(text);

/**
 * The message that tells each invoicer to close every month up to and including `month`. It goes
 * to every partition, so each invoicer instance sees it in offset order after the records before
 * it. The value is empty: invoicers recognise it by the header, before any Avro decoding.
 */
export function closeThroughMessage(month: string, partition: number): Message {
  if (!isBillingMonth(month)) throw new Error(`not a billing month (YYYY-MM): ${month}`);
  return { key: CONTROL_KEY, value: Buffer.alloc(0), partition, headers: { [CONTROL_HEADER]: `close-through:${month}` } };
}

/** The month of a close-through header value (Buffer or string as kafkajs hands it), else null. */
export function closeThroughOf(header: Buffer | string | (Buffer | string)[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return null;
  return MARKER.exec(value.toString())?.[1] ?? null;
}
