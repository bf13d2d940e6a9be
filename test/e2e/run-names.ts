import { DEFAULT_TOPICS, type TopicNames } from '../../libs/runtime/topic-names';
import { freshGroup, freshKeyPrefix, freshName } from '../support/names';
import type { ServiceName } from './service-fleet';

/**
 * The names that isolate one e2e run from every other on the same servers: a topic prefix (what
 * `cdr --topic-prefix` puts before the default names; the services get the same names through
 * TOPIC_*), a consumer group per service and a Redis key prefix.
 */
export class RunNames {
  readonly prefix = `${freshName('e2e')}.`;
  readonly topics = Object.fromEntries(Object.entries(DEFAULT_TOPICS).map(([k, t]) => [k, `${this.prefix}${t}`])) as unknown as TopicNames;
  readonly groups: Readonly<Record<ServiceName, string>> = { normalizer: freshGroup(), rater: freshGroup(), invoicer: freshGroup() };
  /** The invoicer's second group, reading provisioning and registrations for the recurring charges. */
  readonly factsGroup = `${this.groups.invoicer}-facts`;
  readonly redisKeyPrefix = freshKeyPrefix();
  /** The topics each service's group consumes. */
  readonly inputs: Readonly<Record<ServiceName, readonly string[]>> = {
    normalizer: [this.topics.sipcore, this.topics.media],
    rater: [this.topics.usage],
    invoicer: [this.topics.ledger],
  };
  readonly factsInputs: readonly string[] = [this.topics.provisioning, this.topics.registrations];

  /** TOPIC_SIPCORE, TOPIC_MEDIA, ... as the services read them (libs/runtime/topic-names.ts). */
  topicEnv(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.topics).map(([key, topic]) => [`TOPIC_${key.toUpperCase()}`, topic]));
  }
}
