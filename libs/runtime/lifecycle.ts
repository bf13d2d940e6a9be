import type { Logger } from 'pino';

interface StopStep {
  readonly name: string;
  readonly stop: () => Promise<void>;
}

/**
 * What a service started, in order, so that shutdown runs in reverse: consumer first (finish the
 * batch, commit), then producer, then Redis and the ops server. Each step is bounded by a deadline
 * so a hung dependency cannot keep a terminating pod alive forever.
 */
export class Lifecycle {
  private readonly steps: StopStep[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly logger: Logger, private readonly stepTimeoutMs = 15_000) {}

  onStop(name: string, stop: () => Promise<void>): void {
    this.steps.push({ name, stop });
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  stop(reason: string): Promise<void> {
    this.stopping ??= this.runSteps(reason);
    return this.stopping;
  }

  /** SIGTERM and SIGINT stop the service gracefully; a second signal exits at once. */
  stopOnSignals(exit: (code: number) => void = (code) => process.exit(code)): void {
    const onSignal = (signal: NodeJS.Signals): void => {
      if (this.isStopping) return exit(130);
      void this.stop(signal).then(() => exit(0));
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  private async runSteps(reason: string): Promise<void> {
    this.logger.info({ reason }, 'stopping');
    for (const step of [...this.steps].reverse()) {
      const timer = new Promise<'timeout'>((resolve) => setTimeout(resolve, this.stepTimeoutMs, 'timeout').unref());
      const outcome = await Promise.race([step.stop().then(() => 'done' as const), timer]).catch((err: unknown) => {
        this.logger.error({ err, step: step.name }, 'stop step failed');
        return 'failed' as const;
      });
      if (outcome === 'timeout') this.logger.warn({ step: step.name, timeoutMs: this.stepTimeoutMs }, 'stop step timed out');
    }
    this.logger.info('stopped');
  }
}
