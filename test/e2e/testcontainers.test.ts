import { containerInfra } from './container-infra';
import { DOCKER_ENDPOINT, dockerEngineAnswers } from './docker-engine';
import { singleInstanceFlow } from './single-instance-flow';

/**
 * The single-instance flow against the real servers: Kafka (KRaft), Confluent's Schema Registry and
 * Redis, in containers. Without a Docker engine these tests are reported as skipped, with one line
 * on stderr saying why; they never pass without having run.
 */
const dockerAvailable = dockerEngineAnswers();
if (!dockerAvailable) process.stderr.write(`testcontainers suite skipped: no Docker engine answers at ${DOCKER_ENDPOINT}\n`);

describe('on real Kafka (KRaft), cp-schema-registry and Redis containers', () => {
  singleInstanceFlow({ infra: containerInfra, startTimeoutMs: 300_000 }, dockerAvailable ? it : it.skip);
});
