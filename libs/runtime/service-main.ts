import type { Logger } from 'pino';
import { Lifecycle } from './lifecycle';
import { createLogger } from './logger';
import { startupFailureLine } from './startup-failure';

/** What every service's configuration has, whatever else it holds. */
export interface ServiceBasics {
  readonly logLevel: string;
  readonly shutdownTimeoutMs: number;
}

export interface ServiceMain<C extends ServiceBasics> {
  readonly service: string;
  /** Reads and validates the environment (and the schema files) once; throws on a bad value. */
  readonly load: (env: NodeJS.ProcessEnv) => C;
  /** Starts the service, registering each part with the lifecycle so SIGTERM stops them in reverse. */
  readonly start: (config: C, logger: Logger, lifecycle: Lifecycle) => Promise<void>;
}

/**
 * The entry point every service shares: a bad configuration prints one line, `<service>: <what is
 * wrong>`, and exits 2 before anything connects; a failed start-up is logged, printed as one line,
 * stops what had started and exits 1. SIGTERM and SIGINT stop the service gracefully.
 */
export function runServiceMain<C extends ServiceBasics>(main: ServiceMain<C>, env: NodeJS.ProcessEnv = process.env): void {
  let config: C;
  try {
    config = main.load(env);
  } catch (err) {
    process.stderr.write(`${startupFailureLine(main.service, err)}\n`);
    process.exit(2);
  }
  const logger = createLogger(main.service, config.logLevel);
  const lifecycle = new Lifecycle(logger, config.shutdownTimeoutMs);
  lifecycle.stopOnSignals();
  main.start(config, logger, lifecycle).catch((err: unknown) => {
    logger.fatal({ err }, 'start-up failed');
    process.stderr.write(`${startupFailureLine(main.service, err)}\n`);
    void lifecycle.stop('start-up failed').then(() => process.exit(1));
  });
}
