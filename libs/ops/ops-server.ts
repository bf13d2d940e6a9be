import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

/** Named readiness checks, e.g. { consumerJoined: () => consumer.joined(), referenceLoaded: () => ref.loaded }. */
export type ReadinessChecks = Readonly<Record<string, () => boolean | Promise<boolean>>>;

export interface OpsServerOptions {
  readonly host?: string;
  readonly port: number;
  /** The service's own registry (never prom-client's global one, so services and tests do not mix). */
  readonly registry: Registry;
  readonly readiness: ReadinessChecks;
  readonly logger?: Logger;
}

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The operations endpoint of a service: /healthz answers 200 while the process serves requests
 * (liveness), /readyz 200 only when every readiness check passes (else 503 with each check's
 * result), /metrics the service's Prometheus registry.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed\n');
    if (path === '/healthz') return send(res, 200, 'text/plain', 'ok\n');
    if (path === '/readyz') return void readiness(options.readiness).then(([ready, body]) => send(res, ready ? 200 : 503, 'application/json', body));
    if (path === '/metrics') {
      return void options.registry.metrics().then(
        (text) => send(res, 200, options.registry.contentType, text),
        (err: unknown) => {
          options.logger?.error({ err }, 'metrics collection failed');
          send(res, 500, 'text/plain', 'metrics collection failed\n');
        },
      );
    }
    send(res, 404, 'text/plain', 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  options.logger?.info({ port }, 'ops endpoint listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readiness(checks: ReadinessChecks): Promise<[boolean, string]> {
  const results: Record<string, boolean> = {};
  for (const [name, check] of Object.entries(checks)) {
    // A check that throws is a check that failed; it must not take the endpoint down.
    results[name] = await Promise.resolve()
      .then(check)
      .then((ok) => ok === true, () => false);
  }
  const ready = Object.values(results).every(Boolean);
  return [ready, `${JSON.stringify({ ready, checks: results })}\n`];
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
