/**
 * The harness for tests against real services: Kafka (env, container or librdkafka's mock in kcat),
 * Redis (env, container, local or spawned), the Schema Registry test double, and the helpers every
 * integration test uses (fresh names, waiting on conditions). See /work/shared/TEST-INFRA.md.
 */
export * from './kafka-cluster';
export * from './kafka-client';
export * from './redis-server';
export * from './schema-registry-double';
export * from './names';
export * from './wait-for';
