import { deadLetterTopic, DEFAULT_TOPICS, type TopicNames } from '../../libs/runtime/topic-names';

/**
 * The topics of one benchmark: the input (raw CDRs, accounts, tariffs) published once under
 * `prefix`, and for each run fresh topics for everything the services write, so that no run reads
 * another's output. Names are the SPEC defaults behind the prefix, e.g. `bench-1a2b.r2.usage.legs`.
 */
export function runTopics(prefix: string, run: number): TopicNames {
  const fresh = Object.fromEntries(Object.entries(DEFAULT_TOPICS).map(([key, name]) => [key, `${prefix}.r${run}.${name}`]));
  const { sipcore, accounts, tariffs } = DEFAULT_TOPICS;
  const input = { sipcore: `${prefix}.${sipcore}`, accounts: `${prefix}.${accounts}`, tariffs: `${prefix}.${tariffs}` };
  return Object.freeze({ ...(fresh as unknown as TopicNames), ...input });
}

/** Where the pass-through of a run copies the raw CDRs to. */
export const copyTopic = (topics: TopicNames): string => `${topics.usage}.copy`;

/** The topics between the links of a run's chain of pass-throughs (kafka-chain.ts). */
export const chainTopics = (topics: TopicNames): [string, string] => [`${topics.usage}.chain1`, `${topics.usage}.chain2`];

/** Every topic a run reads or writes: dead-letter topics, the pass-through's copy and the chain's included. */
export function allTopics(topics: TopicNames): string[] {
  const dlqs = [topics.sipcore, topics.media, topics.usage, topics.ledger].map(deadLetterTopic);
  return [...Object.values(topics), ...dlqs, copyTopic(topics), ...chainTopics(topics)];
}

/** The TOPIC_* variables that point a service at `topics`. */
export function topicVariables(t: TopicNames): Record<string, string> {
  return {
    TOPIC_SIPCORE: t.sipcore,
    TOPIC_MEDIA: t.media,
    TOPIC_PROVISIONING: t.provisioning,
    TOPIC_REGISTRATIONS: t.registrations,
    TOPIC_USAGE: t.usage,
    TOPIC_LEDGER: t.ledger,
    TOPIC_INVOICES: t.invoices,
    TOPIC_ACCOUNTS: t.accounts,
    TOPIC_TARIFFS: t.tariffs,
    TOPIC_LIMITS: t.limits,
  };
}
