import { ConfigError } from './config-error';

/**
 * Runs several config loaders and keeps going past a failing one, so that the single ConfigError
 * thrown by `done()` names every problem of every part at once (an operator fixes them in one pass).
 */
export class ConfigProblems {
  private readonly problems: string[] = [];

  /** The loader's result, or undefined when it failed (done() then throws before anyone reads it). */
  part<T>(load: () => T): T {
    try {
      return load();
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.problems.push(...err.problems);
      return undefined as T;
    }
  }

  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
