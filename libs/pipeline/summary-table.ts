import type { Invoice } from '../domain';
import type { RunStats } from './run-stats';

/** The short, readable table `cdr run` prints: one row per invoice, then the run's counts. */
export function summaryTable(invoices: readonly Invoice[], stats: RunStats): string {
  const header = ['account', 'month', 'currency', 'total', 'lines', 'records', 'dead letters'];
  const rows = invoices.map((inv) => [
    inv.accountId,
    inv.month,
    inv.currency,
    inv.total,
    String(inv.lines.length),
    String(inv.lines.reduce((n, line) => n + line.records, 0)),
    String(deadLettersOf(stats, inv.accountId, inv.month)),
  ]);
  // Dead letters that belong to no invoice (unknown account, unparseable line) still get a row.
  for (const [key, count] of [...remaining(stats, invoices)].sort()) {
    const [account, month] = key.split('|');
    rows.push([account!, month!, '-', '-', '-', '-', String(count)]);
  }
  return [alignTable([header, ...rows]), footer(invoices.length, stats)].join('\n');
}

function deadLettersOf(stats: RunStats, accountId: string, month: string): number {
  return stats.deadLettersByAccountMonth.get(`${accountId}|${month}`) ?? 0;
}

function* remaining(stats: RunStats, invoices: readonly Invoice[]): Iterable<[string, number]> {
  const invoiced = new Set(invoices.map((inv) => `${inv.accountId}|${inv.month}`));
  for (const [key, count] of stats.deadLettersByAccountMonth) if (!invoiced.has(key)) yield [key, count];
}

function footer(invoiceCount: number, stats: RunStats): string {
  const byCode = [...stats.deadLettersByCode].sort().map(([code, n]) => `${code} ${n}`).join(', ');
  return [
    '',
    `${invoiceCount} invoices from ${stats.cdrsRead} CDRs: ${stats.rated} usage records rated, ` +
      `${stats.failedAttempts} failed attempts, ${stats.duplicates} duplicates skipped, ${stats.deadLetters} dead letters` +
      (byCode ? ` (${byCode})` : ''),
    `${stats.provisioningEvents} provisioning events and ${stats.userActivities} user activities read; ` +
      `${counted(stats.limitEvents, 'limit event')}, ${counted(stats.warnings, 'warning')}`,
  ].join('\n');
}

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Left-aligns text columns and right-aligns numeric ones. */
export function alignTable(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const numeric = rows[0]!.map((_, c) => rows.slice(1).every((r) => /^-?[\d.,]+$|^-$/.test(r[c] ?? '')));
  return rows
    .map((r) => r.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd())
    .join('\n');
}
