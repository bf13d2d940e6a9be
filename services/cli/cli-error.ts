/**
 * A mistake the user can fix (bad flag, missing file, bad config). main prints its message as
 * one line and exits non-zero; no stack trace, because the message already says what to do.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'CliError';
  }
}
