/** Rows as aligned text columns, two spaces apart; columns listed in `numeric` are right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    widths.map((width, i) => (numeric.includes(i) ? (cells[i] ?? '').padStart(width) : (cells[i] ?? '').padEnd(width))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
