import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import { containerRuntimeAvailable } from './container-runtime';
import { findProgram, freePort, killOnExit, stopChild } from './local-program';
import { waitFor } from './wait-for';

export interface RedisForTests {
  readonly url: string;
  readonly kind: 'env' | 'testcontainers' | 'local' | 'spawned';
  stop(): Promise<void>;
}

const REDIS_IMAGE = 'redis:7-alpine';

/**
 * A Redis for integration tests, found in this order: REDIS_URL; a container if a Docker engine
 * answers; a server already answering PING on 127.0.0.1:6379; a `redis-server` we spawn on a free
 * port without persistence. Tests share servers, so each uses its own key prefix (names.freshKeyPrefix).
 */
export async function startRedis(): Promise<RedisForTests> {
  const fromEnv = process.env.REDIS_URL?.trim();
  if (fromEnv) return { url: fromEnv, kind: 'env', stop: async () => undefined };
  if (await containerRuntimeAvailable()) {
    const { RedisContainer } = await import('@testcontainers/redis');
    const container = await new RedisContainer(REDIS_IMAGE).start();
    return { url: container.getConnectionUrl(), kind: 'testcontainers', stop: async () => void (await container.stop()) };
  }
  if (await answersPing('127.0.0.1', 6379)) {
    return { url: 'redis://127.0.0.1:6379', kind: 'local', stop: async () => undefined };
  }
  return spawnRedis();
}

/** Starts a private `redis-server` on a free port, without persistence. */
export async function spawnRedis(): Promise<RedisForTests> {
  const program = findProgram('redis-server');
  if (!program) throw new Error('redis-server not found: run `apt-get install -y redis-server` (or set REDIS_URL)');
  const port = await freePort();
  const child = spawn(program, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  killOnExit(child);
  await waitFor(() => child.exitCode === null && answersPing('127.0.0.1', port), {
    what: `redis-server on port ${port} to answer PING`,
    timeoutMs: 10_000,
  });
  return { url: `redis://127.0.0.1:${port}`, kind: 'spawned', stop: () => stopChild(child) };
}

/** True when a Redis without a password answers PING on host:port within `timeoutMs`. */
export function answersPing(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** Deletes a test's keys (those starting with `prefix`) through a client that prefixes its keys with it. */
export async function forgetKeys(client: import('ioredis').Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    // SCAN's pattern and answers are not prefixed by ioredis; DEL's arguments are.
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 200);
    if (keys.length > 0) await client.del(...keys.map((k) => k.slice(prefix.length)));
    cursor = next;
  } while (cursor !== '0');
}
