import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';
import { Secret } from './secret';

export type Env = Readonly<Record<string, string | undefined>>;

export interface EnvReaderOptions {
  /** Reads a file named by a `*_FILE` variable; injectable so specs need no files. */
  readonly readFile?: (path: string) => string;
}

/**
 * Reads variables from an environment snapshot and collects every problem instead of stopping at
 * the first, so `done()` can throw one ConfigError naming all of them. Blank values count as unset
 * (compose files often write `VAR=`). Each service's loadConfig composes these calls.
 */
export class EnvReader {
  private readonly problems: string[] = [];
  private readonly readFile: (path: string) => string;

  constructor(private readonly env: Env, options: EnvReaderOptions = {}) {
    this.readFile = options.readFile ?? ((path) => readFileSync(path, 'utf8'));
  }

  /** Records a problem about `name` (used for rules that span variables). */
  problem(name: string, message: string): void {
    this.problems.push(`${name}: ${message}`);
  }

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  requireString(name: string): string {
    const value = this.raw(name);
    if (value === undefined) this.problem(name, 'required');
    return value ?? '';
  }

  optionalInt(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
    const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      this.problem(name, `must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const text = this.raw(name)?.toLowerCase();
    if (text === undefined) return fallback;
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    this.problem(name, 'must be true or false');
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const text = this.raw(name);
    if (text === undefined) return undefined;
    const found = allowed.find((choice) => choice === text.toLowerCase());
    if (found === undefined) this.problem(name, `must be one of ${allowed.join(', ')}`);
    return found;
  }

  /** Comma-separated list, blanks dropped; `required` means at least one entry. */
  list(name: string, required: boolean): string[] {
    const items = (this.raw(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (required && items.length === 0) this.problem(name, 'required');
    return items;
  }

  /** A URL with one of the given protocols (e.g. ['redis:', 'rediss:']); never echoes the value, which may hold a password. */
  url(name: string, protocols: readonly string[], required: boolean): URL | undefined {
    const text = this.raw(name);
    if (text === undefined) {
      if (required) this.problem(name, 'required');
      return undefined;
    }
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      this.problem(name, 'not a URL');
      return undefined;
    }
    if (!protocols.includes(parsed.protocol)) {
      this.problem(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    }
    return parsed;
  }

  /** Contents of the file named by `name` (a path variable such as KAFKA_SSL_CA_FILE). */
  file(name: string): string | undefined {
    const path = this.raw(name);
    return path === undefined ? undefined : this.read(name, path);
  }

  /** A secret given inline (`NAME`) or as a file (`NAME_FILE`, e.g. a mounted Kubernetes secret); never both. */
  secret(name: string): Secret | undefined {
    const inline = this.raw(name);
    const path = this.raw(`${name}_FILE`);
    if (inline !== undefined && path !== undefined) {
      this.problem(`${name}, ${name}_FILE`, 'set only one');
      return undefined;
    }
    if (inline !== undefined) return new Secret(inline);
    if (path === undefined) return undefined;
    const content = this.read(`${name}_FILE`, path);
    // A trailing newline in a mounted secret file is an artefact of editors, not part of the password.
    return content === undefined ? undefined : new Secret(content.replace(/\r?\n$/, ''));
  }

  /** Throws one ConfigError listing every recorded problem. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError([...this.problems]);
  }

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  private read(name: string, path: string): string | undefined {
    try {
      return this.readFile(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      this.problem(name, `cannot read ${path} (${code})`);
      return undefined;
    }
  }
}
