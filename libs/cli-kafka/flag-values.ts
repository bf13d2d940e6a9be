import { CliError } from '../../services/cli/cli-error';

/** A whole-number flag in [min, max], or one CliError line naming the command, the flag and the value. */
export function wholeNumber(command: string, flag: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliError(`${command}: ${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

/** Collects a repeatable flag (`--group a --group b`) into a list, for commander. */
export const repeatable = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
