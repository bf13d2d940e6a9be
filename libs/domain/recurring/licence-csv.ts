import type { Invoice } from '../invoice';
import { LICENCES } from './user-licences';

export const LICENCE_CSV_HEADER = 'sip_id,mobile_user,desktop_user,video_host,messaging_user';

// RFC 4180 quoting, as the invoice CSV: a SIP-ID is free text from the platform.
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The per-SIP-ID licence file the Cloud Softphone seed promises after each billing cycle: one row per
 * billed user, 1 or 0 per licence (numbers, so a spreadsheet can sum a column into the invoice
 * quantity). Rows in the invoice's order (by SIP-ID), LF line ends, the last included, like invoiceCsv.
 */
export function licenceCsv(invoice: Pick<Invoice, 'users'>): string {
  const rows = (invoice.users ?? []).map((u) => [csvField(u.sipId), ...LICENCES.map((l) => (u.licences.includes(l) ? '1' : '0'))].join(','));
  return [LICENCE_CSV_HEADER, ...rows].map((row) => `${row}\n`).join('');
}
