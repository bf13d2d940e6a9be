/** The whole number >= 1 after `flag` in `args` (e.g. `--cdrs 50000`), `byDefault` without the flag. */
export function countFlag(args: readonly string[], flag: string, byDefault: number): number {
  const at = args.indexOf(flag);
  if (at < 0) return byDefault;
  const n = Number(args[at + 1]);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} needs a whole number >= 1, got ${args[at + 1]}`);
  return n;
}
