import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Finds the repository's schemas/ folder by walking up from `from`, so the same code works from
 * the TypeScript sources (libs/schema) and from the compiled output (dist/libs/schema).
 */
export function findSchemasDir(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, 'Account.avsc'))) return candidate;
    if (dirname(dir) === dir) {
      throw new Error(`cannot find schemas/Account.avsc in ${from} or any folder above it`);
    }
  }
}

/** Reads and parses one .avsc file; a broken file names itself in the error. */
export function readSchemaFile(dir: string, fileName: string): object {
  const path = join(dir, fileName);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read schema ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as object;
  } catch (err) {
    throw new Error(`schema ${path} is not valid JSON: ${(err as Error).message}`);
  }
}
