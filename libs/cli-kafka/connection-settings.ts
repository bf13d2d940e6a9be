import type { Command } from 'commander';
import { ConfigError, EnvReader, type Env } from '../config';
import { loadKafkaConfig, type KafkaConfig } from '../kafka';
import { loadRegistryConfig, type RegistryConfig } from '../registry';
import { readTopicNames, type TopicNames } from '../runtime/topic-names';
import { CliError } from '../../services/cli/cli-error';

/** The flags every Kafka-side command accepts; each overrides its environment variable. */
export interface ConnectionFlags {
  readonly brokers?: string;
  readonly registry?: string;
  readonly topicPrefix?: string;
}

/** Kafka topic names allow letters, digits, '.', '_' and '-' only. */
const TOPIC_CHARS = /^[A-Za-z0-9._-]+$/;

export function addKafkaOptions(command: Command): Command {
  return command
    .option('--brokers <host:port,...>', 'Kafka bootstrap brokers (default: KAFKA_BROKERS)')
    .option('--topic-prefix <prefix>', 'prepend this to every topic name (isolated test runs)');
}

export function addRegistryOption(command: Command): Command {
  return command.option('--registry <url>', 'Schema Registry URL (default: SCHEMA_REGISTRY_URL)');
}

/**
 * Kafka settings from the same variables the services read (KAFKA_BROKERS, KAFKA_SSL*, KAFKA_SASL_*),
 * with --brokers taking the place of KAFKA_BROKERS. Every problem is one CliError line naming the
 * variable, or the flag when the value came from it.
 */
export function kafkaSettings(env: Env, flags: ConnectionFlags): KafkaConfig {
  const fromFlag = flags.brokers !== undefined;
  const merged = fromFlag ? { ...env, KAFKA_BROKERS: flags.brokers } : env;
  try {
    return loadKafkaConfig(merged, { clientId: 'cdr-cli' });
  } catch (err) {
    throw settingsError(err, 'KAFKA_BROKERS', fromFlag ? '--brokers' : null, 'host:port');
  }
}

/** Registry settings (SCHEMA_REGISTRY_URL, _USERNAME, _PASSWORD(_FILE)), --registry in place of the URL. */
export function registrySettings(env: Env, flags: ConnectionFlags): RegistryConfig {
  const fromFlag = flags.registry !== undefined;
  const merged = fromFlag ? { ...env, SCHEMA_REGISTRY_URL: flags.registry } : env;
  try {
    return loadRegistryConfig(merged);
  } catch (err) {
    throw settingsError(err, 'SCHEMA_REGISTRY_URL', fromFlag ? '--registry' : null, 'http://host:8081');
  }
}

/** The pipeline's topic names: defaults, TOPIC_* overrides, then --topic-prefix in front of each. */
export function topicNames(env: Env, flags: ConnectionFlags): TopicNames {
  const names = readTopicNames(new EnvReader(env));
  const prefix = flags.topicPrefix ?? '';
  if (prefix !== '' && !TOPIC_CHARS.test(prefix)) {
    throw new CliError(`--topic-prefix: "${prefix}" may hold only letters, digits, '.', '_' and '-'`);
  }
  const bad = Object.values(names).find((name) => !TOPIC_CHARS.test(name));
  if (bad !== undefined) throw new CliError(`TOPIC_*: "${bad}" is not a valid Kafka topic name`);
  const prefixed = Object.fromEntries(Object.entries(names).map(([key, name]) => [key, `${prefix}${name}`]));
  return Object.freeze(prefixed as unknown as TopicNames);
}

/** One line: each problem with its variable, the flag's name when the flag supplied the value. */
function settingsError(err: unknown, variable: string, flag: string | null, example: string): unknown {
  if (!(err instanceof ConfigError)) return err;
  const problems = err.problems.map((problem) => {
    if (!problem.startsWith(`${variable}:`)) return problem;
    if (flag !== null) return `${flag}${problem.slice(variable.length)}`;
    return problem === `${variable}: required` ? `${problem} (or pass ${flagOf(variable)} ${example})` : problem;
  });
  return new CliError(problems.join('; '));
}

const flagOf = (variable: string): string => (variable === 'KAFKA_BROKERS' ? '--brokers' : '--registry');

/** Kafka and registry settings together, so one line names every problem of both. */
export function kafkaAndRegistrySettings(env: Env, flags: ConnectionFlags): { kafka: KafkaConfig; registry: RegistryConfig } {
  const problems: string[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      problems.push(err.message);
      return undefined;
    }
  };
  const kafka = attempt(() => kafkaSettings(env, flags));
  const registry = attempt(() => registrySettings(env, flags));
  if (kafka === undefined || registry === undefined) throw new CliError(problems.join('; '));
  return { kafka, registry };
}
