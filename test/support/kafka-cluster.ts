import { spawn } from 'node:child_process';
import { containerRuntimeAvailable } from './container-runtime';
import { findProgram, killOnExit, stopChild } from './local-program';

export interface KafkaForTests {
  readonly brokers: string[];
  /** env: KAFKA_BROKERS; testcontainers: a KRaft broker in Docker; mock: librdkafka's mock cluster in kcat. */
  readonly kind: 'env' | 'testcontainers' | 'mock';
  stop(): Promise<void>;
  /** Only for the mock: SIGSTOP/SIGCONT of its process, a faithful whole-cluster outage. */
  freeze?(): void;
  thaw?(): void;
}

const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.6.1';

/**
 * Consumer session timeout for tests on `cluster`. The mock delays a group's first join by 3 s and a
 * new member's rebalance by (session timeout - 1 s), so a short session keeps tests fast; real
 * brokers refuse anything under group.min.session.timeout.ms (6 s).
 */
export function testSessionTimeoutMs(cluster: KafkaForTests): number {
  return cluster.kind === 'mock' ? 4000 : 6000;
}
const BOOTSTRAP = /bootstrap\.servers=(\S+)/;

/**
 * A Kafka for integration tests, found in this order: KAFKA_BROKERS; a container if a Docker engine
 * answers; librdkafka's mock cluster hosted by `kcat`. Fails, never skips, when none is available.
 *
 * The mock auto-creates topics with 4 partitions and cannot serve createTopics, the idempotent
 * producer or transactions (it reports controller id 0); tests needing those run on real brokers only.
 */
export async function startKafka(): Promise<KafkaForTests> {
  const fromEnv = process.env.KAFKA_BROKERS?.trim();
  if (fromEnv) {
    return { brokers: fromEnv.split(',').map((b) => b.trim()), kind: 'env', stop: async () => undefined };
  }
  if (await containerRuntimeAvailable()) return startContainer();
  return startMockCluster();
}

async function startContainer(): Promise<KafkaForTests> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer(KAFKA_IMAGE).withKraft().start();
  return {
    brokers: [`${container.getHost()}:${container.getMappedPort(9093)}`],
    kind: 'testcontainers',
    stop: async () => void (await container.stop()),
  };
}

/** Starts librdkafka's mock cluster in a `kcat` process (3 brokers on 127.0.0.1) and stops it with the returned stop(). */
export async function startMockCluster(deadlineMs = 10_000): Promise<KafkaForTests> {
  const kcat = findProgram('kcat');
  if (!kcat) throw new Error('kcat not found: run `apt-get install -y kcat` (or set KAFKA_BROKERS)');
  const args = ['-b', 'localhost:1', '-X', 'test.mock.num.brokers=3', '-X', 'debug=mock', '-C', '-t', '_bootstrap', '-o', 'end'];
  const child = spawn(kcat, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  killOnExit(child);

  const brokers = await new Promise<string[]>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(`no bootstrap.servers line within ${deadlineMs} ms`), deadlineMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`kcat mock cluster did not start: ${why}; stderr: ${seen.slice(-500)}`));
    };
    child.once('error', (err) => fail(err.message));
    child.once('exit', (code, signal) => fail(`kcat exited (${code ?? signal})`));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', function onData(chunk: string) {
      const text = seen + chunk;
      const match = BOOTSTRAP.exec(text);
      seen = text.slice(-4000); // keep a tail for the failure message; a line may span two chunks
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stderr.off('data', onData);
      child.stderr.resume(); // keep draining: debug=mock writes on, and a full pipe would block the brokers
      resolve(match[1]!.split(','));
    });
  });

  return {
    brokers,
    kind: 'mock',
    stop: () => stopChild(child),
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
  };
}
