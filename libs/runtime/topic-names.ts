import type { EnvReader } from '../config';

/** Topic names (SPEC 1 defaults), each overridable by its variable. Dead-letter topics are `<input>.dlq`. */
export interface TopicNames {
  readonly sipcore: string;
  readonly media: string;
  readonly provisioning: string;
  readonly registrations: string;
  readonly usage: string;
  readonly ledger: string;
  readonly invoices: string;
  readonly accounts: string;
  readonly tariffs: string;
  readonly limits: string;
}

export const DEFAULT_TOPICS: TopicNames = {
  sipcore: 'cdr.sipcore',
  media: 'cdr.media',
  provisioning: 'provisioning',
  registrations: 'registrations',
  usage: 'usage.legs',
  ledger: 'ledger.rated',
  invoices: 'invoices',
  accounts: 'accounts',
  tariffs: 'tariffs',
  limits: 'limits',
};

const VARIABLES: Record<keyof TopicNames, string> = {
  sipcore: 'TOPIC_SIPCORE',
  media: 'TOPIC_MEDIA',
  provisioning: 'TOPIC_PROVISIONING',
  registrations: 'TOPIC_REGISTRATIONS',
  usage: 'TOPIC_USAGE',
  ledger: 'TOPIC_LEDGER',
  invoices: 'TOPIC_INVOICES',
  accounts: 'TOPIC_ACCOUNTS',
  tariffs: 'TOPIC_TARIFFS',
  limits: 'TOPIC_LIMITS',
};

export function readTopicNames(env: EnvReader): TopicNames {
  const names = { ...DEFAULT_TOPICS };
  for (const key of Object.keys(VARIABLES) as (keyof TopicNames)[]) {
    names[key] = env.optionalString(VARIABLES[key]) ?? DEFAULT_TOPICS[key];
  }
  return Object.freeze(names);
}

export const deadLetterTopic = (input: string): string => `${input}.dlq`;
