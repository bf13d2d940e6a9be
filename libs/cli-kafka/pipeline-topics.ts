import type { TopicSpec } from '../kafka';
import { deadLetterTopic, type TopicNames } from '../runtime/topic-names';

/** Topics a service consumes; each has a dead-letter topic `<input>.dlq` beside it. */
export const consumedInputs = (t: TopicNames): string[] => [t.sipcore, t.media, t.provisioning, t.registrations, t.usage, t.ledger];

/** The topics the services consume, by their default consumer group (GROUP_ID overrides it per service). */
export function groupInputs(t: TopicNames): ReadonlyMap<string, readonly string[]> {
  return new Map([
    ['cdr-normalizer', [t.sipcore, t.media]],
    ['cdr-rater', [t.usage]],
    ['cdr-invoicer', [t.ledger]],
    ['cdr-invoicer-facts', [t.provisioning, t.registrations]],
  ]);
}

/**
 * Every topic of the pipeline with its partitions. accounts and tariffs are compacted: a reader
 * rebuilding the reference data only needs the latest value per key.
 */
export function pipelineTopicSpecs(t: TopicNames, partitions: number, replicationFactor: number): TopicSpec[] {
  const plain = [t.sipcore, t.media, t.provisioning, t.registrations, t.usage, t.ledger, t.invoices, t.limits];
  const dlq = consumedInputs(t).map(deadLetterTopic);
  return [
    ...[t.accounts, t.tariffs].map((topic) => ({ topic, partitions, replicationFactor, compacted: true })),
    ...[...plain, ...dlq].map((topic) => ({ topic, partitions, replicationFactor, compacted: false })),
  ];
}

/** The .avsc (in schemas/) of each topic's values, registered under `<topic>-value`. */
export function topicSchemaNames(t: TopicNames): Record<string, string> {
  const schemas: Record<string, string> = {
    [t.accounts]: 'Account',
    [t.tariffs]: 'Tariff',
    [t.sipcore]: 'SipCoreCdr',
    [t.media]: 'MediaCdr',
    [t.provisioning]: 'ProvisioningEvent',
    [t.registrations]: 'UserActivity',
    [t.usage]: 'UsageRecord',
    [t.ledger]: 'RatedRecord',
    [t.invoices]: 'Invoice',
    [t.limits]: 'LimitEvent',
  };
  for (const input of consumedInputs(t)) schemas[deadLetterTopic(input)] = 'DeadLetter';
  return schemas;
}
