import { ConfigError } from '../config';

/**
 * The one stderr line for a service that cannot start from its configuration, e.g.
 * `rater: KAFKA_BROKERS: required; SCHEMA_REGISTRY_URL: not a URL`. Always a single line, so an
 * orchestrator's last-log view shows the whole reason.
 */
export function startupFailureLine(service: string, error: unknown): string {
  const message =
    error instanceof ConfigError ? error.problems.join('; ') : error instanceof Error ? error.message : String(error);
  return `${service}: ${message.replace(/\s*[\r\n]+\s*/g, ' ')}`;
}
