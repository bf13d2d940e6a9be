/**
 * Billed minutes as a decimal string: at most 6 decimals, half-up, trailing zeros trimmed
 * (61 s -> "1.016667", 120 s -> "2", 0 s -> "0").
 *
 * Whole minutes are exact, so only seconds % 60 needs rounding: its 60 possible fractions are
 * printed once here, and the per-record cost is a remainder and a string join.
 */
const FRACTIONS: readonly string[] = Array.from({ length: 60 }, (_, s) => {
  // s / 60 in millionths, half-up: s * 1e6 / 60 = s * 50000 / 3; a remainder of 2 thirds rounds up.
  const exact = s * 50_000;
  const micro = (exact - (exact % 3)) / 3 + (exact % 3 === 2 ? 1 : 0);
  let digits = String(micro).padStart(6, '0');
  while (digits.endsWith('0')) digits = digits.slice(0, -1);
  return digits;
});

export function billedMinutes(billedSeconds: number): string {
  const rest = billedSeconds % 60;
  const whole = (billedSeconds - rest) / 60;
  return rest === 0 ? String(whole) : `${whole}.${FRACTIONS[rest]}`;
}
