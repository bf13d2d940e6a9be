import avro from 'avsc';

/** Confluent's error body: a numeric code the client can branch on, and a message for people. */
export class RegistryFault extends Error {
  constructor(readonly status: number, readonly errorCode: number, message: string) {
    super(message);
  }
}

export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;
export type Compatibility = (typeof COMPATIBILITY_LEVELS)[number];

interface Version {
  readonly version: number;
  readonly id: number;
}

export interface SubjectVersion {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
}

/**
 * The state behind the Schema Registry test double: schemas with global ids (the same schema text
 * gets the same id in every subject), subjects as version lists, and compatibility levels checked
 * with avsc resolvers: BACKWARD means the new schema can read what the latest one wrote.
 */
export class SchemaSubjects {
  private readonly schemas: string[] = []; // index = id - 1
  private readonly subjects = new Map<string, Version[]>();
  private readonly levels = new Map<string, Compatibility>();
  globalLevel: Compatibility = 'BACKWARD';

  subjectNames(): string[] {
    return [...this.subjects.keys()];
  }

  schemaById(id: number): string {
    const schema = this.schemas[id - 1];
    if (schema === undefined) throw new RegistryFault(404, 40403, 'Schema not found');
    return schema;
  }

  versions(subject: string): number[] {
    return this.versionList(subject).map((v) => v.version);
  }

  version(subject: string, which: string): SubjectVersion {
    const list = this.versionList(subject);
    const found = which === 'latest' ? list[list.length - 1] : list.find((v) => String(v.version) === which);
    if (!found) throw new RegistryFault(404, 40402, 'Version not found.');
    return { subject, version: found.version, id: found.id, schema: this.schemaById(found.id) };
  }

  /** Registers `schema` under `subject`: the existing id if it is already there, else a new version if compatible. */
  register(subject: string, schema: string): number {
    const text = canonical(schema);
    const list = this.subjects.get(subject) ?? [];
    const known = list.find((v) => this.schemas[v.id - 1] === text);
    if (known) return known.id;
    const problem = this.incompatibility(subject, text);
    if (problem) {
      throw new RegistryFault(
        409,
        409,
        `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: ${problem}`,
      );
    }
    let id = this.schemas.indexOf(text) + 1;
    if (id === 0) id = this.schemas.push(text);
    list.push({ version: (list[list.length - 1]?.version ?? 0) + 1, id });
    this.subjects.set(subject, list);
    return id;
  }

  /** The registered version of `schema` in `subject` (POST /subjects/:subject). */
  lookup(subject: string, schema: string): SubjectVersion {
    const text = canonical(schema);
    const found = this.versionList(subject).find((v) => this.schemas[v.id - 1] === text);
    if (!found) throw new RegistryFault(404, 40403, 'Schema not found');
    return { subject, version: found.version, id: found.id, schema: text };
  }

  /** Whether `schema` could be registered now; compared with `which` version for non-transitive levels. */
  isCompatible(subject: string, schema: string, which: string): boolean {
    if (which !== 'latest') this.version(subject, which); // 404 for a version that does not exist
    return this.incompatibility(subject, canonical(schema)) === undefined;
  }

  levelOf(subject: string): Compatibility | undefined {
    return this.levels.get(subject);
  }

  setLevel(subject: string, level: string): Compatibility {
    const valid = COMPATIBILITY_LEVELS.find((l) => l === level.toUpperCase());
    if (!valid) throw new RegistryFault(422, 42203, `Invalid compatibility level ${level}`);
    this.levels.set(subject, valid);
    return valid;
  }

  private versionList(subject: string): Version[] {
    const list = this.subjects.get(subject);
    if (!list || list.length === 0) throw new RegistryFault(404, 40401, `Subject '${subject}' not found.`);
    return list;
  }

  private incompatibility(subject: string, text: string): string | undefined {
    const level = this.levels.get(subject) ?? this.globalLevel;
    const list = this.subjects.get(subject) ?? [];
    if (level === 'NONE' || list.length === 0) return undefined;
    const against = level.endsWith('_TRANSITIVE') ? list : list.slice(-1);
    const candidate = parse(text);
    for (const { id, version } of against) {
      const earlier = parse(this.schemas[id - 1]!);
      const checks: Array<[avro.Type, avro.Type, string]> = [];
      if (level.startsWith('BACKWARD') || level.startsWith('FULL')) checks.push([candidate, earlier, 'read data written with']);
      if (level.startsWith('FORWARD') || level.startsWith('FULL')) checks.push([earlier, candidate, 'be read by']);
      for (const [reader, writer, relation] of checks) {
        try {
          reader.createResolver(writer);
        } catch (err) {
          return `the new schema cannot ${relation} version ${version} (${level}): ${(err as Error).message}`;
        }
      }
    }
    return undefined;
  }
}

function canonical(schema: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(schema);
    avro.Type.forSchema(parsed as avro.Schema);
  } catch (err) {
    throw new RegistryFault(422, 42201, `Invalid schema: ${(err as Error).message}`);
  }
  return JSON.stringify(parsed);
}

const parse = (text: string): avro.Type => avro.Type.forSchema(JSON.parse(text) as avro.Schema);
