import { createSchemaRegistry, readAvroSchema, registerSchemas, type AvroTopics, type RegistryConfig } from '../registry';
import { CliError } from '../../services/cli/cli-error';

/**
 * Registers each topic's schema (schemas/<name>.avsc) under `<topic>-value` and returns the codec.
 * Registering a schema that is already there gives its existing id, so this is safe to repeat. A
 * refusal (409 incompatible, 401, 422) or an unreachable registry is one CliError line (exit 1)
 * carrying the registry's own message.
 */
export async function registerTopicSchemas(config: RegistryConfig, schemaNames: Readonly<Record<string, string>>): Promise<AvroTopics> {
  const schemas = Object.fromEntries(Object.entries(schemaNames).map(([topic, name]) => [topic, readAvroSchema(name)]));
  try {
    return await registerSchemas(createSchemaRegistry(config), schemas);
  } catch (err) {
    throw new CliError(`Schema Registry at ${config.redacted().url}: ${registryMessage(err)}`, 1);
  }
}

/**
 * The registry's message without the client's `<clientId> - ` prefix, with the HTTP status it
 * answered. mappersmith reports a refused connection as "status 400" too: that one is shown as the
 * socket error it is.
 */
export function registryMessage(err: unknown): string {
  const e = err as { status?: unknown; message?: unknown };
  let message = String(e.message ?? err).replace(/^cdr-rating - /, '');
  const bare = /^Error, status \d+: (.*)$/s.exec(message);
  if (bare) {
    message = bare[1]!.slice(0, 300);
    if (/\bE[A-Z]{3,}\b/.test(message)) return message;
  }
  return typeof e.status === 'number' ? `HTTP ${e.status}: ${message}` : message;
}
