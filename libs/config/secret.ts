import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A password or key read from the environment. It prints as `[redacted]` in strings, JSON and
 * util.inspect (so pino and console cannot leak it); only `reveal()` gives the value, at the one
 * place that hands it to a client library.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

export const redactedText = REDACTED;
