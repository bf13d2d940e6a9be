import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Cuts every record stream of an input folder (its JSON Lines files but accounts and tariffs) into
 * `count` consecutive slices, one folder per slice holding each file's share under the same name,
 * so a test can `cdr publish` the input a slice at a time and keep records flowing while it starts,
 * kills or adds service instances. Together the slices hold every line exactly once, in order.
 */
export async function writeStreamSlices(inputDir: string, targetDir: string, count: number): Promise<string[]> {
  const names = (await readdir(inputDir)).filter((n) => n.endsWith('.jsonl')).sort();
  const folders = Array.from({ length: count }, (_, i) => join(targetDir, `slice-${String(i + 1).padStart(3, '0')}`));
  const filled = new Set<string>();
  for (const name of names) {
    const lines = (await readFile(join(inputDir, name), 'utf8')).split('\n').filter((line) => line !== '');
    for (let i = 0; i < count; i++) {
      const share = lines.slice(Math.floor((i * lines.length) / count), Math.floor(((i + 1) * lines.length) / count));
      if (share.length === 0) continue;
      await mkdir(folders[i]!, { recursive: true });
      await writeFile(join(folders[i]!, name), `${share.join('\n')}\n`);
      filled.add(folders[i]!);
    }
  }
  return folders.filter((folder) => filled.has(folder));
}
