import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { recordKindOfFile } from '../files';
import type { RecordKind } from '../schema';
import { DEFAULT_TOPICS, type TopicNames } from '../runtime/topic-names';
import { CliError } from '../../services/cli/cli-error';

/** The kinds `cdr publish` sends, in the order it sends them: reference data before what needs it. */
export const PUBLISHED_KINDS = ['account', 'tariff', 'sipcore', 'media', 'provisioning', 'activity'] as const;
export type PublishedKind = (typeof PUBLISHED_KINDS)[number];

export interface PublishFile {
  readonly path: string;
  readonly kind: PublishedKind;
  readonly topic: string;
}

export function topicOfKind(kind: PublishedKind, t: TopicNames): string {
  const topics: Record<PublishedKind, string> = {
    account: t.accounts,
    tariff: t.tariffs,
    sipcore: t.sipcore,
    media: t.media,
    provisioning: t.provisioning,
    activity: t.registrations,
  };
  return topics[kind];
}

const isPublished = (kind: RecordKind | null): kind is PublishedKind =>
  kind !== null && (PUBLISHED_KINDS as readonly string[]).includes(kind);

/**
 * The files to publish from files and folders (a folder's files by name, not its subfolders),
 * accounts and tariffs first, then each kind in the order given, each file once. A folder's other files (ledgers,
 * invoices, dead letters) are left out; a named file that is not an input is a mistake.
 */
export function publishFiles(paths: readonly string[], topics: TopicNames): PublishFile[] {
  const found: { path: string; kind: PublishedKind }[] = [];
  for (const path of paths) {
    const stat = statOrNull(path);
    if (stat === null) throw new CliError(`publish: no such file or folder: ${path}`);
    if (stat.isDirectory()) {
      const inFolder = readdirSync(path).sort().flatMap((name) => {
        const kind = recordKindOfFile(name);
        const file = join(path, name);
        return isPublished(kind) && statOrNull(file)?.isFile() ? [{ path: file, kind }] : [];
      });
      if (inFolder.length === 0) throw new CliError(`publish: no input files in ${path} (names like cdr.sipcore.jsonl, accounts.json)`);
      found.push(...inFolder);
      continue;
    }
    const kind = recordKindOfFile(path);
    if (!isPublished(kind)) {
      const names = PUBLISHED_KINDS.map((k) => topicOfKind(k, DEFAULT_TOPICS)).join(', ');
      throw new CliError(`publish: ${path} is not an input file; name it after its topic (${names})`);
    }
    found.push({ path, kind });
  }
  // A file named and also inside a named folder is published once.
  const unique = [...new Map(found.map((f) => [f.path, f])).values()];
  return PUBLISHED_KINDS.flatMap((kind) => unique.filter((f) => f.kind === kind).map((f) => ({ ...f, topic: topicOfKind(kind, topics) })));
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
