/**
 * Configuration that cannot start a service. One error lists every problem, each prefixed with the
 * variable it is about (`KAFKA_BROKERS: required`), so an operator fixes them all in one pass.
 * Messages never contain secret values: only variable names and what is wrong with them.
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly retriable = false;

  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}
