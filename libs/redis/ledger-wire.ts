import type { LedgerEntry } from './ledger-entries';
import { channelLegText } from './ledger-channels';
import { increments } from './ledger-lines';

/**
 * A batch's entries as ONE script argument: a JSON array the ledger script reads with cjson.
 * Sent as a dozen arguments per record, ioredis spent more CPU on building and writing the
 * command (per-argument length prefixes, string concatenation) than the invoicer spent on the
 * rest of the record; one string is measured and written once. Entries are flat arrays (a table
 * per line made cjson slower). Every figure is a JSON string, never a number: cjson reads numbers
 * as doubles, which would round nanos and offsets.
 *
 *   ["m", offset, throughMonth]                             a close-through marker
 *   ["r", offset, ratedId, account, month, startAt,
 *         channel,                                          a PER_CHANNEL call leg (ledger-channels.ts) or ''
 *         L, L x lineKey, seconds, records, nanos,          the on-time lines
 *         lineKey, seconds, records, nanos]                 the adjustment line if late
 */
export function ledgerEntriesText(entries: readonly LedgerEntry[]): string {
  const wire: string[][] = [];
  for (const e of entries) {
    if (e.kind === 'close-through') {
      wire.push(['m', e.offset, e.through]);
      continue;
    }
    const channel = e.channel ? channelLegText(e.channel) : '';
    const entry = ['r', e.offset, e.ratedId, e.accountId, e.month, String(e.startAt), channel, String(e.onTime.length)];
    for (const line of e.onTime) entry.push(...increments(line));
    entry.push(...increments(e.late));
    wire.push(entry);
  }
  return JSON.stringify(wire);
}
