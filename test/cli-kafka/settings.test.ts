import type { Command } from 'commander';
import type { CliIo } from '../../libs/cli-kafka';
import { registerCloseMonth } from '../../services/cli/commands/close-month';
import { registerLag } from '../../services/cli/commands/lag';
import { registerPublish } from '../../services/cli/commands/publish';
import { registerSchemas } from '../../services/cli/commands/schemas';
import { registerTopics } from '../../services/cli/commands/topics';
import { runCdr } from './cli-run';

type Register = (program: Command, io: CliIo) => void;

const KAFKA_COMMANDS: [string, Register, string[]][] = [
  ['publish', registerPublish, ['publish']],
  ['topics create', registerTopics, ['topics', 'create']],
  ['lag', registerLag, ['lag']],
  ['close-month', registerCloseMonth, ['close-month', '--through', '2026-10']],
];

describe('connection settings of the operator commands', () => {
  it.each(KAFKA_COMMANDS)('%s without KAFKA_BROKERS says so in one line and exits 2', async (_name, register, args) => {
    const run = await runCdr(register, args, { SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081' });
    expect(run.error).toBe('cdr: KAFKA_BROKERS: required (or pass --brokers host:port)');
    expect(run.exitCode).toBe(2);
  });

  it.each(KAFKA_COMMANDS)('%s with a bad --brokers value names the flag, not the variable', async (_name, register, args) => {
    const run = await runCdr(register, [...args, '--brokers', 'kafka-1'], { KAFKA_BROKERS: 'fine:9092', SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081' });
    expect(run.error).toBe('cdr: --brokers: "kafka-1" is not host:port');
    expect(run.exitCode).toBe(2);
  });

  it('publish lists the Kafka and the registry problems together', async () => {
    const run = await runCdr(registerPublish, ['publish', '--registry', 'sr:8081'], { KAFKA_SASL_MECHANISM: 'plain' });
    expect(run.error).toBe(
      'cdr: KAFKA_BROKERS: required (or pass --brokers host:port); KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM; ' +
        'KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM (or KAFKA_SASL_PASSWORD_FILE); --registry: must start with http:// or https://',
    );
  });

  it('schemas register without SCHEMA_REGISTRY_URL says so in one line', async () => {
    const run = await runCdr(registerSchemas, ['schemas', 'register'], {});
    expect(run.error).toBe('cdr: SCHEMA_REGISTRY_URL: required (or pass --registry http://host:8081)');
    expect(run.exitCode).toBe(2);
  });

  it('refuses a topic prefix Kafka would not accept', async () => {
    const run = await runCdr(registerLag, ['lag', '--topic-prefix', 'a/b'], { KAFKA_BROKERS: 'k:9092' });
    expect(run.error).toBe(`cdr: --topic-prefix: "a/b" may hold only letters, digits, '.', '_' and '-'`);
  });

  it.each([
    ['a month that does not exist', ['--through', '2026-13'], 'cdr: close-month: --through must be YYYY-MM (e.g. 2026-10), got "2026-13"'],
    ['a date instead of a month', ['--through', '2026-10-31'], 'cdr: close-month: --through must be YYYY-MM (e.g. 2026-10), got "2026-10-31"'],
    ['no month at all', [], 'cdr: close-month: --through <YYYY-MM> is required (the last month to close)'],
  ])('close-month refuses %s', async (_case, flags, message) => {
    const run = await runCdr(registerCloseMonth, ['close-month', ...flags], { KAFKA_BROKERS: 'k:9092' });
    expect(run.error).toBe(message);
    expect(run.exitCode).toBe(2);
  });

  it.each([
    ['publish', registerPublish, ['publish'], 'cdr publish data/october --strict'],
    ['topics create', registerTopics, ['topics', 'create'], 'cdr topics create --partitions 12 --replication 3'],
    ['schemas register', registerSchemas, ['schemas', 'register'], 'cdr schemas register --registry http://localhost:8081'],
    ['lag', registerLag, ['lag'], 'cdr lag --group cdr-rater'],
    ['close-month', registerCloseMonth, ['close-month'], 'cdr close-month --through 2026-10'],
  ] as [string, Register, string[], string][])('%s --help shows examples', async (_name, register, args, example) => {
    const run = await runCdr(register, [...args, '--help'], {});
    expect(run.exitCode).toBe(0);
    expect(run.out.join('\n')).toContain(example);
  });
});
