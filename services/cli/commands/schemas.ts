import type { Command } from 'commander';
import {
  addRegistryOption, registerTopicSchemas, registrySettings, resolveIo, textTable, topicNames, topicSchemaNames,
  type CliIo, type ConnectionFlags,
} from '../../../libs/cli-kafka';

const EXAMPLES = `
Registers the Avro schema of every pipeline topic (schemas/*.avsc) under the subject
<topic>-value (TopicNameStrategy), with the registry's BACKWARD compatibility. A schema already
registered keeps its id, so running this again changes nothing. A schema the registry refuses
(e.g. HTTP 409: incompatible with the subject's latest version) stops with the registry's message.
Topic names follow TOPIC_* as the services read them.

Examples:
  $ cdr schemas register
  $ cdr schemas register --registry http://localhost:8081
  $ SCHEMA_REGISTRY_URL=https://sr.example SCHEMA_REGISTRY_USERNAME=key SCHEMA_REGISTRY_PASSWORD_FILE=/run/secrets/sr cdr schemas register

Exit status: 0 registered, 1 refused or unreachable registry, 2 bad flags or settings.`;

export function registerSchemas(program: Command, io: CliIo = {}): void {
  const schemas = program.command('schemas').description('manage the pipeline\'s Avro schemas in the Schema Registry');
  const register = schemas
    .command('register')
    .description('register every topic\'s value schema and print subject -> id')
    .option('--topic-prefix <prefix>', 'prepend this to every topic name (isolated test runs)');
  addRegistryOption(register)
    .addHelpText('after', EXAMPLES)
    .action(async (flags: ConnectionFlags) => {
      const { env, out } = resolveIo(io);
      const config = registrySettings(env, flags);
      const schemaNames = topicSchemaNames(topicNames(env, flags));
      const { ids } = await registerTopicSchemas(config, schemaNames);
      const rows = [...ids].map(([topic, id]) => [`${topic}-value`, schemaNames[topic]!, String(id)]);
      out(textTable(['SUBJECT', 'SCHEMA', 'ID'], rows, [2]));
    });
}
