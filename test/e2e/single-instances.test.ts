import { singleInstanceFlow } from './single-instance-flow';

/**
 * The Kafka path end to end, one instance of each built service, on test/support's servers (the
 * kcat mock cluster, a local or spawned Redis and the registry test double here; containers or
 * KAFKA_BROKERS / REDIS_URL / SCHEMA_REGISTRY_URL where they are available).
 */
describe('one normalizer, one rater, one invoicer', () => {
  singleInstanceFlow();
});
