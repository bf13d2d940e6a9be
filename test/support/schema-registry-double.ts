import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryFault, SchemaSubjects } from './schema-subjects';

export interface RegistryDoubleOptions {
  /** When set, every request must carry these as HTTP basic auth (else 401). */
  readonly credentials?: { readonly username: string; readonly password: string };
}

type Route = (match: RegExpMatchArray, body: Record<string, unknown>) => unknown;

/**
 * TEST DOUBLE of the Confluent Schema Registry, for tests only: there is no registry package for
 * these machines (see TEST-INFRA.md). An in-process node:http server implementing exactly the
 * endpoints @kafkajs/confluent-schema-registry 4 calls, with Confluent's status codes and error
 * bodies, and BACKWARD compatibility by default. `requests` records every call so tests can check
 * what a client asked (e.g. that a writer schema is fetched once, then cached).
 */
export class SchemaRegistryDouble {
  readonly subjects = new SchemaSubjects();
  readonly requests: string[] = [];
  private server: Server | undefined;
  private readonly routes: Array<[string, RegExp, Route]> = [
    ['GET', /^\/subjects$/, () => this.subjects.subjectNames()],
    ['GET', /^\/subjects\/([^/]+)\/versions$/, ([, s]) => this.subjects.versions(s!)],
    ['POST', /^\/subjects\/([^/]+)\/versions$/, ([, s], b) => ({ id: this.subjects.register(s!, schemaOf(b)) })],
    ['GET', /^\/subjects\/([^/]+)\/versions\/([^/]+)$/, ([, s, v]) => this.subjects.version(s!, v!)],
    ['POST', /^\/subjects\/([^/]+)$/, ([, s], b) => this.subjects.lookup(s!, schemaOf(b))],
    ['GET', /^\/schemas\/ids\/(\d+)$/, ([, id]) => ({ schema: this.subjects.schemaById(Number(id)) })],
    ['GET', /^\/config$/, () => ({ compatibilityLevel: this.subjects.globalLevel })],
    ['GET', /^\/config\/([^/]+)$/, ([, s]) => this.subjectLevel(s!)],
    ['PUT', /^\/config\/([^/]+)$/, ([, s], b) => ({ compatibility: this.subjects.setLevel(s!, String(b.compatibility ?? '')) })],
    [
      'POST',
      /^\/compatibility\/subjects\/([^/]+)\/versions\/([^/]+)$/,
      ([, s, v], b) => ({ is_compatible: this.subjects.isCompatible(s!, schemaOf(b), v!) }),
    ],
  ];

  constructor(private readonly options: RegistryDoubleOptions = {}) {}

  /** Listens on a free port of 127.0.0.1 and returns the base URL. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.serve(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private subjectLevel(subject: string): unknown {
    const level = this.subjects.levelOf(subject);
    // Newer registries answer 404 for a subject without its own level; the client registers on that cue.
    if (!level) throw new RegistryFault(404, 40408, `Subject '${subject}' does not have subject-level compatibility configured`);
    return { compatibilityLevel: level };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    this.requests.push(`${req.method} ${path}`);
    try {
      this.authorize(req);
      const body = await readJson(req);
      for (const [method, pattern, route] of this.routes) {
        const match = path.match(pattern);
        if (method === req.method && match) {
          const decoded = match.map((part) => decodeURIComponent(part)) as RegExpMatchArray;
          return reply(res, 200, route(decoded, body));
        }
      }
      throw new RegistryFault(404, 404, `HTTP 404 Not Found: ${req.method} ${path}`);
    } catch (err) {
      const fault = err instanceof RegistryFault ? err : new RegistryFault(500, 50001, (err as Error).message);
      reply(res, fault.status, { error_code: fault.errorCode, message: fault.message });
    }
  }

  private authorize(req: IncomingMessage): void {
    const expected = this.options.credentials;
    if (!expected) return;
    const token = Buffer.from(`${expected.username}:${expected.password}`).toString('base64');
    if (req.headers.authorization !== `Basic ${token}`) throw new RegistryFault(401, 40101, 'Unauthorized');
  }
}

function schemaOf(body: Record<string, unknown>): string {
  if (body.schemaType !== undefined && body.schemaType !== 'AVRO') {
    throw new RegistryFault(422, 42201, `Schema type ${String(body.schemaType)} is not supported by this test double`);
  }
  if (typeof body.schema !== 'string') throw new RegistryFault(422, 42201, 'Invalid schema: "schema" must be a string');
  return body.schema;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new RegistryFault(400, 400, 'Unexpected character: request body is not JSON');
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
  res.end(JSON.stringify(body));
}
