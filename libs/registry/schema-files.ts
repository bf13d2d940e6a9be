import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';

/** The repository's schemas/ directory, found upwards from here (works from libs/ and from dist/libs/). */
export function schemasDir(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, 'RatedRecord.avsc'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`no schemas/ directory above ${from}`);
  }
}

/** Reads `schemas/<name>.avsc` (e.g. 'RatedRecord') as the JSON the registry client registers. */
export function readAvroSchema(name: string, dir = schemasDir()): RawAvroSchema {
  return JSON.parse(readFileSync(join(dir, `${name}.avsc`), 'utf8')) as RawAvroSchema;
}
