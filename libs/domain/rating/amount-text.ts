/**
 * Prints an amount held as an integer count of 10^-decimals units with exactly `decimals` decimals
 * (2010n at 6 -> "0.002010"). The hot-path twin of formatNanos: the amount is already rounded to its
 * units, so there is nothing to check and no regex to run.
 */
export function amountText(units: bigint, decimals: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (decimals > 0) {
    if (digits.length <= decimals) digits = digits.padStart(decimals + 1, '0');
    const point = digits.length - decimals;
    digits = `${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  return negative ? `-${digits}` : digits;
}
