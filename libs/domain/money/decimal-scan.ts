/**
 * Where the parts of a decimal string sit: the grammar `-?digits(.digits)?` with at most 9
 * significant decimals, read by hand because prices and amounts are read once or twice per rated
 * record and a regex plus its capture strings cost several times more. parseNanos turns the
 * parts into a number, canonicalDecimal into the shortest spelling.
 */
export interface DecimalParts {
  readonly negative: boolean;
  /** text[wholeStart, wholeEnd) are the digits before the point. */
  readonly wholeStart: number;
  readonly wholeEnd: number;
  /** End of the decimals without their trailing zeros; wholeEnd + 1 when none are left. */
  readonly keptEnd: number;
}

/** At most this many decimals survive trailing zeros: NANO_DECIMALS, nanos are 10^-9. */
export const MAX_DECIMALS = 9;

const MINUS = 45;
const POINT = 46;
export const ZERO = 48;
const isDigit = (c: number) => c >= ZERO && c <= ZERO + 9;

/** The parts of `text`, or a RangeError naming it when it is not a decimal of at most 9 decimals. */
export function decimalParts(text: string): DecimalParts {
  const n = text.length;
  const negative = n > 0 && text.charCodeAt(0) === MINUS;
  const wholeStart = negative ? 1 : 0;
  let i = wholeStart;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const wholeEnd = i;
  if (wholeEnd === wholeStart) throw notDecimal(text);
  let keptEnd = wholeEnd + 1;
  if (i < n) {
    if (text.charCodeAt(i) !== POINT || i === n - 1) throw notDecimal(text);
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!isDigit(c)) throw notDecimal(text);
      if (c !== ZERO) keptEnd = i + 1;
    }
  }
  if (keptEnd - (wholeEnd + 1) > MAX_DECIMALS) throw new RangeError(`"${text}" has more than ${MAX_DECIMALS} decimals`);
  return { negative, wholeStart, wholeEnd, keptEnd };
}

const notDecimal = (text: string) => new RangeError(`not a decimal number: "${text}"`);
