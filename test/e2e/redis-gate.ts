import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay in front of a Redis that a test can hold shut: while held, the commands of every
 * client through it wait (nothing is lost: they are queued and sent on release). It stalls the
 * invoicer's ledger batches without touching a Redis other tests may share, so its consumer lag
 * stays put, non-zero, for as long as the test needs to read it.
 */
export class RedisGate {
  private held = false;
  /** Each client's connection to Redis and the bytes it sent while the gate was held. */
  private readonly links = new Map<Socket, { readonly upstream: Socket; readonly queued: Buffer[] }>();

  private constructor(private readonly server: Server, private readonly target: URL) {}

  /** Listens on a free port of 127.0.0.1, relaying to the Redis at `redisUrl`. */
  static async open(redisUrl: string): Promise<RedisGate> {
    const target = new URL(redisUrl);
    let gate: RedisGate | undefined;
    const server = createServer((client) => gate!.relay(client));
    gate = new RedisGate(server, target);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return gate;
  }

  /** The URL clients use: the target's, with the gate's address (credentials and database kept). */
  get url(): string {
    const url = new URL(this.target.href);
    url.hostname = '127.0.0.1';
    url.port = String((this.server.address() as AddressInfo).port);
    return url.href;
  }

  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    for (const { upstream, queued } of this.links.values()) {
      for (const chunk of queued.splice(0)) upstream.write(chunk);
    }
  }

  async close(): Promise<void> {
    for (const [client, { upstream }] of this.links) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket): void {
    const upstream = connect(Number(this.target.port || 6379), this.target.hostname);
    const queued: Buffer[] = [];
    this.links.set(client, { upstream, queued });
    client.on('data', (chunk) => (this.held ? queued.push(chunk) : upstream.write(chunk)));
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.links.delete(client);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }
}
